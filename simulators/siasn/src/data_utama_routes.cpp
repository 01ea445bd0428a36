// GET /apisiasn/1.0/pns/data-utama/{nipBaru} and POST /apisiasn/1.0/pns/data-utama-update.
#include <algorithm>
#include <array>

#include "body_reader.hpp"
#include "json_out.hpp"
#include "nip_lookup.hpp"
#include "responses.hpp"
#include "routes.hpp"

namespace sinkron::sim::siasn {
namespace {

constexpr std::string_view kUpdateRoute = "/apisiasn/1.0/pns/data-utama-update";

HttpResponse getDataUtama(SiasnState& state, const HttpRequest& req) {
  thread_local population::PersonRecords records;
  NipLookup found = lookupNip(state, req.param("nipBaru"), records);
  if (!found.person) return std::move(found.failure);
  const population::SiasnRecord& r = records.siasn;
  ContactPatch patch;
  const bool patched = state.overlays.patchOf(*found.person, patch);
  auto current = [&](ContactField field, std::string_view base) -> std::string_view {
    const std::optional<std::string>& v = patch[static_cast<int>(field)];
    return patched && v ? std::string_view(*v) : base;
  };
  // The field-drift fault: a few fields come under the names another SIASN endpoint uses.
  const bool drift = req.fieldDrift;

  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  putInt(w, "code", 1);
  putKey(w, "data");
  w.StartObject();
  putText(w, "id", r.id);
  putText(w, "nipBaru", r.nipBaru);
  putText(w, "nipLama", r.nipLama);
  putText(w, "nama", r.nama);
  putText(w, "gelarDepan", r.gelarDepan);
  putText(w, "gelarBelakang", r.gelarBelakang);
  putText(w, "tempatLahir", r.tempatLahir);
  putText(w, drift ? "tanggalLahir" : "tglLahir", r.tglLahir);
  putText(w, "jenisKelamin", r.jenisKelamin);
  putText(w, "nik", r.nik);
  putText(w, "email", current(ContactField::kEmail, r.email));
  putText(w, drift ? "nomorHp" : "noHp", current(ContactField::kNoHp, r.noHp));
  putText(w, "noTelp", current(ContactField::kNoTelp, {}));
  putText(w, "alamat", current(ContactField::kAlamat, {}));
  putText(w, "noNpwp", current(ContactField::kNoNpwp, {}));
  putText(w, "noBpjs", current(ContactField::kNoBpjs, {}));
  putText(w, "noTaspen", current(ContactField::kNoTaspen, {}));
  putText(w, "kedudukanPnsId", r.kedudukanPnsId);
  putText(w, "kedudukanPnsNama", r.kedudukanPnsNama);
  putText(w, "statusPegawai", r.statusPegawai);
  putText(w, "tmtCpns", r.tmtCpns);
  putText(w, "tmtPns", r.tmtPns);
  putText(w, "unorId", r.unorId);
  putText(w, "unorNama", r.unorNama);
  putText(w, "jenisJabatanId", r.jenisJabatanId);
  putText(w, "jabatanNama", r.jabatanNama);
  putText(w, drift ? "golonganId" : "golRuangAkhirId", r.golRuangAkhirId);
  putText(w, "golRuangAkhir", r.golRuangAkhir);
  putText(w, "pangkatAkhir", r.pangkatAkhir);
  putText(w, "tmtGolAkhir", r.tmtGolAkhir);
  w.EndObject();
  w.EndObject();
  return HttpResponse::json(200, takeString(buffer));
}

std::size_t countIf(std::string_view s, bool (*pred)(char)) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), pred));
}
bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

// Problems of one update value, empty when fine. An empty value clears the field.
using Check = std::string (*)(std::string_view);

std::string checkEmail(std::string_view v) {
  std::size_t at = v.find('@');
  bool ok = v.empty() || (at != std::string_view::npos && at > 0 &&
                          v.find('@', at + 1) == std::string_view::npos &&
                          v.find('.', at) != std::string_view::npos && v.back() != '.' &&
                          v.find(' ') == std::string_view::npos);
  return ok ? "" : "must be an e-mail address";
}

std::string checkMobile(std::string_view v) {
  std::string_view digits = !v.empty() && v.front() == '+' ? v.substr(1) : v;
  bool ok = v.empty() || (countIf(digits, isDigit) == digits.size() && digits.size() >= 9 &&
                          digits.size() <= 15);
  return ok ? "" : "must be 9 to 15 digits (optionally after '+')";
}

std::string checkPhone(std::string_view v) {
  bool ok = v.empty() || (v.size() <= 20 && countIf(v, isDigit) >= 6 &&
                          std::all_of(v.begin(), v.end(), [](char c) {
                            return isDigit(c) || c == '-' || c == ' ' || c == '(' || c == ')';
                          }));
  return ok ? "" : "must be a telephone number (digits, '-', ' ', parentheses)";
}

std::string checkNpwp(std::string_view v) {
  std::size_t digits = countIf(v, isDigit);
  bool ok =
      v.empty() || ((digits == 15 || digits == 16) && std::all_of(v.begin(), v.end(), [](char c) {
                      return isDigit(c) || c == '.' || c == '-';
                    }));
  return ok ? "" : "must be an NPWP of 15 or 16 digits";
}

std::string checkBpjs(std::string_view v) {
  bool ok = v.empty() || (v.size() == 13 && countIf(v, isDigit) == 13);
  return ok ? "" : "must be 13 digits";
}

std::string anyText(std::string_view) {
  return "";
}

struct UpdateField {
  std::string_view bodyName;
  ContactField field;
  std::size_t maxLength;
  Check check;
};

constexpr std::array<UpdateField, kContactFields> kUpdateFields = {{
    {"email", ContactField::kEmail, 100, checkEmail},
    {"nomor_hp", ContactField::kNoHp, 20, checkMobile},
    {"nomor_telpon", ContactField::kNoTelp, 20, checkPhone},
    {"alamat", ContactField::kAlamat, 500, anyText},
    {"npwp", ContactField::kNoNpwp, 20, checkNpwp},
    {"nomor_bpjs", ContactField::kNoBpjs, 13, checkBpjs},
    {"nomor_taspen", ContactField::kNoTaspen, 30, anyText},
}};

HttpResponse updateDataUtama(SiasnState& state, const HttpRequest& req) {
  BodyReader body(req.body);
  std::string personId = body.text("pns_orang_id");
  ContactPatch patch;
  std::string key = "data-utama-update|" + personId;
  bool any = false;
  for (const UpdateField& f : kUpdateFields) {
    if (!body.has(f.bodyName)) continue;
    std::size_t before = body.errors().size();
    std::string value = body.text(f.bodyName, false, f.maxLength);
    if (body.errors().size() != before) continue;
    if (std::string problem = f.check(value); !problem.empty()) {
      body.fail(f.bodyName, problem);
      continue;
    }
    key.append("|").append(f.bodyName).append("=").append(value);
    patch[static_cast<int>(f.field)] = std::move(value);
    any = true;
  }
  if (body.isObject() && !any && body.ok())
    body.fail("body",
              "no field to update (email, nomor_hp, nomor_telpon, alamat, npwp, "
              "nomor_bpjs, nomor_taspen)");
  if (!body.ok()) return validationFailed(body.errors());

  std::optional<std::uint64_t> person = state.people.bySiasnId(personId);
  if (!person) return businessRule("Data PNS dengan id '" + personId + "' tidak ditemukan");
  state.overlays.applyPatch(*person, patch);
  state.world.writes().record(
      {0, std::string(kSystem), std::string(kUpdateRoute), std::move(key), req.body, ""});
  return saved({}, {});
}

}  // namespace

void addDataUtamaRoutes(Router& router, StatePtr state) {
  router.add("GET", "/apisiasn/1.0/pns/data-utama/{nipBaru}",
             guarded(state, ApiScope::kPns,
                     [state](const HttpRequest& req) { return getDataUtama(*state, req); }));
  router.add("POST", std::string(kUpdateRoute),
             guarded(state, ApiScope::kPns,
                     [state](const HttpRequest& req) { return updateDataUtama(*state, req); }));
}

}  // namespace sinkron::sim::siasn
