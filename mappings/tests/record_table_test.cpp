#include <catch2/catch.hpp>

#include "sinkron/mappings/civil_date.hpp"
#include "sinkron/mappings/record_table.hpp"

using namespace sinkron::mappings;

TEST_CASE("RecordTable gives back every stored value, including ones rebuilt from features",
          "[mappings]") {
  RecordTable t(
      {Field::kNip, Field::kNik, Field::kTglLahir, Field::kNama, Field::kUnitId, Field::kEmail});
  EmployeeRecord r;
  r.key = "7";
  r.line = 9;
  r.set(Field::kNip, "199001312015031002");
  r.set(Field::kNik, "3404017101900001");
  r.set(Field::kTglLahir, "1990-01-31");
  r.set(Field::kNama, "Siti Aminah");
  r.set(Field::kUnitId, "A8ACA7397AEB3912E040640A040269BB");
  auto a = t.add(r);
  r.clear();
  r.key = "8";
  r.set(Field::kNip, "19900131201503100");  // 17 digits: kept as written
  r.set(Field::kTglLahir, "31-01-1990");    // not canonical: kept as written
  r.set(Field::kEmail, "x@y.id");
  auto b = t.add(r);

  CHECK(t.key(a) == "7");
  CHECK(t.line(a) == 9);
  CHECK(t.value(a, Field::kNip) == "199001312015031002");
  CHECK(t.value(a, Field::kNik) == "3404017101900001");
  CHECK(t.value(a, Field::kTglLahir) == "1990-01-31");
  CHECK(t.value(a, Field::kNama) == "Siti Aminah");
  CHECK(t.value(a, Field::kEmail).empty());
  CHECK_FALSE(t.stores(Field::kUnitId));  // ids local to one source are never compared
  CHECK(t.name(a) == "siti aminah");

  RecordValues v;
  t.values(a, v);
  CHECK(v[Field::kNip] == "199001312015031002");
  CHECK(v[Field::kNik] == "3404017101900001");
  CHECK(v[Field::kTglLahir] == "1990-01-31");
  CHECK(v[Field::kNama] == "Siti Aminah");
  t.values(b, v);
  CHECK(v[Field::kNip] == "19900131201503100");
  CHECK(v[Field::kTglLahir] == "31-01-1990");
  CHECK(v[Field::kEmail] == "x@y.id");
  CHECK(v[Field::kNik].empty());

  // Lazily: values kept as features are pending until materialized; the rest as before.
  t.values(a, v, /*lazy=*/true);
  CHECK(v.isPending(Field::kNip));
  CHECK(v.isPending(Field::kNik));
  CHECK(v.isPending(Field::kTglLahir));
  CHECK_FALSE(v.isPending(Field::kNama));
  CHECK(v[Field::kNama] == "Siti Aminah");
  CHECK(t.materialize(a, Field::kTglLahir, v) == "1990-01-31");
  CHECK(t.materialize(a, Field::kNip, v) == "199001312015031002");
  CHECK(t.materialize(a, Field::kNik, v) == "3404017101900001");
  CHECK(v[Field::kTglLahir] == "1990-01-31");  // still valid after more rebuilds
  CHECK_FALSE(v.isPending(Field::kNip));
  t.values(b, v, /*lazy=*/true);  // not derivable: stored as text, nothing pending
  CHECK(v.pending == 0);
  CHECK(v[Field::kNip] == "19900131201503100");
  CHECK(t.materialize(b, Field::kTglLahir, v) == "31-01-1990");
}

TEST_CASE("RecordTable keeps a NIP with any non-digit as written, not as a number", "[mappings]") {
  RecordTable t({Field::kNip, Field::kNik});
  const std::string nip = "199001312015031002";
  EmployeeRecord r;
  r.key = "1";
  r.set(Field::kNip, nip);
  CHECK(t.features(t.add(r)).nip == 199001312015031002ull);
  for (std::size_t at = 0; at < nip.size(); ++at) {
    for (int byte = 1; byte < 256; ++byte) {
      const char c = static_cast<char>(byte);
      if (c >= '0' && c <= '9') continue;
      std::string text = nip;
      text[at] = c;
      r.set(Field::kNip, text);
      const auto i = t.add(r);
      INFO("byte " << byte << " at " << at);
      REQUIRE(t.features(i).nip == 0);
      REQUIRE(t.value(i, Field::kNip) == text);
    }
  }
}

TEST_CASE("RecordTable decodes packed dates lazily as days", "[mappings]") {
  RecordTable t({Field::kTmtCpns, Field::kTmtPns, Field::kEmail});
  EmployeeRecord r;
  r.key = "1";
  r.set(Field::kTmtCpns, "2015-03-01");
  r.set(Field::kTmtPns, "01-03-2016");  // not canonical: kept as text
  r.set(Field::kEmail, "a@b.id");
  const auto i = t.add(r);
  RecordValues v;
  t.values(i, v, /*lazy=*/true);
  CHECK(v.isPending(Field::kTmtCpns));
  CHECK(v.isPackedDate(Field::kTmtCpns));
  CHECK(v.days[index(Field::kTmtCpns)] == CivilDate{2015, 3, 1}.toDays());
  CHECK_FALSE(v.isPending(Field::kTmtPns));
  CHECK(v[Field::kTmtPns] == "01-03-2016");
  CHECK(t.materialize(i, Field::kTmtCpns, v) == "2015-03-01");
  CHECK_FALSE(v.isPackedDate(Field::kTmtCpns));
  CHECK(v[Field::kEmail] == "a@b.id");
  t.values(i, v);  // eager: everything as text
  CHECK(v[Field::kTmtCpns] == "2015-03-01");
  CHECK_FALSE(v.isPending(Field::kTmtCpns));
}
