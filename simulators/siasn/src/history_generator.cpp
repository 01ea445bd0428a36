#include "history_generator.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "history_rows.hpp"
#include "reference_tables.hpp"
#include "seeded.hpp"
#include "sinkron/mappings/code_tables.hpp"

namespace sinkron::sim::siasn {
namespace {

using population::Person;

constexpr std::array<int, 17> kGolonganSteps = {11, 12, 13, 14, 21, 22, 23, 24, 31,
                                                32, 33, 34, 41, 42, 43, 44, 45};

int stepOf(int code) {
  auto it = std::find(kGolonganSteps.begin(), kGolonganSteps.end(), code);
  return it == kGolonganSteps.end() ? -1 : static_cast<int>(it - kGolonganSteps.begin());
}

// Everything one person's rows of one kind are drawn from.
struct Source {
  const population::PopulationGenerator& generator;
  const population::PersonRecords& records;
  HistoryKind kind;
  SeededRng rng;
  RowOwner owner;
  CivilDate asOf;  // "today": rows are dated before it
  int rows = 0;

  Source(const population::PopulationGenerator& g, const population::PersonRecords& r,
         HistoryKind k)
      : generator(g),
        records(r),
        kind(k),
        rng(hashOf(g.options().seed, r.person.index, 0x6873 + static_cast<int>(k))),
        owner{r.person.personId, r.siasn.nipBaru, r.siasn.nipLama},
        asOf{g.options().asOfYear, 1, 1} {}

  const Person& person() const { return records.person; }
  std::string nextId() {
    std::uint64_t seed = generator.options().seed, who = person().index;
    std::uint64_t k = static_cast<std::uint64_t>(kind) << 32 | static_cast<std::uint64_t>(rows++);
    return uuidFrom(hashOf(seed, who, k, 1), hashOf(seed, who, k, 2));
  }
  std::string digits(int count) {
    std::string out;
    for (int i = 0; i < count; ++i) out.push_back(static_cast<char>('0' + rng.below(10)));
    return out;
  }
  CivilDate dayIn(int year) {
    return addDays(CivilDate{year, 1, 1}, static_cast<int>(rng.below(330)));
  }
};

// The current position's TMT: the last promotion if there was one, else the appointment.
CivilDate currentJabatanTmt(const Person& p) {
  CivilDate c = civil(p.tmtCpns), t = civil(p.tmtGolongan);
  return t > c ? t : c;
}

// ---- rw-golongan ----------------------------------------------------------------------------

void golonganRows(JsonWriter& w, Source& s) {
  const Person& p = s.person();
  const CivilDate c = civil(p.tmtCpns), t = civil(p.tmtGolongan);
  const int step = stepOf(p.golongan);
  // One promotion about every four years, ending at the current golongan and its TMT.
  int promotions = 0;
  if (step > 0 && t > c) promotions = std::clamp((t.year - c.year + 2) / 4, 1, step);
  std::vector<std::pair<int, CivilDate>> steps;
  for (int j = 0; j <= promotions; ++j) {
    int code = step < 0 ? p.golongan : kGolonganSteps[step - promotions + j];
    CivilDate tmt = j == promotions ? t : j == 0 ? c : CivilDate{};
    if (j > 0 && j < promotions)
      tmt = CivilDate{c.year + (t.year - c.year) * j / promotions, s.rng.chance(0.5) ? 4 : 10, 1};
    if (j > 0 && j < promotions && (tmt <= steps.back().second || tmt >= t)) continue;
    steps.emplace_back(code, tmt);
  }
  const bool pppk = p.status == population::EmploymentStatus::kPppk;
  for (std::size_t j = 0; j < steps.size(); ++j) {
    const auto& [code, tmt] = steps[j];
    GolonganRow row;
    row.code = code;
    row.tmtGolongan = tmt;
    row.skTanggal = addDays(tmt, -s.rng.between(20, 80));
    row.skNomor = "800/" + std::to_string(s.rng.between(100, 9999)) + "/BKPSDM/" +
                  std::to_string(row.skTanggal.year);
    const bool first = j == 0 && steps.size() > 1;
    if (first || steps.size() == 1) {
      row.jenisKpId = pppk ? "005" : "004";
      row.jenisKpNama = pppk ? "Pengangkatan PPPK" : "Pengangkatan CPNS";
    } else {
      row.pertekNomor = "KP-" + std::to_string(tmt.year) + "-" + s.digits(7);
      row.pertekTanggal = addDays(row.skTanggal, -s.rng.between(5, 30));
      bool functional = p.jenisJabatan == 2, structural = p.jenisJabatan == 1;
      row.jenisKpId = functional ? "003" : structural ? "002" : "001";
      row.jenisKpNama = functional   ? "Pilihan (Jabatan Fungsional)"
                        : structural ? "Pilihan (Jabatan Struktural)"
                                     : "Reguler";
    }
    int months = (tmt.year - c.year) * 12 + (tmt.month - c.month);
    months = std::max(months, 0);
    row.masaKerjaTahun = months / 12;
    row.masaKerjaBulan = months % 12;
    writeRow(w, s.nextId(), s.owner, row);
  }
}

// ---- rw-jabatan -----------------------------------------------------------------------------

void structuralEselon(std::string_view nama, JabatanRow& row) {
  auto starts = [&](std::string_view prefix) { return nama.substr(0, prefix.size()) == prefix; };
  if (starts("Kepala Seksi") || starts("Kepala Sub Bagian")) {
    row.eselon = "IV.a";
    row.eselonId = "41";
  } else if (starts("Kepala Bidang")) {
    row.eselon = "III.b";
    row.eselonId = "32";
  } else if (starts("Sekretaris")) {
    row.eselon = "III.a";
    row.eselonId = "31";
  } else {
    row.eselon = "II.b";
    row.eselonId = "22";
  }
}

JabatanRow jabatanRow(Source& s, int jenis, const ReferenceEntry* fungsional,
                      const ReferenceEntry* pelaksana, std::string_view nama, CivilDate tmt) {
  const Person& p = s.person();
  JabatanRow row;
  row.jenisJabatan = std::to_string(jenis);
  row.unorId = p.unorId;
  row.unorNama = p.unorNama;
  row.namaJabatan = nama;
  if (fungsional) {
    row.fungsionalId = fungsional->id;
    row.fungsionalNama = fungsional->nama;
  }
  if (pelaksana) {
    row.umumId = pelaksana->id;
    row.umumNama = pelaksana->nama;
  }
  if (jenis == 1) {
    std::string key = row.unorId + "|" + row.namaJabatan;
    row.strukturalId = hex32(hashText(key), hashText(key, 0x7374727563ULL));
    structuralEselon(nama, row);
    row.tmtPelantikan = addDays(tmt, s.rng.between(0, 14));
  }
  row.tmtJabatan = tmt;
  row.tanggalSk = addDays(tmt, -s.rng.between(7, 60));
  row.nomorSk = "821/" + std::to_string(s.rng.between(100, 9999)) + "/BKPSDM/" +
                std::to_string(row.tanggalSk.year);
  return row;
}

void jabatanRows(JsonWriter& w, Source& s) {
  const Person& p = s.person();
  const ReferenceCatalog& catalog = referenceCatalog();
  const ReferenceEntry* fungsional =
      p.jenisJabatan == 2 ? catalog.jabatanFungsional.byName(p.jabatanNama) : nullptr;
  const ReferenceEntry* pelaksana =
      p.jenisJabatan == 4 ? catalog.jabatanPelaksana.byName(p.jabatanNama) : nullptr;
  const CivilDate c = civil(p.tmtCpns), current = currentJabatanTmt(p);
  if (current > c) {
    // The first position: the ladder's first jenjang for a functional post, else a pelaksana
    // post (another one for a pelaksana).
    const ReferenceEntry* before = nullptr;
    if (fungsional && fungsional->level > 0) {
      bool ahli = fungsional->nama.find(" Ahli ") != std::string::npos;
      before = catalog.jabatanFungsional.byName(fungsional->group +
                                                (ahli ? " Ahli Pertama" : " Terampil"));
    }
    if (before) {
      writeRow(w, s.nextId(), s.owner, jabatanRow(s, 2, before, nullptr, before->nama, c));
    } else {
      auto all = catalog.jabatanPelaksana.entries();
      const ReferenceEntry* pick = &all[s.rng.below(all.size())];
      if (pick == pelaksana) pick = &all[(pick - all.data() + 1) % all.size()];
      writeRow(w, s.nextId(), s.owner, jabatanRow(s, 4, nullptr, pick, pick->nama, c));
    }
  }
  writeRow(w, s.nextId(), s.owner,
           jabatanRow(s, p.jenisJabatan, fungsional, pelaksana, p.jabatanNama, current));
}

// ---- rw-diklat (struktural) -----------------------------------------------------------------

void diklatRow(JsonWriter& w, Source& s, std::string_view latihanId, int year) {
  const ReferenceEntry* latihan = referenceCatalog().latihanStruktural.byId(latihanId);
  if (latihan == nullptr || year >= s.asOf.year) return;
  DiklatRow row;
  row.latihanId = latihan->id;
  row.latihanNama = latihan->nama;
  row.jumlahJam = latihan->hours;
  row.tanggal = CivilDate{year, s.rng.between(2, 9), s.rng.between(1, 28)};
  row.tanggalSelesai = addDays(row.tanggal, std::max(1, row.jumlahJam / 8));
  row.tahun = year;
  row.nomor = std::to_string(s.rng.between(100, 99999)) + "/DIKLAT/" + std::to_string(year);
  bool national = latihanId == latihan::kPimIi || latihanId == latihan::kPknIi;
  row.institusi =
      national ? "Lembaga Administrasi Negara" : "Badan Pengembangan Sumber Daya Manusia Daerah";
  writeRow(w, s.nextId(), s.owner, row);
}

void diklatRows(JsonWriter& w, Source& s) {
  const Person& p = s.person();
  if (p.status == population::EmploymentStatus::kPppk) return;
  const CivilDate c = civil(p.tmtCpns);
  // Basic training in the first year: Prajabatan until 2017, Latsar since 2018.
  int year = c.month > 9 ? c.year + 1 : c.year;
  diklatRow(w, s, year >= 2018 ? latihan::kLatsar : latihan::kPrajabatan, year);
  if (p.jenisJabatan != 1) return;
  JabatanRow eselon;
  structuralEselon(p.jabatanNama, eselon);
  int at = std::min(currentJabatanTmt(p).year + 1, s.asOf.year - 1);
  bool pim = at < 2020;  // leadership training was renamed in 2019/2020
  std::string_view id = eselon.eselonId == "41"   ? (pim ? latihan::kPimIv : latihan::kPkp)
                        : eselon.eselonId == "22" ? (pim ? latihan::kPimIi : latihan::kPknIi)
                                                  : (pim ? latihan::kPimIii : latihan::kPka);
  if (at > year) diklatRow(w, s, id, at);
}

// ---- rw-kursus ------------------------------------------------------------------------------

struct Course {
  std::string_view nama, jenisId, institusi, onlyFor;  // onlyFor: a jabatan name prefix
  int hours;
};

constexpr Course kCourses[] = {
    {"Bimbingan Teknis Penyusunan SKP", "4", "Badan Kepegawaian dan Pengembangan SDM", "", 16},
    {"Pelatihan Pengadaan Barang/Jasa Pemerintah Tingkat Dasar", "2", "LKPP", "", 32},
    {"Workshop Manajemen Kinerja ASN", "6", "Kantor Regional BKN", "", 8},
    {"Pelatihan Pelayanan Prima", "2", "Badan Pengembangan Sumber Daya Manusia Daerah", "", 24},
    {"Bimbingan Teknis Aplikasi SIASN", "4", "Badan Kepegawaian Negara", "", 12},
    {"Seminar Reformasi Birokrasi", "5", "Kementerian PANRB", "", 4},
    {"Pelatihan Tata Naskah Dinas", "2", "Arsip Nasional Republik Indonesia", "", 20},
    {"Pelatihan Literasi Digital", "2", "Kementerian Komunikasi dan Informatika", "", 20},
    {"Sosialisasi Kode Etik dan Disiplin ASN", "7", "Inspektorat Daerah", "", 4},
    {"Kursus Bahasa Inggris", "1", "Lembaga Bahasa", "", 40},
    {"Pelatihan Implementasi Kurikulum Merdeka", "3", "Balai Guru Penggerak", "Guru", 32},
    {"Pelatihan Pencegahan dan Pengendalian Infeksi", "3", "Kementerian Kesehatan", "Perawat", 24},
    {"Pelatihan Asuhan Persalinan Normal", "3", "Kementerian Kesehatan", "Bidan", 40},
};

void kursusRows(JsonWriter& w, Source& s) {
  const Person& p = s.person();
  const int first = std::max(civil(p.tmtCpns).year, s.asOf.year - 8), last = s.asOf.year - 1;
  if (first > last) return;
  std::vector<const Course*> eligible;
  for (const Course& c : kCourses)
    if (c.onlyFor.empty() || p.jabatanNama.rfind(c.onlyFor, 0) == 0) eligible.push_back(&c);
  const int count = static_cast<int>(s.rng.below(5));
  std::vector<KursusRow> rows;
  for (int i = 0; i < count; ++i) {
    const Course& c = *eligible[s.rng.below(eligible.size())];
    KursusRow row;
    row.namaKursus = c.nama;
    row.jenisKursusId = c.jenisId;
    if (const ReferenceEntry* jenis = referenceCatalog().jenisKursus.byId(c.jenisId))
      row.jenisKursusNama = jenis->nama;
    row.institusi = c.institusi;
    row.jumlahJam = c.hours;
    row.tahun = s.rng.between(first, last);
    row.tanggal = s.dayIn(row.tahun);
    row.tanggalSelesai = addDays(row.tanggal, std::max(0, c.hours / 8 - 1));
    row.noSertipikat = std::to_string(s.rng.between(100, 9999)) + "/SERT/" + s.digits(5) + "/" +
                       std::to_string(row.tahun);
    rows.push_back(std::move(row));
  }
  std::sort(rows.begin(), rows.end(),
            [](const KursusRow& a, const KursusRow& b) { return a.tanggal < b.tanggal; });
  for (const KursusRow& row : rows) writeRow(w, s.nextId(), s.owner, row);
}

// ---- rw-skp22 and rw-kinerjaperiodik --------------------------------------------------------

int drawRating(SeededRng& rng) {
  double v = static_cast<double>(rng.below(1000)) / 1000.0;
  return v < 0.18 ? 1 : v < 0.92 ? 2 : 3;
}

// The appraiser: another person of the population, the same for all of one person's rows.
PenilaianRow appraiserOf(const Source& s) {
  PenilaianRow row;
  const Person& p = s.person();
  const std::uint64_t people = s.generator.options().people;
  if (people < 2) return row;
  std::uint64_t other = hashOf(s.generator.options().seed, p.index, 0x70656e) % people;
  if (other == p.index) other = (other + 1) % people;
  Person boss = s.generator.person(other);
  row.penilaiNipNrp = boss.nipBaru;
  row.penilaiNama = boss.name;
  row.penilaiJabatan = boss.jabatanNama;
  if (auto gol = mappings::golonganByCode(boss.golongan)) row.penilaiGolongan = gol->roman;
  row.penilaiUnorNama = boss.unorNama;
  row.statusPenilai = "ASN";
  return row;
}

// The first year the person is appraised under PermenPANRB 6/2022 (from 2022, after appointment).
int firstAppraisalYear(const Source& s) {
  CivilDate c = civil(s.person().tmtCpns);
  return std::max(2022, c.month > 6 ? c.year + 1 : c.year);
}

void skp22Rows(JsonWriter& w, Source& s) {
  PenilaianRow base = appraiserOf(s);
  for (int year = firstAppraisalYear(s); year < s.asOf.year; ++year) {
    PenilaianRow row = base;
    row.tahun = year;
    row.hasilKerja = drawRating(s.rng);
    row.perilakuKerja = drawRating(s.rng);
    writeRow(w, s.nextId(), s.owner, row);
  }
}

void kinerjaPeriodikRows(JsonWriter& w, Source& s) {
  PenilaianRow base = appraiserOf(s);
  // Quarterly appraisals (from 2023) of the last two years.
  int first = std::max({firstAppraisalYear(s), 2023, s.asOf.year - 2});
  for (int year = first; year < s.asOf.year; ++year) {
    for (int quarter = 0; quarter < 4; ++quarter) {
      PenilaianRow row = base;
      row.tahun = year;
      row.bulanMulai = quarter * 3 + 1;
      row.bulanSelesai = quarter * 3 + 3;
      row.hasilKerja = drawRating(s.rng);
      row.perilakuKerja = drawRating(s.rng);
      writeRow(w, s.nextId(), s.owner, row);
    }
  }
}

}  // namespace

void writeGeneratedRows(JsonWriter& w, const population::PopulationGenerator& generator,
                        const population::PersonRecords& records, HistoryKind kind) {
  Source source(generator, records, kind);
  switch (kind) {
    case HistoryKind::kJabatan:
      jabatanRows(w, source);
      break;
    case HistoryKind::kGolongan:
      golonganRows(w, source);
      break;
    case HistoryKind::kDiklat:
      diklatRows(w, source);
      break;
    case HistoryKind::kKursus:
      kursusRows(w, source);
      break;
    case HistoryKind::kSkp22:
      skp22Rows(w, source);
      break;
    case HistoryKind::kKinerjaPeriodik:
      kinerjaPeriodikRows(w, source);
      break;
  }
}

}  // namespace sinkron::sim::siasn
