#include "pegawai_patch.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <charconv>

#include "dates.hpp"

namespace sinkron::sim::simpeg {

namespace {

enum class Kind { kText, kDigits, kDate, kSex, kEmail, kPhone, kUnitId, kJabatanId, kHex32 };

struct FieldSpec {
  std::string_view name;
  PegawaiField field;
  Kind kind;
  bool nullable;
  std::size_t size;  // kText: maximum length; kDigits: exact digit count
  std::string PegawaiRow::*text;
  std::uint32_t PegawaiRow::*id;
};

// The declared table of correctable fields.
constexpr FieldSpec kFields[] = {
    {"nip_baru", PegawaiField::kNipBaru, Kind::kDigits, false, 18, &PegawaiRow::nipBaru, nullptr},
    {"nip_lama", PegawaiField::kNipLama, Kind::kDigits, true, 9, &PegawaiRow::nipLama, nullptr},
    {"nama", PegawaiField::kNama, Kind::kText, false, 150, &PegawaiRow::nama, nullptr},
    {"gelar_depan", PegawaiField::kGelarDepan, Kind::kText, true, 50, &PegawaiRow::gelarDepan,
     nullptr},
    {"gelar_belakang", PegawaiField::kGelarBelakang, Kind::kText, true, 80,
     &PegawaiRow::gelarBelakang, nullptr},
    {"tempat_lahir", PegawaiField::kTempatLahir, Kind::kText, false, 80, &PegawaiRow::tempatLahir,
     nullptr},
    {"tgl_lahir", PegawaiField::kTglLahir, Kind::kDate, false, 0, &PegawaiRow::tglLahir, nullptr},
    {"jenis_kelamin", PegawaiField::kJenisKelamin, Kind::kSex, false, 0, &PegawaiRow::jenisKelamin,
     nullptr},
    {"nik", PegawaiField::kNik, Kind::kDigits, true, 16, &PegawaiRow::nik, nullptr},
    {"email", PegawaiField::kEmail, Kind::kEmail, true, 100, &PegawaiRow::email, nullptr},
    {"no_hp", PegawaiField::kNoHp, Kind::kPhone, true, 20, &PegawaiRow::noHp, nullptr},
    {"id_unit_kerja", PegawaiField::kIdUnitKerja, Kind::kUnitId, false, 0, nullptr,
     &PegawaiRow::idUnitKerja},
    {"id_j", PegawaiField::kIdJ, Kind::kJabatanId, false, 0, nullptr, &PegawaiRow::idJ},
    {"no_ref_bkn", PegawaiField::kNoRefBkn, Kind::kHex32, true, 32, &PegawaiRow::noRefBkn, nullptr},
};

const FieldSpec* specOf(std::string_view name) {
  for (const FieldSpec& s : kFields)
    if (s.name == name) return &s;
  return nullptr;
}

bool allDigits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

bool validEmail(std::string_view s) {
  std::size_t at = s.find('@');
  if (at == 0 || at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos)
    return false;
  std::size_t dot = s.find('.', at + 2);
  return dot != std::string_view::npos && dot + 1 < s.size() &&
         s.find(' ') == std::string_view::npos;
}

bool validPhone(std::string_view s) {
  std::size_t digits = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9')
      ++digits;
    else if (!(c == '-' || c == ' ' || (c == '+' && i == 0)))
      return false;
  }
  return digits >= 8 && digits <= 15;
}

// Checks one value; returns the error text (empty when valid) and fills `out`.
std::string checkValue(const FieldSpec& spec, const rapidjson::Value& v,
                       const PatchReferences& refs, std::string& out) {
  if (v.IsNull() || (v.IsString() && v.GetStringLength() == 0)) {
    out.clear();
    return spec.nullable ? "" : "tidak boleh kosong";
  }
  if (spec.kind == Kind::kUnitId || spec.kind == Kind::kJabatanId) {
    std::uint64_t id = 0;
    if (v.IsUint()) {
      id = v.GetUint();
    } else if (v.IsString() && allDigits(v.GetString()) && v.GetStringLength() <= 9) {
      std::from_chars(v.GetString(), v.GetString() + v.GetStringLength(), id);
    } else {
      return "harus berupa angka id";
    }
    auto id32 = static_cast<std::uint32_t>(id);
    out = std::to_string(id32);
    bool known = spec.kind == Kind::kUnitId ? refs.unitKnown(id32) : refs.jabatanKnown(id32);
    return known ? "" : std::string(spec.name) + " " + out + " tidak dikenal";
  }
  if (!v.IsString()) return "harus berupa teks";
  std::string_view s(v.GetString(), v.GetStringLength());
  out.assign(s);
  switch (spec.kind) {
    case Kind::kText:
      return s.size() > spec.size ? "maksimal " + std::to_string(spec.size) + " karakter" : "";
    case Kind::kDigits:
      return s.size() == spec.size && allDigits(s)
                 ? ""
                 : "harus " + std::to_string(spec.size) + " digit angka";
    case Kind::kDate: {
      std::optional<CivilDate> d = parseDay(s);
      if (!d) return "harus tanggal yyyy-mm-dd yang valid";
      out = d->iso();
      return "";
    }
    case Kind::kSex:
      return s == "L" || s == "P" ? "" : "harus L atau P";
    case Kind::kEmail:
      return s.size() <= spec.size && validEmail(s) ? "" : "format email tidak valid";
    case Kind::kPhone:
      return s.size() <= spec.size && validPhone(s) ? "" : "nomor HP harus 8-15 digit";
    case Kind::kHex32: {
      bool hex = s.size() == 32;
      for (char c : s) hex = hex && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
      return hex ? "" : "harus 32 karakter heksadesimal huruf kecil";
    }
    default:
      return "";
  }
}

}  // namespace

std::string_view fieldName(PegawaiField field) {
  for (const FieldSpec& s : kFields)
    if (s.field == field) return s.name;
  return "?";
}

void applyField(PegawaiRow& row, const FieldValue& value) {
  for (const FieldSpec& s : kFields) {
    if (s.field != value.field) continue;
    if (s.text) {
      row.*s.text = value.value;
    } else {
      std::uint32_t id = 0;
      std::from_chars(value.value.data(), value.value.data() + value.value.size(), id);
      row.*s.id = id;
    }
    return;
  }
}

PatchCheck checkPatch(std::string_view body, const PatchReferences& references) {
  PatchCheck check;
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError()) {
    check.bodyError = std::string("body: JSON tidak valid (") +
                      rapidjson::GetParseError_En(doc.GetParseError()) + " di offset " +
                      std::to_string(doc.GetErrorOffset()) + ")";
    return check;
  }
  if (!doc.IsObject()) {
    check.bodyError = "body: harus objek JSON berisi kolom yang dikoreksi";
    return check;
  }
  if (doc.MemberCount() == 0) {
    check.errors.emplace_back("body", "tidak ada kolom yang dikoreksi");
    return check;
  }
  for (const auto& m : doc.GetObject()) {
    std::string name(m.name.GetString(), m.name.GetStringLength());
    const FieldSpec* spec = specOf(name);
    if (!spec) {
      check.errors.emplace_back(name, "kolom tidak dikenal atau tidak boleh diubah");
      continue;
    }
    FieldValue fv{spec->field, {}};
    std::string error = checkValue(*spec, m.value, references, fv.value);
    if (!error.empty())
      check.errors.emplace_back(name, std::move(error));
    else
      check.values.push_back(std::move(fv));
  }
  if (!check.errors.empty()) check.values.clear();
  return check;
}

}  // namespace sinkron::sim::simpeg
