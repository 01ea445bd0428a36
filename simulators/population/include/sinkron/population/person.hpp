#pragma once
// The values the population generator produces for one person: the true human (`Person`), the
// rows each system holds about them (`SimpegRow`, `SiasnRecord`) and which defects were injected.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sinkron::population {

struct Date {
  int year = 0, month = 0, day = 0;
  friend bool operator==(const Date&, const Date&) = default;
};

enum class Sex : std::uint8_t { kMale = 1, kFemale = 2 };
enum class EmploymentStatus : std::uint8_t { kPns, kCpns, kPppk };

// Injected inconsistencies and anomalies, as bits of Person::defects. "Simpeg"/"Siasn" name the
// side that carries a defect where only one does.
enum class Defect : std::uint32_t {
  kNameTypo = 1u << 0,        // one char substituted/deleted/transposed/inserted (either side)
  kNameVariant = 1u << 1,     // Muhammad->M., Siti->St., old spelling oe/dj/tj... (either side)
  kTitleDiff = 1u << 2,       // gelar differ between the systems
  kBirthDateWrong = 1u << 3,  // SIMPEG tgl_lahir: day/month swap or one digit
  kSexWrong = 1u << 4,        // SIMPEG jenis_kelamin flipped
  kNipDigit = 1u << 5,        // SIMPEG nip_baru with one wrong digit
  kNipOtherPerson = 1u << 6,  // SIMPEG nip_baru equals ANOTHER person's real NIP (one digit off)
  kNipTransposed = 1u << 7,   // SIMPEG nip_baru with two adjacent digits swapped
  kNipMissing = 1u << 8,      // SIMPEG nip_baru empty (nip_lama only, where the person has one)
  kNikDigit = 1u << 9,        // one side's NIK has one wrong digit
  kNikMissing = 1u << 10,     // one side's NIK empty
  kGolonganDiff = 1u << 11,   // SIMPEG golongan one step newer than SIASN
  kUnitDiff = 1u << 12,       // SIMPEG holds another unit than SIASN
  kContactDiff = 1u << 13,    // email or phone missing or different on one side
  kSimpegOnly = 1u << 14,     // no SIASN record
  kSiasnOnly = 1u << 15,      // no SIMPEG row
  kDuplicate = 1u << 16,      // a second SIMPEG row (new id_pegawai)
  kNamesake = 1u << 17,       // same name and birth date as the other person of its pair
  kTwin = 1u << 18,           // same birth date, surname and birth place as its pair partner
  kNikInvalid = 1u << 19,     // anomaly on both sides: NIK not valid
  kEmailEmpty = 1u << 20,     // anomaly on both sides: no email
  kActivePastBup = 1u << 21,  // anomaly on both sides: Aktif past retirement age
  kCaseDiff = 1u << 22,       // name upper case on one side, title case on the other
};
constexpr std::uint32_t bit(Defect d) {
  return static_cast<std::uint32_t>(d);
}

// The true person. Strings are the canonical truth; the rows derive from it.
struct Person {
  std::uint64_t index = 0;    // the stable person number of truth.csv
  std::string personId;       // SIASN id, 32 lowercase hex
  std::string name;           // without titles, title case ("Ahmad Yani")
  std::string gelarDepan;     // "Dr. H." or empty
  std::string gelarBelakang;  // "S.Pd., M.Si." or empty
  std::string birthPlace;     // title case
  Date birthDate;
  Sex sex = Sex::kMale;
  std::string nik;      // 16 digits (invalid when kNikInvalid)
  std::string nipBaru;  // 18 digits, unique in the population
  std::string nipLama;  // 9 digits for TMT CPNS before 2008, else empty
  EmploymentStatus status = EmploymentStatus::kPns;
  Date tmtCpns;                // PPPK: start of the contract
  std::optional<Date> tmtPns;  // PNS only
  int golongan = 31;           // national code 11..45
  Date tmtGolongan;
  int jenisJabatan = 4;  // 1 Struktural, 2 Fungsional Tertentu, 4 Fungsional Umum
  std::string jabatanNama;
  std::uint32_t jabatanLocalId = 0;  // SIMPEG id_j
  std::uint32_t unitLocalId = 0;     // SIMPEG id_unit_kerja
  std::string_view unorId;           // SIASN unit id, 32 hex
  std::string_view unorNama;         // national upper-case name
  std::string_view kedudukanId;      // "01"
  std::string_view kedudukanNama;    // "Aktif"
  std::string email;                 // empty when kEmailEmpty
  std::string phone;                 // 08xx...
  bool inSimpeg = true;
  bool inSiasn = true;
  std::uint32_t defects = 0;  // Defect bits

  bool has(Defect d) const { return (defects & bit(d)) != 0; }
};

// One row of the SIMPEG export; every field is the exact text of its CSV column.
struct SimpegRow {
  std::string idPegawai, nipBaru, nipLama, nama, tempatLahir, tglLahir, jenisKelamin, nik,
      pangkatGol, jenjab, idJ, namaJabatan, idUnitKerja, unitKerja, statusPegawai, kedudukan,
      tmtCpns, tmtPns, tmtGol, email, noHp, noRefBkn;
};

// The SIASN data-utama record; an empty string is written as JSON null.
struct SiasnRecord {
  bool wrapped = true;  // written as {"data":{...},"code":1}
  std::string id, nipBaru, nipLama, nama, gelarDepan, gelarBelakang, tempatLahir, tglLahir,
      jenisKelamin, nik, email, noHp, kedudukanPnsId, kedudukanPnsNama, statusPegawai, tmtCpns,
      tmtPns, unorId, unorNama, jenisJabatanId, jabatanNama, golRuangAkhirId, golRuangAkhir,
      pangkatAkhir, tmtGolAkhir;
};

// Everything the two systems hold about one person. Reuse one instance across calls of
// PopulationGenerator::records() to avoid allocations.
struct PersonRecords {
  Person person;
  std::array<SimpegRow, 2> simpeg;  // the first `simpegCount` are valid (0, 1 or 2)
  int simpegCount = 0;
  SiasnRecord siasn;  // valid when person.inSiasn
};

}  // namespace sinkron::population
