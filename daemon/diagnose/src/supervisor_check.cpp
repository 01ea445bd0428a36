// Supervisor set, existing and active: post -> id_bos -> the holders of that post (SIMPEG
// pegawai rows with that jabatan_id) -> at least one active holder, still in SIMPEG and in SIASN.
#include "supervisor_check.hpp"

#include "record_checks.hpp"
#include "store_lookup.hpp"

namespace sinkron::diagnose::detail {
namespace {

using mappings::Field;

Check make(CheckStatus status, Text message, Text fix = {}) {
  return {"supervisor", "simpeg", status, std::move(message), std::move(fix), {}};
}

std::string member(const std::string& json, const char* name) {
  return rawMember(json, name);
}

std::string postLabel(const std::string& idJ, const std::optional<StoredRecord>& row) {
  const std::string name = row ? member(row->json, "nama_jabatan") : std::string();
  return name.empty() ? "id_j " + idJ : name + " (id_j " + idJ + ")";
}

const Text kFixAssign{
    "Tetapkan atasan di SIMPEG: isi id_bos jabatan dengan jabatan atasan yang terisi pegawai "
    "aktif, atau angkat Plt pada jabatan atasan; e-Kinerja membutuhkan atasan untuk penilaian",
    "Set the supervisor in SIMPEG: point the post's id_bos to a post held by an active "
    "employee, or appoint an acting (Plt) holder; e-Kinerja needs a supervisor for appraisals"};

}  // namespace

Check supervisorCheck(soci::session& sql, const DiagnoseSettings& s,
                      const mappings::EmployeeRecord* simpeg, const std::string& ownKey) {
  if (!simpeg)
    return make(CheckStatus::kSkip, {"Atasan tidak diperiksa: pegawai tidak ada di SIMPEG",
                                     "supervisor not checked: the person is not in SIMPEG"});
  const std::string& post = simpeg->get(Field::kJabatanId);
  if (post.empty())
    return make(CheckStatus::kSkip, {"Atasan tidak diperiksa: jabatan kosong di SIMPEG",
                                     "supervisor not checked: no position in SIMPEG"});
  auto own = recordByKey(sql, s.simpegConnector, s.simpegPostsStream, post);
  if (!own)
    return make(CheckStatus::kSkip,
                {"Atasan tidak diperiksa: belum ada data atasan di penyimpanan (tabel jabatan "
                 "SIMPEG belum ditarik; gunakan --refresh)",
                 "supervisor not checked: no supervisor data in the store yet (the SIMPEG post "
                 "table was not pulled; use --refresh)"});
  const std::string boss = member(own->json, "id_bos");
  if (boss.empty())
    return make(CheckStatus::kPass,
                {"Jabatan puncak: " + postLabel(post, own) + " tidak punya atasan di SIMPEG",
                 "top post: " + postLabel(post, own) + " has no supervisor in SIMPEG"});
  auto bossRow = recordByKey(sql, s.simpegConnector, s.simpegPostsStream, boss);
  const std::string bossPost = postLabel(boss, bossRow);
  if (!bossRow)
    return make(CheckStatus::kFail,
                {"Atasan tidak ada: jabatan atasan id_j " + boss + " tidak ada di tabel jabatan",
                 "no supervisor: the supervisor post id_j " + boss + " is not in the post table"},
                kFixAssign);
  std::vector<StoredRecord> holders =
      recordsWithField(sql, s.simpegConnector, s.simpegStream, "jabatan_id", boss);
  std::string inactive;
  for (const StoredRecord& h : holders) {
    if (h.sourceKey == ownKey) continue;
    const mappings::EmployeeRecord r = recordFromJson(h.json);
    const std::string& kedudukan = r.get(Field::kKedudukan);
    if (h.missing || (!kedudukan.empty() && kedudukan != "01")) {
      if (!inactive.empty()) inactive += ", ";
      inactive += r.get(Field::kNama) + " (" + (h.missing ? "hilang/missing" : kedudukan) + ")";
      continue;
    }
    const std::string nip = r.get(Field::kNip);
    const std::string who = r.get(Field::kNama) + " " + nip;
    if (nip.empty() || !recordByKey(sql, s.siasnConnector, s.siasnStream, nip))
      return make(CheckStatus::kFail,
                  {"Atasan " + who + " (" + bossPost + ") tidak ada di SIASN",
                   "supervisor " + who + " (" + bossPost + ") is not in SIASN"},
                  {"Pastikan NIP atasan di SIMPEG sama dengan SIASN, atau ajukan pendaftaran "
                   "atasan ke BKN",
                   "Make sure the supervisor's SIMPEG NIP equals SIASN's, or ask BKN to "
                   "register the supervisor"});
    return make(CheckStatus::kPass, {"Atasan: " + who + ", " + bossPost + ", aktif",
                                     "supervisor: " + who + ", " + bossPost + ", active"});
  }
  if (!inactive.empty())
    return make(CheckStatus::kFail,
                {"Atasan tidak aktif: " + bossPost + " hanya dipegang oleh " + inactive,
                 "supervisor not active: " + bossPost + " is held only by " + inactive},
                kFixAssign);
  return make(CheckStatus::kFail,
              {"Atasan tidak ada: jabatan " + bossPost + " tidak dipegang siapa pun",
               "no supervisor: nobody holds " + bossPost},
              kFixAssign);
}

Check unitMappedCheck(soci::session& sql, const DiagnoseSettings& s,
                      const mappings::EmployeeRecord* simpeg) {
  auto make = [](CheckStatus status, Text message, Text fix = {}) {
    return Check{"unit_mapped", "simpeg", status, std::move(message), std::move(fix), {}};
  };
  const std::string unit = simpeg ? simpeg->get(Field::kUnitId) : std::string();
  if (unit.empty())
    return make(CheckStatus::kSkip, {"Pemetaan unit tidak diperiksa: unit kerja SIMPEG kosong",
                                     "unit mapping not checked: no SIMPEG unit"});
  auto row = recordByKey(sql, s.simpegConnector, s.simpegUnitsStream, unit);
  if (!row)
    return make(CheckStatus::kSkip,
                {"Pemetaan unit tidak diperiksa: tabel unit kerja SIMPEG belum ditarik (gunakan "
                 "--refresh)",
                 "unit mapping not checked: the SIMPEG unit table was not pulled (use --refresh)"});
  const std::string name = member(row->json, "nama");
  const std::string label = (name.empty() ? std::string() : name + " ") + "(id " + unit + ")";
  if (member(row->json, "id_unor_bkn").empty())
    return make(
        CheckStatus::kFail,
        {"Unit kerja SIMPEG " + label + " belum dipetakan ke unor SIASN (id_unor_bkn kosong)",
         "SIMPEG unit " + label + " is not mapped to a SIASN unor (no id_unor_bkn)"},
        {"Isi id_unor_bkn unit kerja ini di SIMPEG dengan unorId SIASN yang sesuai",
         "Fill in this unit's id_unor_bkn in SIMPEG with the matching SIASN unorId"});
  return make(CheckStatus::kPass, {"Unit kerja SIMPEG " + label + " terpetakan ke SIASN",
                                   "SIMPEG unit " + label + " is mapped to SIASN"});
}

}  // namespace sinkron::diagnose::detail
