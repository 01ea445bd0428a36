#include "org.hpp"

#include <array>
#include <vector>

#include "sinkron/mappings/code_tables.hpp"

#include "names.hpp"
#include "text.hpp"

namespace sinkron::population {

namespace {

constexpr int kGolonganCodes[kGolonganSteps] = {11, 12, 13, 14, 21, 22, 23, 24, 31,
                                                32, 33, 34, 41, 42, 43, 44, 45};

// The ranks come from the national code table the mappings use, so the two cannot drift apart.
const std::array<GolonganInfo, kGolonganSteps>& golonganTable() {
  static const auto table = [] {
    std::array<GolonganInfo, kGolonganSteps> t{};
    for (int i = 0; i < kGolonganSteps; ++i) {
      auto g = mappings::golonganByCode(kGolonganCodes[i]);
      t[static_cast<std::size_t>(i)] = {g->code, g->roman, g->pangkat};
    }
    return t;
  }();
  return table;
}

constexpr Kedudukan kKedudukan[] = {{"01", "Aktif", "Aktif"},
                                    {"02", "CLTN", "CLTN"},
                                    {"03", "Tugas Belajar", "Tugas Belajar"},
                                    {"04", "Pemberhentian Sementara", "Diberhentikan Sementara"},
                                    {"20", "Masa Persiapan Pensiun", "MPP"},
                                    {"98", "Mencapai BUP", "Pensiun"},
                                    {"99", "Pensiun", "Pensiun"}};

struct Agency {
  std::string_view title;  // "Dinas Kesehatan"
  std::string_view abbr;   // "Dinkes"
  UnitClass cls;
};
constexpr Agency kAgencies[] = {
    {"Dinas Pendidikan dan Kebudayaan", "Disdikbud", UnitClass::kEducationOffice},
    {"Dinas Kesehatan", "Dinkes", UnitClass::kHealthOffice},
    {"Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", UnitClass::kOffice},
    {"Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", UnitClass::kOffice},
    {"Sekretariat Daerah", "Setda", UnitClass::kOffice},
    {"Badan Perencanaan Pembangunan Daerah", "Bappeda", UnitClass::kOffice},
    {"Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", UnitClass::kOffice},
    {"Dinas Pertanian dan Pangan", "Distanpan", UnitClass::kOffice},
    {"Dinas Sosial", "Dinsos", UnitClass::kOffice},
    {"Dinas Komunikasi dan Informatika", "Diskominfo", UnitClass::kOffice},
    {"Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", UnitClass::kOffice},
    {"Sekretariat DPRD", "Setwan", UnitClass::kOffice},
    {"Inspektorat Daerah", "Inspektorat", UnitClass::kOffice},
    {"Satuan Polisi Pamong Praja", "Satpol PP", UnitClass::kOffice},
    {"Dinas Lingkungan Hidup", "DLH", UnitClass::kOffice},
    {"Dinas Perhubungan", "Dishub", UnitClass::kOffice},
    {"Badan Pendapatan Daerah", "Bapenda", UnitClass::kOffice}};
constexpr int kOffices = static_cast<int>(std::size(kAgencies));
constexpr int kHospitalSlot = kOffices;
constexpr int kPrimarySchools = 20, kJuniorSchools = 8, kPuskesmas = 6;
constexpr int kPrimaryFirst = kHospitalSlot + 1;
constexpr int kJuniorFirst = kPrimaryFirst + kPrimarySchools;
constexpr int kPuskesmasFirst = kJuniorFirst + kJuniorSchools;
constexpr int kUnitsPerRegion = kPuskesmasFirst + kPuskesmas;
constexpr std::string_view kRoman[] = {"I", "II", "III", "IV", "V", "VI"};

constexpr FunctionalFamily kFamilies[] = {
    {"Guru", false, true, UnitClass::kPrimarySchool},
    {"Perawat", true, true, UnitClass::kPuskesmas},
    {"Bidan", true, true, UnitClass::kPuskesmas},
    {"Dokter", false, true, UnitClass::kPuskesmas},
    {"Apoteker", false, true, UnitClass::kHospital},
    {"Analis Kepegawaian", true, true, UnitClass::kOffice},
    {"Pranata Komputer", true, true, UnitClass::kOffice},
    {"Penyuluh Pertanian", true, true, UnitClass::kOffice},
    {"Auditor", true, true, UnitClass::kOffice},
    {"Perencana", false, true, UnitClass::kOffice},
    {"Arsiparis", true, true, UnitClass::kOffice},
    {"Pustakawan", true, true, UnitClass::kOffice},
    {"Analis Kebijakan", false, true, UnitClass::kOffice},
    {"Pranata Hubungan Masyarakat", true, true, UnitClass::kOffice},
    {"Pengelola Pengadaan Barang/Jasa", false, true, UnitClass::kOffice}};

constexpr std::string_view kPelaksana[] = {"Pengadministrasi Umum",
                                           "Pengelola Keuangan",
                                           "Pengadministrasi Kepegawaian",
                                           "Pengolah Data",
                                           "Bendahara",
                                           "Pengemudi",
                                           "Pramu Bakti",
                                           "Pengadministrasi Perkantoran",
                                           "Pengelola Barang Milik Negara",
                                           "Analis Data dan Informasi",
                                           "Penata Laporan Keuangan",
                                           "Operator Layanan Operasional",
                                           "Pengelola Data dan Informasi",
                                           "Penelaah Teknis Kebijakan",
                                           "Pengelola Layanan Kepegawaian",
                                           "Pengadministrasi Persuratan",
                                           "Petugas Keamanan",
                                           "Pengelola Sarana dan Prasarana"};

constexpr std::string_view kBidangEducation[] = {"Pembinaan Sekolah Dasar",
                                                 "Pembinaan Sekolah Menengah Pertama",
                                                 "Pendidik dan Tenaga Kependidikan",
                                                 "Kebudayaan",
                                                 "Umum dan Kepegawaian",
                                                 "Perencanaan dan Keuangan"};
constexpr std::string_view kBidangHealth[] = {
    "Pelayanan Kesehatan",   "Kesehatan Masyarakat", "Pencegahan dan Pengendalian Penyakit",
    "Sumber Daya Kesehatan", "Umum dan Kepegawaian", "Perencanaan dan Keuangan"};
constexpr std::string_view kBidangBkpsdm[] = {
    "Mutasi dan Promosi", "Pengembangan Kompetensi", "Pengadaan, Pemberhentian dan Informasi",
    "Penilaian Kinerja Aparatur dan Penghargaan", "Umum dan Kepegawaian"};
constexpr std::string_view kBidangFinance[] = {"Anggaran", "Perbendaharaan", "Akuntansi", "Aset",
                                               "Umum dan Kepegawaian"};
constexpr std::string_view kBidangGeneric[] = {
    "Program dan Evaluasi",        "Pelayanan",
    "Pengendalian dan Pengawasan", "Pembinaan",
    "Umum dan Kepegawaian",        "Perencanaan dan Keuangan",
    "Data dan Informasi"};

struct UnitTables {
  std::vector<std::string> domains;
  std::vector<Unit> units;
};

void appendTitleRegion(std::string& out, const Place& p, bool abbreviated) {
  bool kota = p.regency >= 71;
  out.append(kota ? "Kota " : (abbreviated ? "Kab. " : "Kabupaten "));
  out.append(p.name);
}

UnitTables buildUnits() {
  UnitTables t;
  std::span<const Place> rs = regions();
  t.domains.reserve(rs.size());
  for (const Place& p : rs) {
    std::string d;
    for (char c : p.name)
      if (c != ' ') d.push_back(lowerAscii(c));
    d.append(p.regency >= 71 ? "kota.go.id" : "kab.go.id");
    t.domains.push_back(std::move(d));
  }
  t.units.reserve(rs.size() * kUnitsPerRegion);
  for (std::size_t r = 0; r < rs.size(); ++r) {
    const Place& p = rs[r];
    for (int s = 0; s < kUnitsPerRegion; ++s) {
      std::uint32_t index = static_cast<std::uint32_t>(r * kUnitsPerRegion + s);
      Unit u;
      u.localId = static_cast<std::uint32_t>(10000 + r * 100 + s);
      appendHex128(u.unorId, hash3(0x756e6f72, index, 1), hash3(0x756e6f72, index, 2));
      u.emailDomain = t.domains[r];
      std::string title, abbr;
      if (s < kOffices) {
        const Agency& a = kAgencies[s];
        u.unitClass = a.cls;
        u.agency = static_cast<std::uint16_t>(s);
        u.agencyTitle = a.title;
        title.append(a.title).push_back(' ');
        appendTitleRegion(title, p, false);
        abbr.append(a.abbr).push_back(' ');
        appendTitleRegion(abbr, p, true);
      } else if (s == kHospitalSlot) {
        u.unitClass = UnitClass::kHospital;
        u.agency = 100;
        u.agencyTitle = "Rumah Sakit Umum Daerah";
        title.append("Rumah Sakit Umum Daerah ");
        appendTitleRegion(title, p, false);
        abbr.append("RSUD ").append(p.name);
      } else if (s < kJuniorFirst) {
        u.unitClass = UnitClass::kPrimarySchool;
        u.agency = 101;
        std::string n = std::to_string(s - kPrimaryFirst + 1);
        title.append("SD Negeri ").append(n).append(" ").append(p.name);
        abbr.append("SDN ").append(n).append(" ").append(p.name);
      } else if (s < kPuskesmasFirst) {
        u.unitClass = UnitClass::kJuniorSchool;
        u.agency = 102;
        std::string n = std::to_string(s - kJuniorFirst + 1);
        title.append("SMP Negeri ").append(n).append(" ").append(p.name);
        abbr.append("SMPN ").append(n).append(" ").append(p.name);
      } else {
        u.unitClass = UnitClass::kPuskesmas;
        u.agency = 103;
        u.agencyTitle = "UPT Puskesmas";
        std::string_view n = kRoman[s - kPuskesmasFirst];
        title.append("UPT Puskesmas ").append(p.name).append(" ").append(n);
        abbr.append("Puskesmas ").append(p.name).append(" ").append(n);
      }
      appendUpper(u.nationalName, title);
      std::uint64_t style = hash3(0x6c6f63616c, index, 3) % 100;
      u.localName = style < 45 ? title : style < 85 ? abbr : u.nationalName;
      t.units.push_back(std::move(u));
    }
  }
  return t;
}

const UnitTables& unitTables() {
  static const UnitTables kTables = buildUnits();
  return kTables;
}

}  // namespace

const GolonganInfo& golonganAtStep(int step) {
  return golonganTable()[static_cast<std::size_t>(step)];
}

int golonganStep(int code) {
  for (int i = 0; i < kGolonganSteps; ++i)
    if (kGolonganCodes[i] == code) return i;
  return 8;
}

const Kedudukan& kedudukan(KedudukanKind kind) {
  return kKedudukan[static_cast<int>(kind)];
}

std::span<const Unit> units() {
  return unitTables().units;
}
int unitsPerRegion() {
  return kUnitsPerRegion;
}

std::uint32_t pickUnit(int region, UnitClass cls, Rng& rng) {
  int slot = 0;
  switch (cls) {
    case UnitClass::kEducationOffice:
      slot = 0;
      break;
    case UnitClass::kHealthOffice:
      slot = 1;
      break;
    case UnitClass::kOffice:
      slot = static_cast<int>(rng.zipf(kOffices));
      break;
    case UnitClass::kHospital:
      slot = kHospitalSlot;
      break;
    case UnitClass::kPrimarySchool:
      slot = kPrimaryFirst + static_cast<int>(rng.below(kPrimarySchools));
      break;
    case UnitClass::kJuniorSchool:
      slot = kJuniorFirst + static_cast<int>(rng.below(kJuniorSchools));
      break;
    case UnitClass::kPuskesmas:
      slot = kPuskesmasFirst + static_cast<int>(rng.below(kPuskesmas));
      break;
  }
  return static_cast<std::uint32_t>(region * kUnitsPerRegion + slot);
}

std::span<const FunctionalFamily> functionalFamilies() {
  return kFamilies;
}

std::string_view jenjangName(bool ahli, int golStep, int* levelOut) {
  // Steps: 6 = II/c ... 8 = III/a, 10 = III/c, 12 = IV/a, 15 = IV/d.
  static constexpr std::string_view kAhli[] = {"Ahli Pertama", "Ahli Muda", "Ahli Madya",
                                               "Ahli Utama"};
  static constexpr std::string_view kTerampil[] = {"Terampil", "Mahir", "Penyelia"};
  int level = -1;
  if (ahli) {
    level = golStep < 8 ? -1 : golStep < 10 ? 0 : golStep < 12 ? 1 : golStep < 15 ? 2 : 3;
    if (levelOut) *levelOut = level;
    return level < 0 ? std::string_view{} : kAhli[level];
  }
  level = golStep < 6 ? -1 : golStep < 8 ? 0 : golStep < 10 ? 1 : 2;
  if (levelOut) *levelOut = level;
  return level < 0 ? std::string_view{} : kTerampil[level];
}

std::span<const std::string_view> pelaksanaNames() {
  return kPelaksana;
}

std::span<const std::string_view> bidangNames(std::uint16_t agency) {
  switch (agency) {
    case 0:
      return kBidangEducation;
    case 1:
      return kBidangHealth;
    case 2:
      return kBidangBkpsdm;
    case 3:
      return kBidangFinance;
    default:
      return kBidangGeneric;
  }
}

}  // namespace sinkron::population

namespace sinkron::population {

const Unit* unitByLocalId(std::uint32_t localId) {
  // localId = 10000 + region * 100 + slot (see buildUnits).
  if (localId < 10000) return nullptr;
  std::uint32_t region = (localId - 10000) / 100, slot = (localId - 10000) % 100;
  if (slot >= static_cast<std::uint32_t>(kUnitsPerRegion)) return nullptr;
  std::size_t index = region * kUnitsPerRegion + slot;
  std::span<const Unit> all = units();
  return index < all.size() ? &all[index] : nullptr;
}

}  // namespace sinkron::population
