#include <catch2/catch.hpp>

#include <set>

#include "sinkron/mappings/anomalies.hpp"

using namespace sinkron::mappings;

namespace {

// A record with nothing to report on 2024-06-30.
EmployeeRecord cleanRecord() {
  EmployeeRecord r;
  r.set(Field::kNip, "199001312015031002");
  r.set(Field::kNik, "3404013101900002");
  r.set(Field::kNama, "Budi Santoso");
  r.set(Field::kGelarBelakang, "S.Kom.");
  r.set(Field::kTglLahir, "1990-01-31");
  r.set(Field::kJenisKelamin, "M");
  r.set(Field::kGolongan, "32");
  r.set(Field::kJenisJabatan, "4");
  r.set(Field::kJabatan, "Pengelola Data");
  r.set(Field::kKedudukan, "01");
  r.set(Field::kStatusPegawai, "PNS");
  r.set(Field::kTmtCpns, "2015-03-01");
  r.set(Field::kTmtPns, "2016-04-01");
  r.set(Field::kEmail, "budi@slemankab.go.id");
  r.set(Field::kPhone, "081234567890");
  return r;
}

const AnomalyOptions kOptions{CivilDate{2024, 6, 30}};

std::vector<Anomaly> check(const EmployeeRecord& r, const AnomalyOptions& o = kOptions) {
  std::vector<Anomaly> out;
  checkAnomalies(r, o, out);
  return out;
}

std::string codes(const std::vector<Anomaly>& found) {
  std::string s;
  for (const auto& a : found) s += std::string(a.code) + " ";
  return s;
}

}  // namespace

TEST_CASE("a clean record has no anomalies", "[mappings]") {
  CHECK(check(cleanRecord()).empty());
}

TEST_CASE("one fault gives one anomaly with its field, severity and message", "[mappings]") {
  auto [field, value, code, target, severity, message] =
      GENERATE(table<Field, std::string, std::string, Field, Severity, std::string>({
          {Field::kNip, "19900131201503100", "nip_invalid", Field::kNip, Severity::kError,
           "NIP '19900131201503100' has 17 digits, expected 18 or 9"},
          {Field::kNip, "131234567", "nip_invalid", Field::kNip, Severity::kError,
           "NIP '131234567' has 9 digits: an old NIP in the NIP field (expected 18 digits)"},
          {Field::kNipLama, "13123456", "nip_invalid", Field::kNipLama, Severity::kError,
           "old NIP '13123456' has 8 digits, expected 9"},
          {Field::kNip, "199001132015031002", "nip_tgl_lahir", Field::kTglLahir, Severity::kError,
           "NIP says birth date 1990-01-13, record says 1990-01-31"},
          {Field::kNip, "199001312015032002", "nip_jenis_kelamin", Field::kJenisKelamin,
           Severity::kError, "NIP says sex F, record says M"},
          {Field::kTmtCpns, "2015-04-01", "nip_tmt_cpns", Field::kTmtCpns, Severity::kError,
           "NIP says TMT CPNS 2015-03, record says 2015-04-01"},
          {Field::kNik, "", "nik_invalid", Field::kNik, Severity::kError,
           "NIK is empty (expected 16 digits)"},
          {Field::kNik, "3404013113900002", "nik_invalid", Field::kNik, Severity::kError,
           "birth month 13 in NIK '3404013113900002' must be 01..12"},
          {Field::kNik, "3404013101910002", "nik_tgl_lahir", Field::kNik, Severity::kWarning,
           "NIK says birth date 31-01-91 (dd-mm-yy), record says 1990-01-31"},
          {Field::kNik, "3404017101900002", "nik_jenis_kelamin", Field::kNik, Severity::kWarning,
           "NIK says sex F, record says M"},
          {Field::kTmtPns, "2014-04-01", "tmt_cpns_setelah_tmt_pns", Field::kTmtCpns,
           Severity::kError, "TMT CPNS 2015-03-01 is after TMT PNS 2014-04-01"},
          {Field::kEmail, "", "email_kosong", Field::kEmail, Severity::kWarning, "email is empty"},
          {Field::kEmail, "budi@slemankab", "email_tidak_valid", Field::kEmail, Severity::kWarning,
           "email 'budi@slemankab' is not an address (expected name@domain.tld)"},
          {Field::kPhone, "", "phone_kosong", Field::kPhone, Severity::kWarning, "phone is empty"},
          {Field::kGelarBelakang, "", "gelar_kosong", Field::kGelarBelakang, Severity::kInfo,
           "no gelar while golongan is 32 (III/b), which usually implies a degree"},
          {Field::kJabatan, "", "jabatan_kosong", Field::kJabatan, Severity::kWarning,
           "jabatan is empty"},
      }));
  CAPTURE(fieldName(field), value);
  EmployeeRecord r = cleanRecord();
  r.set(field, value);
  const auto found = check(r);
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == code);
  CHECK(found[0].field == target);
  CHECK(found[0].severity == severity);
  CHECK(found[0].message == message);
}

TEST_CASE("email plausibility", "[mappings]") {
  auto [email, ok] = GENERATE(table<std::string, bool>({
      {"a.b@mail.example.id", true},
      {"@example.id", false},
      {"budi@@example.id", false},
      {"budi@example.", false},
      {"budi@.example", false},
      {"budi @example.id", false},
      {"a@x.id, b@y.id", false},
      {"budi@example..id", false},
  }));
  EmployeeRecord r = cleanRecord();
  r.set(Field::kEmail, email);
  CHECK(check(r).empty() == ok);
}

TEST_CASE("identifier and date gaps", "[mappings]") {
  EmployeeRecord r = cleanRecord();

  SECTION("no NIP and no old NIP") {
    r.set(Field::kNip, "");
    const auto found = check(r);
    REQUIRE(found.size() == 1);
    CHECK(found[0].code == "nip_kosong");
    CHECK(found[0].message == "no NIP and no old NIP (expected one of them)");
  }
  SECTION("an old NIP alone is enough") {
    r.set(Field::kNip, "");
    r.set(Field::kNipLama, "131234567");
    CHECK(check(r).empty());
  }
  SECTION("empty birth date: reported, and not compared with NIP or NIK") {
    r.set(Field::kTglLahir, "");
    const auto found = check(r);
    REQUIRE(found.size() == 1);
    CHECK(found[0].code == "tgl_lahir_kosong");
    CHECK(found[0].severity == Severity::kError);
  }
  SECTION("gelar is not expected below golongan III") {
    r.set(Field::kGelarBelakang, "");
    r.set(Field::kGolongan, "24");
    CHECK(check(r).empty());
  }
  SECTION("a jabatan id alone counts as a jabatan") {
    r.set(Field::kJabatan, "");
    r.set(Field::kJabatanId, "J-0042");
    CHECK(check(r).empty());
  }
  SECTION("PPPK: no TMT CPNS comparison") {
    r.set(Field::kNip, "199001312021211002");
    r.set(Field::kStatusPegawai, "PPPK");
    r.set(Field::kTmtCpns, "");
    r.set(Field::kTmtPns, "");
    CHECK(check(r).empty());
  }
  SECTION("several faults are all reported") {
    r.set(Field::kEmail, "");
    r.set(Field::kPhone, "");
    r.set(Field::kJenisKelamin, "F");
    CHECK(codes(check(r)) == "nip_jenis_kelamin nik_jenis_kelamin email_kosong phone_kosong ");
  }
}

TEST_CASE("melewati_bup: still active after the pension date", "[mappings]") {
  EmployeeRecord r = cleanRecord();
  r.set(Field::kNip, "196605101990031001");
  r.set(Field::kNik, "3404011005660001");
  r.set(Field::kTglLahir, "1966-05-10");
  r.set(Field::kTmtCpns, "1990-03-01");
  r.set(Field::kTmtPns, "1991-04-01");

  auto [asOf, jenisJabatan, kedudukan, status, flagged] =
      GENERATE(table<CivilDate, std::string, std::string, std::string, bool>({
          {{2024, 6, 1}, "4", "01", "PNS", true},
          {{2024, 5, 31}, "4", "01", "PNS", false},  // 58 already, pension starts 1 June
          {{2024, 6, 1}, "4", "", "PNS", true},
          {{2024, 6, 1}, "4", "99", "PNS", false},
          {{2024, 6, 1}, "4", "20", "PNS", false},
          {{2024, 6, 1}, "4", "01", "PPPK", false},
          {{2024, 6, 1}, "2", "01", "PNS", false},  // fungsional tertentu: 60
          {{2026, 6, 1}, "2", "01", "PNS", true},
          {{2026, 5, 31}, "2", "01", "PNS", false},
      }));
  r.set(Field::kJenisJabatan, jenisJabatan);
  r.set(Field::kKedudukan, kedudukan);
  r.set(Field::kStatusPegawai, status);
  CAPTURE(asOf.iso(), jenisJabatan, kedudukan, status);
  const auto found = check(r, AnomalyOptions{asOf});
  if (!flagged) {
    CHECK(found.empty());
    return;
  }
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == "melewati_bup");
  CHECK(found[0].field == Field::kKedudukan);
  CHECK(found[0].severity == Severity::kError);
  if (jenisJabatan == "4") {
    CHECK(found[0].message ==
          "born 1966-05-10, BUP 58: pension due from 2024-06-01, still active on " + asOf.iso());
  }
}

TEST_CASE("melewati_bup uses the NIP birth date when the record has none", "[mappings]") {
  EmployeeRecord r = cleanRecord();
  r.set(Field::kNip, "196605101990031001");
  r.set(Field::kNik, "3404011005660001");
  r.set(Field::kTglLahir, "");
  r.set(Field::kTmtCpns, "1990-03-01");
  CHECK(codes(check(r)) == "tgl_lahir_kosong melewati_bup ");
}

TEST_CASE("cpns_lebih_1_tahun: CPNS for more than a year", "[mappings]") {
  EmployeeRecord r = cleanRecord();
  r.set(Field::kNip, "199001312023031002");
  r.set(Field::kStatusPegawai, "CPNS");
  r.set(Field::kTmtCpns, "2023-03-01");
  r.set(Field::kTmtPns, "");

  SECTION("on the anniversary it is exactly a year: not yet") {
    CHECK(check(r, AnomalyOptions{CivilDate{2024, 3, 1}}).empty());
  }
  SECTION("a day later") {
    const auto found = check(r, AnomalyOptions{CivilDate{2024, 3, 2}});
    REQUIRE(found.size() == 1);
    CHECK(found[0].code == "cpns_lebih_1_tahun");
    CHECK(found[0].field == Field::kStatusPegawai);
    CHECK(found[0].message == "CPNS since TMT 2023-03-01, more than a year before 2024-03-02");
  }
  SECTION("not while on leave or dismissed") {
    r.set(Field::kKedudukan, "66");
    CHECK(check(r).empty());
  }
  SECTION("no asOf: age and tenure checks are skipped") {
    CHECK(check(r, AnomalyOptions{}).empty());
  }
}

TEST_CASE("anomalyKinds lists every code once with a severity and a fix", "[mappings]") {
  const auto& kinds = anomalyKinds();
  std::set<std::string_view> seen;
  for (const auto& k : kinds) {
    CHECK(seen.insert(k.code).second);
    CHECK_FALSE(k.description.empty());
  }
  const std::set<std::string_view> expected = {
      "nip_invalid",    "nip_tgl_lahir",     "nip_jenis_kelamin", "nip_tmt_cpns",
      "nik_invalid",    "nik_tgl_lahir",     "nik_jenis_kelamin", "tmt_cpns_setelah_tmt_pns",
      "email_kosong",   "email_tidak_valid", "phone_kosong",      "gelar_kosong",
      "jabatan_kosong", "tgl_lahir_kosong",  "melewati_bup",      "cpns_lebih_1_tahun",
      "nip_kosong"};
  CHECK(seen == expected);
  for (const auto& k : kinds)
    if (k.code == "gelar_kosong") CHECK(k.severity == Severity::kInfo);
  CHECK(severityName(Severity::kInfo) == "info");
  CHECK(severityName(Severity::kWarning) == "warning");
  CHECK(severityName(Severity::kError) == "error");
}
