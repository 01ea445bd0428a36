#include <catch2/catch.hpp>

#include "sinkron/mappings/reconciler.hpp"

using namespace sinkron::mappings;

namespace {
struct Person {
  const char* key;
  const char* nip;
  const char* nama;
  const char* dob;
  const char* sex;
  const char* nik = "";
  const char* place = "";
};

RecordTable tableOf(std::initializer_list<Person> people) {
  RecordTable t({Field::kNip, Field::kNama, Field::kTglLahir, Field::kJenisKelamin, Field::kNik,
                 Field::kTempatLahir});
  EmployeeRecord r;
  std::uint64_t line = 1;
  for (const auto& p : people) {
    r.clear();
    r.key = p.key;
    r.line = ++line;
    r.set(Field::kNip, p.nip);
    r.set(Field::kNama, p.nama);
    r.set(Field::kTglLahir, p.dob);
    r.set(Field::kJenisKelamin, p.sex);
    r.set(Field::kNik, p.nik);
    r.set(Field::kTempatLahir, p.place);
    t.add(r);
  }
  return t;
}

const Link* linkOf(const ReconcileResult& r, std::uint32_t left) {
  for (const auto& l : r.links)
    if (l.left == left) return &l;
  return nullptr;
}
}  // namespace

TEST_CASE("same NIP with the rest of the record agreeing is a match with an explanation",
          "[mappings][match]") {
  auto left = tableOf({{"1", "199001312015031002", "Dr. Ahmad Yani, M.Si.", "1990-01-31", "M"}});
  auto right = tableOf({{"A", "199001312015031002", "AHMAD YANI", "1990-01-31", "M"}});
  auto result = Reconciler().run(left, right, 1);
  REQUIRE(result.links.size() == 1);
  CHECK(result.links[0].decision == Decision::kMatch);
  CHECK(result.links[0].pass == MatchPass::kNip);
  auto score = Reconciler().explain(result, left, 0, right, 0);
  CHECK(score.total == Approx(result.links[0].score));  // the explanation adds up to the score
  auto why = score.explain();
  CHECK(why.find("nip=sama(+") != std::string::npos);
  CHECK(why.find("nama=sama(+") != std::string::npos);
  CHECK(why.find("tgl_lahir=sama(+") != std::string::npos);
}

TEST_CASE("a mistyped NIP equal to another person's NIP is not linked to that person",
          "[mappings][match]") {
  // Left row 0 (Budi) carries Sari's NIP by mistake; Sari's own row has it too.
  auto left = tableOf({
      {"1", "199001312015032001", "Budi Santoso", "1990-01-31", "M", "3404013101900001", "Sleman"},
      {"2", "199001312015032001", "Sari Dewi", "1990-01-31", "F", "3404017101900002", "Bantul"},
  });
  auto right = tableOf({
      {"A", "199001312015031001", "Budi Santoso", "1990-01-31", "M", "3404013101900001", "Sleman"},
      {"B", "199001312015032001", "Sari Dewi", "1990-01-31", "F", "3404017101900002", "Bantul"},
  });
  auto result = Reconciler().run(left, right, 1);
  const Link* budi = linkOf(result, 0);
  const Link* sari = linkOf(result, 1);
  REQUIRE(budi);
  REQUIRE(sari);
  CHECK(budi->right == 0);
  CHECK(budi->decision == Decision::kMatch);
  CHECK(sari->right == 1);
  CHECK(result.duplicates.empty());
}

TEST_CASE("namesakes with the same name and birth date but different ids are never matched",
          "[mappings][match]") {
  auto left =
      tableOf({{"1", "198505052010011001", "Sutrisno", "1985-05-05", "M", "3404010505850001"}});
  auto right =
      tableOf({{"A", "198505052012031004", "Sutrisno", "1985-05-05", "M", "3471010505850007"}});
  auto result = Reconciler().run(left, right, 1);
  for (const auto& l : result.links) CHECK(l.decision != Decision::kMatch);
}

TEST_CASE("a second left record of the same person is a duplicate naming the same right key",
          "[mappings][match]") {
  auto left = tableOf({
      {"1", "199001312015031002", "Ahmad Yani", "1990-01-31", "M", "3404013101900001"},
      {"2", "", "Achmad Yani", "1990-01-31", "M", "3404013101900001"},
  });
  auto right =
      tableOf({{"A", "199001312015031002", "Ahmad Yani", "1990-01-31", "M", "3404013101900001"}});
  auto result = Reconciler().run(left, right, 1);
  REQUIRE(result.links.size() == 2);
  CHECK(result.links[0].right == 0);
  CHECK(result.links[1].right == 0);
  CHECK(result.links[1].pass == MatchPass::kDuplicate);
  REQUIRE(result.duplicates.size() == 1);
  CHECK(result.duplicates[0].record == 1);
  CHECK(result.duplicates[0].of == 0);
}

TEST_CASE("a NIP one digit off links when birth date and sex agree", "[mappings][match]") {
  auto left = tableOf({{"1", "199001312015031012", "Siti Aminah", "1990-01-31", "F"}});
  auto right = tableOf({{"A", "199001312015031002", "St. Aminah", "1990-01-31", "F"}});
  auto result = Reconciler().run(left, right, 1);
  REQUIRE(result.links.size() == 1);
  CHECK(result.links[0].pass == MatchPass::kNipNear);
  CHECK(result.links[0].decision == Decision::kMatch);
}

TEST_CASE("people on one side only stay unlinked", "[mappings][match]") {
  auto left = tableOf({{"1", "199001312015031002", "Ahmad Yani", "1990-01-31", "M"}});
  auto right = tableOf({{"A", "197703032000121003", "Bambang Wijaya", "1977-03-03", "M"}});
  auto result = Reconciler().run(left, right, 1);
  CHECK(result.links.empty());
  CHECK(result.leftLinked[0] == 0);
  CHECK(result.rightLinked[0] == 0);
}

TEST_CASE("Jaro-Winkler and near NIPs", "[mappings][match]") {
  CHECK(jaroWinkler("martha", "marhta") == Approx(0.9611).epsilon(0.001));
  CHECK(jaroWinkler("", "x") == 0.0);
  CHECK(jaroWinkler("abc", "abc") == 1.0);
  CHECK(nipNear(199001312015031002ull, 199001312015031012ull));
  CHECK(nipNear(199001312015031002ull, 199001312015030012ull) == false);  // two digits apart
  CHECK(nipNear(199001312015031002ull, 199001312015030120ull) == false);
  CHECK(nipNear(199001312015031002ull, 199001312015031020ull));  // transposition
}
