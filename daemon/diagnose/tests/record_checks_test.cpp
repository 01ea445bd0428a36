// The pure record checks: kedudukan, retirement age by position type, PPPK, NIP layout errors.
#include <catch2/catch.hpp>

#include "../src/record_checks.hpp"

using namespace sinkron;
using namespace sinkron::diagnose;
using mappings::Field;

namespace {

mappings::EmployeeRecord person() {
  return detail::recordFromJson(
      R"({"nip":"196503152000031001","nik":"3404011503650001","nama":"Slamet Riyadi",)"
      R"("tgl_lahir":"1965-03-15","jenis_kelamin":"M","tmt_cpns":"2000-03-01","kedudukan":"01",)"
      R"("status_pegawai":"PNS","jenis_jabatan":"4","jabatan":"Pengadministrasi","jabatan_id":"J9",)"
      R"("unit":"Kecamatan","unit_id":"U9","email":"slamet@kab.go.id","ignored":"x","n":1})");
}

Check checkOf(const mappings::EmployeeRecord& r, const std::string& code) {
  std::vector<Check> out;
  detail::checkRecord("simpeg", r, {2026, 11, 23}, out);
  for (Check& c : out)
    if (c.code == code) return c;
  FAIL("no check " << code);
  return {};
}

}  // namespace

TEST_CASE("Record checks: retirement age depends on the position type", "[diagnose]") {
  auto r = person();  // 61 on the reference day
  SECTION("pelaksana: BUP 58, past it") {
    const Check c = checkOf(r, "retirement_age");
    CHECK(c.status == CheckStatus::kFail);
    CHECK(c.message.en.find("age 61, BUP 58") != std::string::npos);
  }
  SECTION("fungsional tertentu: BUP 60, past it as well") {
    r.mut(Field::kJenisJabatan) = "2";
    CHECK(checkOf(r, "retirement_age").message.en.find("BUP 60") != std::string::npos);
  }
  SECTION("fungsional tertentu born 1967: 59, below BUP 60") {
    r = detail::recordFromJson(R"({"tgl_lahir":"1967-06-01","jenis_jabatan":"2"})");
    CHECK(checkOf(r, "retirement_age").status == CheckStatus::kPass);
  }
  SECTION("unknown position type: 58 assumed, and said so") {
    r.set(Field::kJenisJabatan, "");
    const Check c = checkOf(r, "retirement_age");
    CHECK(c.status == CheckStatus::kFail);
    CHECK(c.message.en.find("BUP 58 assumed") != std::string::npos);
    CHECK(c.message.id.find("BUP 58 dipakai") != std::string::npos);
  }
  SECTION("PPPK and missing birth dates are skipped") {
    r.set(Field::kStatusPegawai, "PPPK");
    CHECK(checkOf(r, "retirement_age").status == CheckStatus::kSkip);
    r = detail::recordFromJson("{}");
    CHECK(checkOf(r, "retirement_age").status == CheckStatus::kSkip);
  }
}

TEST_CASE("Record checks: kedudukan, NIP layout, position and unit", "[diagnose]") {
  auto r = person();
  SECTION("retired by kedudukan") {
    r.set(Field::kKedudukan, "99");
    const Check c = checkOf(r, "active_status");
    CHECK(c.status == CheckStatus::kFail);
    CHECK(c.message.en.find("99") != std::string::npos);
    CHECK_FALSE(c.fix.id.empty());
    // Not active: the retirement age no longer matters.
    CHECK(checkOf(r, "retirement_age").status == CheckStatus::kSkip);
  }
  SECTION("no kedudukan is a warning") {
    r.set(Field::kKedudukan, "");
    CHECK(checkOf(r, "active_status").status == CheckStatus::kWarn);
  }
  SECTION("an old 9-digit NIP and a malformed NIP fail") {
    r.set(Field::kNip, "010203040");
    CHECK(checkOf(r, "nip_consistent").status == CheckStatus::kFail);
    r.set(Field::kNip, "19650315200003100");
    CHECK(checkOf(r, "nip_consistent").message.en.find("17 digits") != std::string::npos);
  }
  SECTION("sex disagreeing with the NIP") {
    r.mut(Field::kJenisKelamin) = "F";
    const Check c = checkOf(r, "nip_consistent");
    CHECK(c.status == CheckStatus::kFail);
    CHECK(c.message.id.find("jenis kelamin") != std::string::npos);
  }
  SECTION("a position name without its id is a warning, a unit without anything a failure") {
    r.set(Field::kJabatanId, "");
    CHECK(checkOf(r, "position_set").status == CheckStatus::kWarn);
    r.set(Field::kUnit, "");
    r.set(Field::kUnitId, "");
    CHECK(checkOf(r, "unit_set").status == CheckStatus::kFail);
  }
  SECTION("a malformed email is a warning") {
    r.set(Field::kEmail, "slamet@kab");
    CHECK(checkOf(r, "email_set").status == CheckStatus::kWarn);
  }
}
