// Checks across systems: presence, SIMPEG vs SIASN agreement (with the pushes sinkron can make
// under the ownership policy), email uniqueness and the person's open pushes.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "record_checks.hpp"
#include "sinkron/mappings/name_normalizer.hpp"

namespace sinkron::diagnose::detail {
namespace {

using mappings::Field;

Check make(std::string code, const std::string& system, CheckStatus status, Text message,
           Text fix = {}) {
  return {std::move(code), system, status, std::move(message), std::move(fix), {}};
}

// The planner's body shape: one flat object of strings.
std::string jsonObject(std::initializer_list<std::pair<std::string_view, std::string_view>> kv) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  w.StartObject();
  for (const auto& [k, v] : kv) {
    w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
    w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
  }
  w.EndObject();
  return {sb.GetString(), sb.GetSize()};
}

// SIMPEG `PATCH pegawai` of a SIASN-owned field, as daemon/src/sync/difference_planner.cpp plans
// it.
OfferedFix pegawaiPatch(const SourcePair& p, const char* bodyField, const std::string& value) {
  return {p.simpegConnector,
          "pegawai-patch",
          p.simpegKey,
          "pegawai|" + p.simpegKey + "|" + bodyField + "=" + value,
          jsonObject({{bodyField, value}}),
          0,
          {},
          std::nullopt};
}

OfferedFix dataUtamaUpdate(const SourcePair& p, const std::string& personId, const char* bodyField,
                           const std::string& value) {
  return {p.siasnConnector,
          "data-utama-update",
          p.siasnKey,
          "data-utama-update|" + personId + "|" + bodyField + "=" + value,
          jsonObject({{"pns_orang_id", personId}, {bodyField, value}}),
          0,
          {},
          std::nullopt};
}

std::string siasnNip(const SourcePair& p) {
  return p.siasn->has(Field::kNip) ? p.siasn->get(Field::kNip) : p.siasnKey;
}

}  // namespace

Check presenceCheck(const SystemPresence& s, const std::string& queriedNip) {
  const std::string sys = s.system == "simpeg" ? "SIMPEG" : "SIASN";
  if (!s.found) {
    if (s.system == "simpeg")
      return make("presence", s.system, CheckStatus::kFail,
                  {"Tidak ditemukan di SIMPEG", "not found in SIMPEG"},
                  {"Periksa NIP; bila pegawai belum ada, input datanya di SIMPEG",
                   "Check the NIP; if the employee is missing, enter them in SIMPEG"});
    return make("presence", s.system, CheckStatus::kFail,
                {"Tidak ditemukan di SIASN: e-Kinerja tidak mengenal pegawai ini",
                 "not found in SIASN: e-Kinerja does not know this employee"},
                {"Pastikan NIP di SIMPEG sama dengan NIP di SK BKN; bila benar, ajukan ke BKN agar "
                 "pegawai didaftarkan di SIASN",
                 "Make sure the SIMPEG NIP equals the NIP in the BKN decree; if it does, ask BKN "
                 "to register the employee in SIASN"});
  }
  if (s.nipOneDigitOff)
    return make("presence", s.system, CheckStatus::kWarn,
                {"Ditemukan di " + sys + " dengan NIP berbeda satu digit: " + s.nip + " (dicari " +
                     queriedNip + ")",
                 "found in " + sys + " under a NIP one digit off: " + s.nip + " (asked for " +
                     queriedNip + ")"},
                {"Pastikan NIP yang benar dari SK, lalu perbaiki NIP di " + sys,
                 "Confirm the right NIP from the decree, then correct it in " + sys});
  if (s.missingInSource)
    return make("presence", s.system, CheckStatus::kWarn,
                {"Data hilang dari " + sys + " pada tarikan penuh terakhir",
                 "the record vanished from " + sys + " at the last full pull"},
                {"Periksa apakah data pegawai dihapus atau dinonaktifkan di " + sys,
                 "Check whether the record was deleted or deactivated in " + sys});
  return make(
      "presence", s.system, CheckStatus::kPass,
      {"Ada di " + sys + " (" + s.sourceKey + ")", "present in " + sys + " (" + s.sourceKey + ")"});
}

Check identityAgreement(const SourcePair& p) {
  if (!p.simpeg || !p.siasn)
    return make("identity_agreement", "", CheckStatus::kSkip,
                {"Hanya ada di satu sistem: tidak dapat dibandingkan",
                 "in one system only: nothing to compare"});
  struct Compared {
    Field field;
    std::string left, right;
  };
  const std::string nipRight = siasnNip(p);
  std::vector<Compared> fields = {
      {Field::kNip, p.simpeg->get(Field::kNip), nipRight},
      {Field::kNik, p.simpeg->get(Field::kNik), p.siasn->get(Field::kNik)},
      {Field::kNama, mappings::normalizeName(p.simpeg->get(Field::kNama)),
       mappings::normalizeName(p.siasn->get(Field::kNama))},
      {Field::kTglLahir, p.simpeg->get(Field::kTglLahir), p.siasn->get(Field::kTglLahir)},
      {Field::kJenisKelamin, p.simpeg->get(Field::kJenisKelamin),
       p.siasn->get(Field::kJenisKelamin)},
      {Field::kPersonId, p.simpeg->get(Field::kPersonId), p.siasn->get(Field::kPersonId)},
  };
  Check c = make("identity_agreement", "", CheckStatus::kPass,
                 {"SIMPEG dan SIASN sama pada NIP, NIK, nama, tanggal lahir dan jenis kelamin",
                  "SIMPEG and SIASN agree on NIP, NIK, name, birth date and sex"});
  std::string differ;
  for (const Compared& f : fields) {
    // A person id missing on the SIMPEG side is filled by the patch below, not a disagreement.
    if (f.left == f.right || (f.field == Field::kPersonId && f.right.empty())) continue;
    if (!differ.empty()) differ += "; ";
    differ += std::string(mappings::fieldName(f.field)) + " SIMPEG '" + f.left + "' / SIASN '" +
              f.right + "'";
    if (f.field == Field::kNip && !f.right.empty())
      c.offeredFixes.push_back(pegawaiPatch(p, "nip_baru", f.right));
    if (f.field == Field::kPersonId)
      c.offeredFixes.push_back(pegawaiPatch(p, "no_ref_bkn", f.right));
  }
  if (differ.empty()) return c;
  c.status = CheckStatus::kFail;
  c.message = {"SIMPEG dan SIASN berbeda: " + differ, "SIMPEG and SIASN disagree: " + differ};
  c.fix = {
      "NIP dan id orang milik SIASN: setujui perbaikan yang ditawarkan untuk SIMPEG. NIK, "
      "nama, tanggal lahir dan jenis kelamin: perbaiki sisi yang salah sesuai SK/KTP",
      "NIP and person id belong to SIASN: approve the offered SIMPEG fix. NIK, name, birth "
      "date and sex: correct the wrong side from the decree or ID card"};
  return c;
}

Check contactAgreement(const SourcePair& p) {
  if (!p.simpeg || !p.siasn)
    return make("contact_agreement", "", CheckStatus::kSkip,
                {"Hanya ada di satu sistem: tidak dapat dibandingkan",
                 "in one system only: nothing to compare"});
  Check c = make("contact_agreement", "", CheckStatus::kPass,
                 {"Email dan nomor HP sama di SIMPEG dan SIASN",
                  "email and phone agree between SIMPEG and SIASN"});
  const std::string& personId = p.siasn->get(Field::kPersonId);
  std::string differ;
  for (Field f : {Field::kEmail, Field::kPhone}) {
    const std::string& left = p.simpeg->get(f);
    const std::string& right = p.siasn->get(f);
    if (left.empty() || left == right) continue;  // SIMPEG owns these: nothing to push
    if (!differ.empty()) differ += "; ";
    differ +=
        std::string(mappings::fieldName(f)) + " SIMPEG '" + left + "' / SIASN '" + right + "'";
    if (!personId.empty())
      c.offeredFixes.push_back(
          dataUtamaUpdate(p, personId, f == Field::kEmail ? "email" : "nomor_hp", left));
  }
  if (differ.empty()) return c;
  c.status = CheckStatus::kWarn;
  c.message = {"Kontak berbeda: " + differ, "contact differs: " + differ};
  c.fix = personId.empty()
              ? Text{"SIASN belum punya id orang: tarik ulang data SIASN, lalu kirim kontak SIMPEG",
                     "SIASN has no person id yet: re-pull SIASN, then push the SIMPEG contact"}
              : Text{"SIMPEG pemilik email/HP: setujui pengiriman ke SIASN yang ditawarkan",
                     "SIMPEG owns email/phone: approve the offered push to SIASN"};
  return c;
}

Check emailUnique(const std::string& system, const std::string& email,
                  const std::vector<std::string>& others) {
  if (email.empty())
    return make("email_unique", system, CheckStatus::kSkip, {"Email kosong", "no email"});
  if (others.empty())
    return make("email_unique", system, CheckStatus::kPass,
                {"Email tidak dipakai pegawai lain", "email not used by another employee"});
  std::string keys;
  for (const auto& k : others) keys += (keys.empty() ? "" : ", ") + k;
  return make(
      "email_unique", system, CheckStatus::kFail,
      {"Email yang sama dipakai juga oleh: " + keys, "the same email is also used by: " + keys},
      {"Setiap pegawai perlu email sendiri untuk login e-Kinerja: perbaiki email di SIMPEG",
       "Each employee needs their own email to log in to e-Kinerja: correct it in SIMPEG"});
}

Check pushesCheck(const std::vector<PushEntry>& pushes) {
  std::size_t dead = 0;
  for (const auto& p : pushes) dead += p.status == "dead";
  if (pushes.empty())
    return make("pushes", "", CheckStatus::kPass,
                {"Tidak ada pengiriman tertunda atau gagal", "no pending or failed pushes"});
  const std::string counts = std::to_string(pushes.size() - dead) + " / " + std::to_string(dead);
  if (dead > 0)
    return make(
        "pushes", "", CheckStatus::kFail,
        {"Pengiriman gagal (dead letter): tertunda/gagal " + counts,
         "dead-lettered pushes: pending/dead " + counts},
        {"Baca alasan kegagalan, perbaiki datanya, lalu kirim ulang dari antrian dead letter "
         "(sinkron dlq replay)",
         "Read the failure reason, correct the data, then replay it from the dead-letter "
         "queue (sinkron dlq replay)"});
  return make("pushes", "", CheckStatus::kWarn,
              {"Pengiriman menunggu: " + std::to_string(pushes.size()),
               "pushes waiting: " + std::to_string(pushes.size())},
              {"Tunggu siklus sinkronisasi berikutnya", "Wait for the next sync cycle"});
}

void markQueuedFixes(Check& c) {
  if (c.offeredFixes.empty()) return;
  std::string done;
  bool all = true;
  for (const OfferedFix& f : c.offeredFixes) {
    all = all && f.alreadyQueued();
    if (!f.alreadyQueued()) continue;
    if (!done.empty()) done += "; ";
    done += f.connector + " " + f.kind + " #" + std::to_string(f.outboxId) + " " + f.outboxStatus;
  }
  if (done.empty() || !all || c.status != CheckStatus::kFail) {
    if (!done.empty()) {
      c.message.id += " (sudah dikirim/antri: " + done + ")";
      c.message.en += " (already queued or delivered: " + done + ")";
    }
    return;
  }
  c.status = CheckStatus::kWarn;
  c.message.id += " (perbaikan sudah dikirim/antri: " + done + ")";
  c.message.en += " (fix already queued or delivered: " + done + ")";
  c.fix = {
      "Perbaikan sudah dikirim: tunggu tarikan berikutnya (atau diagnosa dengan --refresh) "
      "untuk memastikan perubahan masuk",
      "The fix is already pushed: wait for the next pull (or diagnose with --refresh) to "
      "confirm it landed"};
}

}  // namespace sinkron::diagnose::detail
