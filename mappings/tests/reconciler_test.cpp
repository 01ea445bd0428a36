#include <catch2/catch.hpp>

#include <map>
#include <string>

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

TEST_CASE("name counts stay exact while the frequency table grows", "[mappings][match]") {
  // 3,375 distinct names, name k written (k % 7) + 1 times: the table doubles several times.
  const char* words[] = {"budi", "sari", "agus", "dewi", "eko",  "rina",    "joko", "tuti",
                         "andi", "wati", "hadi", "yuni", "bayu", "lestari", "rudi"};
  RecordTable t({Field::kNama});
  EmployeeRecord r;
  for (int k = 0; k < 15 * 15 * 15; ++k) {
    std::string name = std::string(words[k % 15]) + " " + words[k / 15 % 15] + " " +
                       words[k / 225] + "x";  // "x": no word pair folds into another
    for (int copy = 0; copy <= k % 7; ++copy) {
      r.clear();
      r.key = std::to_string(t.size());
      r.set(Field::kNama, name);
      t.add(r);
    }
  }
  std::map<std::uint64_t, std::uint32_t> expected;
  for (std::uint32_t i = 0; i < t.size(); ++i) ++expected[t.features(i).nameHash];
  NameFrequency freq;
  freq.build(t);
  CHECK(freq.distinct() == expected.size());
  CHECK(expected.size() == 15 * 15 * 15);
  for (const auto& [hash, n] : expected) REQUIRE(freq.count(hash) == n);
  CHECK(freq.count(hash64("nobody at all")) == 0);
  CHECK(freq.count(0) == 0);
}

TEST_CASE("a score floor leaves every pair that reaches it unchanged", "[mappings][match]") {
  // Records that agree and disagree in every combination of NIP, NIK, name, birth date and sex.
  const char* nips[] = {"199001312015031002", "199001312015031012", "198505052010011001", ""};
  const char* names[] = {"Ahmad Yani", "Achmad Yani", "Yani Ahmad", "Bambang Wijaya", ""};
  const char* dobs[] = {"1990-01-31", "1990-01-13", "1985-05-05", ""};
  const char* niks[] = {"3404013101900001", "3404013101900002", ""};
  RecordTable t({Field::kNip, Field::kNama, Field::kTglLahir, Field::kJenisKelamin, Field::kNik});
  EmployeeRecord r;
  for (const char* nip : nips)
    for (const char* name : names)
      for (const char* dob : dobs)
        for (const char* nik : niks)
          for (const char* sex : {"M", "F"}) {
            r.clear();
            r.key = std::to_string(t.size());
            r.set(Field::kNip, nip);
            r.set(Field::kNama, name);
            r.set(Field::kTglLahir, dob);
            r.set(Field::kNik, nik);
            r.set(Field::kJenisKelamin, sex);
            t.add(r);
          }
  NameFrequency freq;
  freq.build(t);
  std::size_t reached = 0, below = 0;
  for (const float floor : {6.0f, 15.0f})
    for (std::uint32_t a = 0; a < t.size(); ++a)
      for (std::uint32_t b = 0; b < t.size(); b += 7) {
        const PairScore full = scorePair(t, a, t, b, freq);
        const PairScore cut = scorePair(t, a, t, b, freq, floor);
        if (full.total >= floor) {
          ++reached;
          REQUIRE(cut.total == full.total);  // bit for bit
          REQUIRE(cut.levels == full.levels);
          REQUIRE(cut.nameSimilarity == full.nameSimilarity);
        } else {
          ++below;
          REQUIRE(cut.total < floor);
        }
      }
  CHECK(reached > 100);
  CHECK(below > 100);
}

TEST_CASE("a reconcile reports the time of each stage", "[mappings][match]") {
  auto left = tableOf({{"1", "199001312015031002", "Ahmad Yani", "1990-01-31", "M"}});
  auto right = tableOf({{"A", "199001312015031002", "Ahmad Yani", "1990-01-31", "M"}});
  auto result = Reconciler().run(left, right, 1);
  REQUIRE(result.stageSeconds.size() >= 5);
  CHECK(result.stageSeconds.front().first == "indexes");
  for (const auto& [name, seconds] : result.stageSeconds) {
    CHECK(!name.empty());
    CHECK(seconds >= 0.0);
  }
}
