#pragma once
// The canonical employee fields. Every source maps its own columns onto these; values are
// stored in canonical form (dates ISO yyyy-mm-dd, sex "M"/"F", golongan national code "32").
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace sinkron::mappings {

enum class Field : std::uint8_t {
  kPersonId,       // SIASN person id (32 hex); SIMPEG stores it as no_ref_bkn
  kNip,            // NIP baru, 18 digits
  kNipLama,        // old 9-digit NIP
  kNik,            // 16-digit national id
  kNama,           // name without titles, as written (display form)
  kGelarDepan,     // front titles ("Dr. H.")
  kGelarBelakang,  // back titles ("S.Pd., M.Si.")
  kTempatLahir,
  kTglLahir,       // ISO date
  kJenisKelamin,   // "M" or "F"
  kGolongan,       // national code 11..45
  kJenisJabatan,   // 1 Struktural, 2 Fungsional Tertentu, 3 Rangkap, 4 Fungsional Umum
  kJabatanId,      // position id in the source's own id space
  kJabatan,        // position name
  kUnitId,         // unit id in the source's own id space
  kUnit,           // unit name
  kKedudukan,      // kedudukan hukum code ("01" Aktif ... "99" Pensiun)
  kStatusPegawai,  // PNS, CPNS, PPPK
  kTmtCpns,        // ISO date
  kTmtPns,         // ISO date
  kTmtGolongan,    // ISO date
  kEmail,
  kPhone,
  kCount
};

inline constexpr std::size_t kFieldCount = static_cast<std::size_t>(Field::kCount);

inline constexpr std::array<std::string_view, kFieldCount> kFieldNames = {
    "person_id",      "nip",
    "nip_lama",       "nik",
    "nama",           "gelar_depan",
    "gelar_belakang", "tempat_lahir",
    "tgl_lahir",      "jenis_kelamin",
    "golongan",       "jenis_jabatan",
    "jabatan_id",     "jabatan",
    "unit_id",        "unit",
    "kedudukan",      "status_pegawai",
    "tmt_cpns",       "tmt_pns",
    "tmt_golongan",   "email",
    "phone"};

constexpr std::size_t index(Field f) {
  return static_cast<std::size_t>(f);
}
constexpr std::string_view fieldName(Field f) {
  return kFieldNames[index(f)];
}

inline std::optional<Field> fieldByName(std::string_view name) {
  for (std::size_t i = 0; i < kFieldCount; ++i)
    if (kFieldNames[i] == name) return static_cast<Field>(i);
  return std::nullopt;
}

// Fields whose ids live in each source's own id space: never compared across sources.
constexpr bool isLocalIdField(Field f) {
  return f == Field::kJabatanId || f == Field::kUnitId;
}

}  // namespace sinkron::mappings
