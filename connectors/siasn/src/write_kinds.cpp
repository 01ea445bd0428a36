#include "write_kinds.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "sinkron/connectors/json_values.hpp"
#include "sinkron/mappings/civil_date.hpp"

namespace sinkron::connectors::siasn {
namespace {

using enum KeyValueKind;

const std::vector<WriteKind>& writeKinds() {
  static const std::vector<WriteKind> kinds = {
      {"kursus",
       "kursus",
       "pnsOrangId",
       "idPns",
       {{"namaKursus", "namaKursus", kText}, {"tanggalKursus", "tanggalKursus", kDate}}},
      {"diklat",
       "diklat",
       "pnsOrangId",
       "idPns",
       {{"latihanStrukturalId", "latihanStrukturalId", kText}, {"tanggal", "tanggal", kDate}}},
      {"jabatan",
       "jabatan",
       "pnsId",
       "idPns",
       {{"tmtJabatan", "tmtJabatan", kDate},
        {"unorId", "unorId", kText},
        {"jabatanStrukturalId", "jabatanStrukturalId", kText, true},
        {"jabatanFungsionalId", "jabatanFungsionalId", kText, true},
        {"jabatanFungsionalUmumId", "jabatanFungsionalUmumId", kText, true}}},
      {"skp22", "skp22", "pnsDinilaiId", "pnsDinilaiId", {{"tahun", "tahun", kNumber}}},
      {"kinerjaperiodik",
       "kinerjaperiodik",
       "pnsDinilaiId",
       "pnsDinilaiId",
       {{"tahun", "tahun", kNumber},
        {"bulanMulaiPenilaian", "bulanMulai", kNumber},
        {"bulanSelesaiPenilaian", "bulanSelesai", kNumber}}},
  };
  return kinds;
}

std::string normalText(std::string_view s) {
  std::string out;
  bool space = false;
  for (unsigned char c : s) {
    if (std::isspace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(std::tolower(c)));
  }
  return out;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string fieldText(const rapidjson::Value& object, std::string_view name) {
  return memberText(object, name);
}

}  // namespace

const WriteKind* findWriteKind(std::string_view kind) {
  for (const WriteKind& k : writeKinds())
    if (k.kind == kind) return &k;
  return nullptr;
}

std::string writeKindNames() {
  std::string out;
  for (const WriteKind& k : writeKinds()) out += (out.empty() ? "" : ", ") + std::string(k.kind);
  return out;
}

bool sameKeyValue(KeyValueKind kind, std::string_view a, std::string_view b) {
  switch (kind) {
    case kDate: {
      Result<mappings::CivilDate> da = mappings::parseDate(a);
      Result<mappings::CivilDate> db = mappings::parseDate(b);
      if (da && db) return *da == *db;
      return normalText(a) == normalText(b);
    }
    case kNumber: {
      std::string ta = normalText(a), tb = normalText(b);
      long long va = 0, vb = 0;
      auto ra = std::from_chars(ta.data(), ta.data() + ta.size(), va);
      auto rb = std::from_chars(tb.data(), tb.data() + tb.size(), vb);
      if (ra.ec == std::errc() && rb.ec == std::errc() && ra.ptr == ta.data() + ta.size() &&
          rb.ptr == tb.data() + tb.size())
        return va == vb;
      return ta == tb;
    }
    case kText:
      return normalText(a) == normalText(b);
  }
  return false;
}

Result<std::string> naturalKeyOf(const WriteKind& kind, const rapidjson::Value& body) {
  if (!body.IsObject()) return Error::invalid(std::string(kind.kind) + ": body is not an object");
  std::string person = fieldText(body, kind.personField);
  if (person.empty())
    return Error::invalid(std::string(kind.kind) + ": body has no " +
                          std::string(kind.personField) + " (the SIASN person id)");
  std::string out = std::string(kind.personField) + "=" + person;
  for (const NaturalKeyField& f : kind.key) {
    std::string value = fieldText(body, f.saveField);
    if (value.empty() && !f.optional)
      return Error::invalid(std::string(kind.kind) + ": body has no " + std::string(f.saveField) +
                            " (part of the natural key that recognises a repeated write)");
    if (!value.empty()) out += "; " + std::string(f.saveField) + "=" + value;
  }
  return out;
}

Result<bool> historyHolds(const WriteKind& kind, const rapidjson::Value& body,
                          const rapidjson::Value& rows) {
  if (Result<std::string> key = naturalKeyOf(kind, body); !key) return key.error();
  if (!rows.IsArray()) return Error::parse("rw-" + std::string(kind.history) + ": not an array");
  const std::string person = fieldText(body, kind.personField);
  for (const rapidjson::Value& row : rows.GetArray()) {
    if (!row.IsObject()) continue;
    std::string owner = fieldText(row, kind.rowOwnerField);
    if (!owner.empty() && owner != person)
      return Error::invalid("rw-" + std::string(kind.history) + " of targetKey belongs to person " +
                            owner + ", the body names " + std::string(kind.personField) + " " +
                            person + " (targetKey must be that person's NIP)");
    bool all = true;
    for (const NaturalKeyField& f : kind.key) {
      std::string want = fieldText(body, f.saveField);
      if (want.empty() && f.optional) continue;
      if (!sameKeyValue(f.kind, want, fieldText(row, f.rowField))) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}

const std::vector<UpdateField>& dataUtamaUpdateFields() {
  static const std::vector<UpdateField> fields = {
      {"email", "email", ""},          {"nomor_hp", "noHp", "nomorHp"},
      {"nomor_telpon", "noTelp", ""},  {"alamat", "alamat", ""},
      {"npwp", "noNpwp", ""},          {"nomor_bpjs", "noBpjs", ""},
      {"nomor_taspen", "noTaspen", ""}};
  return fields;
}

bool dataUtamaHolds(const rapidjson::Value& update, const rapidjson::Value& dataUtama) {
  if (!update.IsObject() || !dataUtama.IsObject()) return false;
  bool compared = false;
  for (const auto& m : update.GetObject()) {
    std::string_view name(m.name.GetString(), m.name.GetStringLength());
    if (name == "pns_orang_id") continue;
    auto field = std::find_if(dataUtamaUpdateFields().begin(), dataUtamaUpdateFields().end(),
                              [&](const UpdateField& f) { return f.updateField == name; });
    if (field == dataUtamaUpdateFields().end()) return false;
    std::vector<std::string> aliases;
    if (!field->alias.empty()) aliases.emplace_back(field->alias);
    std::string current = memberText(dataUtama, field->dataField, &aliases);
    if (trimmed(current) != trimmed(scalarText(m.value))) return false;
    compared = true;
  }
  return compared;
}

}  // namespace sinkron::connectors::siasn
