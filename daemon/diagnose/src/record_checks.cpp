// Checks of one system's record. Decoding and rules come from sinkron::mappings (identifiers,
// anomalies); this file only turns their findings into bilingual checks with a fix.
#include "record_checks.hpp"

#include <rapidjson/document.h>

#include <algorithm>

#include "sinkron/mappings/anomalies.hpp"
#include "sinkron/mappings/code_tables.hpp"
#include "sinkron/mappings/identifiers.hpp"

namespace sinkron::diagnose::detail {
namespace {

using mappings::EmployeeRecord;
using mappings::Field;

Check make(std::string code, const std::string& system, CheckStatus status, Text message,
           Text fix = {}) {
  return {std::move(code), system, status, std::move(message), std::move(fix), {}};
}

std::string systemLabel(const std::string& system) {
  return system == "simpeg" ? "SIMPEG" : system == "siasn" ? "SIASN" : system;
}

std::optional<mappings::CivilDate> dateOf(const EmployeeRecord& r, Field f) {
  return mappings::parseIsoDate(r.get(f));
}

std::string fieldNameId(std::string_view code) {
  if (code.ends_with("tgl_lahir")) return "tanggal lahir";
  if (code.ends_with("jenis_kelamin")) return "jenis kelamin";
  if (code.ends_with("tmt_cpns")) return "TMT CPNS";
  return std::string(code);
}

std::string joined(const std::vector<mappings::Inconsistency>& found, bool indonesian) {
  std::string out;
  for (const auto& f : found) {
    if (!out.empty()) out += "; ";
    out += indonesian ? fieldNameId(f.code) + " (" + f.message + ")" : f.message;
  }
  return out;
}

Check nipCheck(const std::string& system, const EmployeeRecord& r) {
  const std::string sys = systemLabel(system);
  const std::string& text = r.get(Field::kNip);
  if (text.empty())
    return make("nip_consistent", system, CheckStatus::kFail,
                {"NIP kosong di " + sys, "no NIP in " + sys},
                {"Isi NIP baru (18 digit) sesuai SK", "Enter the 18-digit NIP from the decree"});
  auto nip = mappings::parseNip(text);
  if (!nip || nip->kind == mappings::NipKind::kOld)
    return make("nip_consistent", system, CheckStatus::kFail,
                {"NIP tidak valid di " + sys + ": " +
                     (nip ? std::string("NIP lama 9 digit") : nip.error().message),
                 "invalid NIP in " + sys + ": " +
                     (nip ? std::string("an old 9-digit NIP") : nip.error().message)},
                {"Perbaiki NIP di " + sys + ": 18 digit sesuai SK",
                 "Correct the NIP in " + sys + ": 18 digits as in the decree"});
  std::vector<mappings::Inconsistency> found;
  mappings::checkNip(*nip, dateOf(r, Field::kTglLahir),
                     mappings::parseSex(r.get(Field::kJenisKelamin)), dateOf(r, Field::kTmtCpns),
                     found);
  if (found.empty())
    return make("nip_consistent", system, CheckStatus::kPass,
                {"NIP sesuai tanggal lahir, jenis kelamin dan TMT CPNS",
                 "NIP agrees with birth date, sex and TMT CPNS"});
  return make(
      "nip_consistent", system, CheckStatus::kFail,
      {"NIP tidak sesuai dengan " + joined(found, true), "NIP disagrees: " + joined(found, false)},
      {"Perbaiki tanggal lahir/jenis kelamin/TMT CPNS di " + sys +
           " sesuai SK, atau ajukan perbaikan NIP ke BKN",
       "Correct birth date/sex/TMT CPNS in " + sys +
           " from the decree, or ask BKN to correct the NIP"});
}

Check nikCheck(const std::string& system, const EmployeeRecord& r) {
  const std::string sys = systemLabel(system);
  const Text fixInvalid{"Isi NIK 16 digit di " + sys + " sesuai KTP/KK (Dukcapil)",
                        "Enter the 16-digit NIK in " + sys + " from the ID card (Dukcapil)"};
  const std::string& text = r.get(Field::kNik);
  if (text.empty())
    return make("nik_valid", system, CheckStatus::kFail,
                {"NIK kosong di " + sys, "no NIK in " + sys}, fixInvalid);
  auto nik = mappings::parseNik(text);
  if (!nik)
    return make("nik_valid", system, CheckStatus::kFail,
                {"NIK tidak valid: " + nik.error().message, "invalid NIK: " + nik.error().message},
                fixInvalid);
  std::vector<mappings::Inconsistency> found;
  mappings::checkNik(*nik, dateOf(r, Field::kTglLahir),
                     mappings::parseSex(r.get(Field::kJenisKelamin)), found);
  if (found.empty())
    return make("nik_valid", system, CheckStatus::kPass,
                {"NIK valid dan sesuai tanggal lahir dan jenis kelamin",
                 "NIK valid and agrees with birth date and sex"});
  return make(
      "nik_valid", system, CheckStatus::kWarn,
      {"NIK tidak sesuai dengan " + joined(found, true), "NIK disagrees: " + joined(found, false)},
      {"Periksa NIK, tanggal lahir dan jenis kelamin terhadap KTP/KK lalu perbaiki di " + sys,
       "Check NIK, birth date and sex against the ID card and correct " + sys});
}

Check activeCheck(const std::string& system, const EmployeeRecord& r) {
  const std::string& code = r.get(Field::kKedudukan);
  if (code.empty())
    return make("active_status", system, CheckStatus::kWarn,
                {"Kedudukan hukum kosong di " + systemLabel(system),
                 "no kedudukan hukum in " + systemLabel(system)},
                {"Isi kedudukan hukum (01 Aktif bila pegawai aktif)",
                 "Enter the kedudukan hukum (01 Aktif for an active employee)"});
  if (code == "01")
    return make("active_status", system, CheckStatus::kPass,
                {"Kedudukan hukum 01 Aktif", "kedudukan hukum 01 Aktif (active)"});
  const auto* table = mappings::builtinCodeTable("kedudukan");
  std::string label = table ? std::string(table->label(code)) : std::string();
  const std::string shown = code + (label.empty() ? "" : " " + label);
  return make(
      "active_status", system, CheckStatus::kFail,
      {"Pegawai tidak aktif: kedudukan hukum " + shown, "not active: kedudukan hukum " + shown},
      {"e-Kinerja hanya untuk pegawai aktif: bila pegawai masih bekerja, perbarui kedudukan "
       "hukum ke 01 Aktif dengan SK yang sesuai",
       "e-Kinerja serves active employees only: if the person still works, update the "
       "kedudukan hukum to 01 Aktif with the matching decree"});
}

Check retirementCheck(const std::string& system, const EmployeeRecord& r,
                      const mappings::CivilDate& asOf) {
  const std::string& status = r.get(Field::kStatusPegawai);
  const auto birth = dateOf(r, Field::kTglLahir);
  if (!asOf.valid() || !birth)
    return make("retirement_age", system, CheckStatus::kSkip,
                {"Usia pensiun tidak diperiksa: tanggal lahir atau tanggal acuan tidak ada",
                 "retirement age not checked: no birth date or reference date"});
  const std::string& kedudukan = r.get(Field::kKedudukan);
  if (!kedudukan.empty() && kedudukan != "01")
    return make("retirement_age", system, CheckStatus::kSkip,
                {"Pegawai tidak aktif: batas usia pensiun tidak berlaku",
                 "not active: the retirement age does not apply"});
  if (status == "PPPK")
    return make("retirement_age", system, CheckStatus::kSkip,
                {"PPPK: berlaku masa perjanjian kerja, bukan BUP",
                 "PPPK: the work contract applies, not the BUP"});
  const std::string& jenis = r.get(Field::kJenisJabatan);
  const int bup = jenis == "2" ? 60 : 58;
  const Text assumed = jenis.empty() ? Text{" (jenis jabatan tidak diketahui: BUP 58 dipakai)",
                                            " (position type unknown: BUP 58 assumed)"}
                                     : Text{};
  // The mappings rule fires for active PNS only; an unknown status is checked as PNS.
  EmployeeRecord probe = r;
  if (status.empty() || status == "CPNS") probe.set(Field::kStatusPegawai, "PNS");
  std::vector<mappings::Anomaly> found;
  mappings::checkAnomalies(probe, {asOf}, found);
  const int age = mappings::yearsBetween(*birth, asOf);
  const std::string ages = std::to_string(age) + ", BUP " + std::to_string(bup);
  const bool past = std::any_of(found.begin(), found.end(),
                                [](const auto& a) { return a.code == "melewati_bup"; });
  if (!past)
    return make("retirement_age", system, CheckStatus::kPass,
                {"Belum mencapai batas usia pensiun: usia " + ages + assumed.id,
                 "below retirement age: age " + ages + assumed.en});
  return make(
      "retirement_age", system, CheckStatus::kFail,
      {"Melewati batas usia pensiun: usia " + ages + assumed.id + ", masih aktif",
       "past retirement age: age " + ages + assumed.en + ", still active"},
      {"Proses pensiun dan perbarui kedudukan hukum, atau perbaiki tanggal lahir bila salah",
       "Process the retirement and update the kedudukan hukum, or correct the birth date "
       "if it is wrong"});
}

Check positionCheck(const std::string& system, const EmployeeRecord& r) {
  const bool name = r.has(Field::kJabatan), id = r.has(Field::kJabatanId);
  if (system == "siasn") {
    if (name)
      return make("position_mapped", system, CheckStatus::kPass,
                  {"Jabatan tercatat di SIASN: " + r.get(Field::kJabatan),
                   "position recorded in SIASN: " + r.get(Field::kJabatan)});
    return make("position_mapped", system, CheckStatus::kFail,
                {"Jabatan kosong di SIASN", "no position in SIASN"},
                {"Petakan jabatan SIMPEG ke id jabatan SIASN lalu kirim riwayat jabatan (e-Kinerja "
                 "membutuhkan jabatan)",
                 "Map the SIMPEG position to a SIASN position id and push the position history "
                 "(e-Kinerja needs a position)"});
  }
  if (name && id)
    return make(
        "position_set", system, CheckStatus::kPass,
        {"Jabatan terisi: " + r.get(Field::kJabatan), "position set: " + r.get(Field::kJabatan)});
  if (name || id)
    return make("position_set", system, CheckStatus::kWarn,
                {name ? "Id jabatan kosong di SIMPEG" : "Nama jabatan kosong di SIMPEG",
                 name ? "no position id in SIMPEG" : "no position name in SIMPEG"},
                {"Lengkapi jabatan (id_j) di SIMPEG", "Complete the position (id_j) in SIMPEG"});
  return make("position_set", system, CheckStatus::kFail,
              {"Jabatan kosong di SIMPEG", "no position in SIMPEG"},
              {"Isi jabatan di SIMPEG sesuai SK jabatan terakhir",
               "Enter the position in SIMPEG from the latest position decree"});
}

Check unitCheck(const std::string& system, const EmployeeRecord& r) {
  const bool name = r.has(Field::kUnit), id = r.has(Field::kUnitId);
  if (system == "siasn") {
    if (id)
      return make("unit_mapped", system, CheckStatus::kPass,
                  {"Unit kerja SIASN (unorId) terisi", "SIASN unit (unorId) set"});
    return make("unit_mapped", system, CheckStatus::kFail,
                {"Unit kerja SIASN (unorId) kosong", "no SIASN unit id (unorId)"},
                {"Petakan unit kerja SIMPEG ke unorId SIASN dan perbarui data di SIASN",
                 "Map the SIMPEG unit to a SIASN unorId and update the SIASN record"});
  }
  if (name && id)
    return make("unit_set", system, CheckStatus::kPass,
                {"Unit kerja terisi: " + r.get(Field::kUnit), "unit set: " + r.get(Field::kUnit)});
  return make(
      "unit_set", system, name || id ? CheckStatus::kWarn : CheckStatus::kFail,
      {"Unit kerja tidak lengkap di SIMPEG", "unit incomplete in SIMPEG"},
      {"Isi unit kerja (id_unit_kerja) di SIMPEG", "Enter the unit (id_unit_kerja) in SIMPEG"});
}

Check emailCheck(const std::string& system, const EmployeeRecord& r) {
  const std::string sys = systemLabel(system);
  if (!r.has(Field::kEmail))
    return make("email_set", system, CheckStatus::kFail,
                {"Email kosong di " + sys, "no email in " + sys},
                {"Isi email pegawai di SIMPEG; sinkron mengirimnya ke SIASN",
                 "Enter the employee's email in SIMPEG; sinkron pushes it to SIASN"});
  std::vector<mappings::Anomaly> found;
  mappings::checkAnomalies(r, {}, found);
  for (const auto& a : found)
    if (a.code == "email_tidak_valid")
      return make("email_set", system, CheckStatus::kWarn,
                  {"Format email salah: " + a.message, "malformed email: " + a.message},
                  {"Perbaiki email (nama@domain.id) di SIMPEG",
                   "Correct the email (name@domain.id) in SIMPEG"});
  return make("email_set", system, CheckStatus::kPass, {"Email terisi", "email set"});
}

}  // namespace

mappings::EmployeeRecord recordFromJson(const std::string& json) {
  EmployeeRecord r;
  rapidjson::Document d;
  d.Parse(json.c_str());
  if (d.HasParseError() || !d.IsObject()) return r;
  for (auto it = d.MemberBegin(); it != d.MemberEnd(); ++it) {
    if (!it->value.IsString()) continue;
    auto f = mappings::fieldByName({it->name.GetString(), it->name.GetStringLength()});
    if (f) r.set(*f, {it->value.GetString(), it->value.GetStringLength()});
  }
  return r;
}

void checkRecord(const std::string& system, const EmployeeRecord& record,
                 const mappings::CivilDate& asOf, std::vector<Check>& out) {
  out.push_back(nipCheck(system, record));
  out.push_back(nikCheck(system, record));
  out.push_back(activeCheck(system, record));
  out.push_back(retirementCheck(system, record, asOf));
  out.push_back(positionCheck(system, record));
  out.push_back(unitCheck(system, record));
  out.push_back(emailCheck(system, record));
}

}  // namespace sinkron::diagnose::detail
