// Histories of a pegawai row: rank steps (riwayat_pangkat), the positions that led to the current
// one (riwayat_jabatan) and training (diklat). Derived from the row alone, so that they agree with
// its golongan, TMT dates and position, and with what the REST API and the database show.
#include <algorithm>
#include <array>
#include <string_view>

#include "dates.hpp"
#include "seeded_hash.hpp"
#include "sinkron/mappings/code_tables.hpp"
#include "sinkron/sim/simpeg_model.hpp"

namespace sinkron::sim::simpeg {

namespace {

constexpr std::array<int, 17> kGolonganCodes = {11, 12, 13, 14, 21, 22, 23, 24, 31,
                                                32, 33, 34, 41, 42, 43, 44, 45};
constexpr int kYearsPerStep = 4;  // regular promotion (kenaikan pangkat reguler)

std::string_view romanOfStep(int step) {
  return mappings::golonganByCode(kGolonganCodes[static_cast<std::size_t>(step)])->roman;
}

int stepOf(std::string_view pangkatGol) {
  std::optional<mappings::Golongan> g = mappings::parseGolongan(pangkatGol);
  if (!g) return -1;
  for (std::size_t i = 0; i < kGolonganCodes.size(); ++i)
    if (kGolonganCodes[i] == g->code) return static_cast<int>(i);
  return -1;
}

struct RankStep {
  int step;  // index into kGolonganCodes, -1 when the row's pangkat is unreadable
  CivilDate tmt;
};

// The ranks from appointment to the row's golongan, one regular step every four years.
std::vector<RankStep> rankSteps(const PegawaiRow& row) {
  int step = stepOf(row.pangkatGol);
  std::optional<CivilDate> cpns = parseDay(row.tmtCpns), gol = parseDay(row.tmtGol);
  if (!gol) gol = cpns;
  if (!cpns) cpns = gol;
  if (!cpns) return {};
  if (step <= 0 || *gol <= *cpns) return {{step, *gol}};
  int steps = std::clamp((gol->year - cpns->year) / kYearsPerStep, 1, step);
  std::vector<RankStep> out;
  for (int k = 0; k <= steps; ++k) {
    CivilDate tmt = k == 0 ? *cpns
                    : k == steps
                        ? *gol
                        : CivilDate{gol->year - kYearsPerStep * (steps - k), gol->month, 1};
    if (!out.empty() && tmt <= out.back().tmt) tmt = addDays(out.back().tmt, 1);
    if (k == steps && tmt > *gol) tmt = *gol;
    out.push_back({step - steps + k, tmt});
  }
  return out;
}

std::uint64_t hashOf(const PegawaiRow& row, std::uint64_t purpose, std::uint64_t k) {
  return seededHash(row.idPegawai, k, purpose);
}

// "823.4/517/BKPSDM/2019"
std::string skNumber(std::string_view code, const PegawaiRow& row, std::uint64_t k, int year) {
  std::string out(code);
  out.push_back('/');
  out.append(std::to_string(100 + hashOf(row, kPurposeSk, k) % 900));
  out.append("/BKPSDM/");
  out.append(std::to_string(year));
  return out;
}

// Jenjang of functional positions by golongan step (PermenPANRB): ahli from III/a, terampil from
// II/c. Catalogue numbers keep the level in the last digit, terampil levels + 10.
constexpr std::string_view kAhli[] = {"Ahli Pertama", "Ahli Muda", "Ahli Madya", "Ahli Utama"};
constexpr std::string_view kTerampil[] = {"Terampil", "Mahir", "Penyelia"};

int jenjangLevel(bool terampil, int step) {
  if (terampil) return step < 6 ? -1 : step < 8 ? 0 : step < 10 ? 1 : 2;
  return step < 8 ? -1 : step < 10 ? 0 : step < 12 ? 1 : step < 15 ? 2 : 3;
}

std::string_view jenjangName(bool terampil, int level) {
  if (level < 0) return {};
  return terampil ? kTerampil[std::min(level, 2)] : kAhli[std::min(level, 3)];
}

constexpr std::string_view kPelaksanaName = "Pengadministrasi Umum";
constexpr std::uint32_t kPelaksanaCatalog = 400;

void pushJabatan(std::vector<RiwayatJabatanRow>& out, const PegawaiRow& row, std::uint32_t catalog,
                 std::string name, std::string eselon, const CivilDate& tmt) {
  if (!out.empty() && out.back().tmtJabatan == tmt.iso()) out.pop_back();  // same day: the later
  RiwayatJabatanRow r;
  r.idPegawai = row.idPegawai;
  r.idUnitKerja = row.idJ / 1000;  // the posts of the unit of the current one
  r.idJ = r.idUnitKerja * 1000 + catalog;
  r.namaJabatan = std::move(name);
  r.eselon = std::move(eselon);
  r.tmtJabatan = tmt.iso();
  out.push_back(std::move(r));
}

struct Course {
  std::string_view name;
  int jp;
};
constexpr Course kTechnicalCourses[] = {{"Bimbingan Teknis Penyusunan SKP", 16},
                                        {"Pelatihan Pengelolaan Keuangan Daerah", 40},
                                        {"Bimbingan Teknis Aplikasi SIASN", 8},
                                        {"Pelatihan Pelayanan Prima", 24},
                                        {"Pelatihan Pengadaan Barang/Jasa Pemerintah", 32},
                                        {"Workshop Penyusunan Rencana Strategis", 20},
                                        {"Pelatihan Kearsipan Dinamis", 24},
                                        {"Bimbingan Teknis Manajemen ASN", 16},
                                        {"Pelatihan Literasi Digital", 8},
                                        {"Pelatihan Penulisan Naskah Dinas", 12},
                                        {"Pelatihan Anti Korupsi", 20},
                                        {"Pelatihan Keselamatan dan Kesehatan Kerja", 16}};
constexpr std::string_view kOrganisers[] = {"BKPSDM", "BPSDM Provinsi", "LAN RI", "BKN",
                                            "Pusdiklat Kemendagri"};

}  // namespace

void riwayatPangkat(const PegawaiRow& row, std::vector<RiwayatPangkatRow>& out) {
  out.clear();
  std::vector<RankStep> steps = rankSteps(row);
  bool pppk = row.statusPegawai == "PPPK";
  for (std::size_t k = 0; k < steps.size(); ++k) {
    RiwayatPangkatRow r;
    r.id = static_cast<std::uint64_t>(row.idPegawai) * 100 + k;
    r.idPegawai = row.idPegawai;
    r.pangkatGol = steps[k].step < 0 ? row.pangkatGol : std::string(romanOfStep(steps[k].step));
    r.tmtPangkat = steps[k].tmt.iso();
    bool last = k + 1 == steps.size();
    r.jenisKp = k == 0                               ? (pppk ? "PPPK" : "CPNS")
                : last && row.jenjab == "Struktural" ? "Pilihan (Jabatan Struktural)"
                                                     : "Reguler";
    r.noSk = skNumber(k == 0 ? "813.3" : "823.4", row, k, steps[k].tmt.year);
    r.tglSk = addDays(steps[k].tmt, -static_cast<int>(15 + hashOf(row, kPurposeSk, k) % 45)).iso();
    out.push_back(std::move(r));
  }
}

void riwayatJabatan(const PegawaiRow& row, const JabatanRow* currentJabatan,
                    std::vector<RiwayatJabatanRow>& out) {
  out.clear();
  std::vector<RankStep> steps = rankSteps(row);
  if (steps.empty()) return;
  std::uint32_t catalog = row.idJ % 1000;
  std::string current =
      currentJabatan ? currentJabatan->namaJabatan : "Jabatan " + std::to_string(row.idJ);
  std::string eselon = currentJabatan ? currentJabatan->eselon : std::string();
  const CivilDate first = steps.front().tmt, last = steps.back().tmt;

  if (catalog < kHeadCatalog) {  // functional: up the jenjang ladder with the rank
    bool terampil = catalog % 20 >= 10;
    int level = static_cast<int>(catalog % 10);
    std::string_view suffix = jenjangName(terampil, level);
    bool ladder = current.size() > suffix.size() + 1 && current.ends_with(suffix);
    std::string family = ladder ? current.substr(0, current.size() - suffix.size() - 1) : "";
    int shown = -2;
    for (const RankStep& s : steps) {
      int l = ladder ? std::min(jenjangLevel(terampil, s.step), level) : level;
      if (l == shown) continue;
      shown = l;
      if (l < 0) {
        pushJabatan(out, row, kPelaksanaCatalog, std::string(kPelaksanaName), "", s.tmt);
      } else if (l == level) {
        pushJabatan(out, row, catalog, current, "", s.tmt);
      } else {
        std::uint32_t c = catalog - static_cast<std::uint32_t>(level - l);
        pushJabatan(out, row, c, family + " " + std::string(jenjangName(terampil, l)), "", s.tmt);
      }
    }
    if (shown != level) pushJabatan(out, row, catalog, current, "", last);
  } else if (catalog < kPelaksanaCatalog && last > first) {  // structural after serving as staff
    pushJabatan(out, row, kPelaksanaCatalog, std::string(kPelaksanaName), "", first);
    pushJabatan(out, row, catalog, current, eselon, last);
  } else {
    pushJabatan(out, row, catalog, current, eselon, first);
  }
  for (std::size_t k = 0; k < out.size(); ++k) {
    RiwayatJabatanRow& r = out[k];
    r.id = static_cast<std::uint64_t>(row.idPegawai) * 100 + k;
    CivilDate tmt = *parseDay(r.tmtJabatan);
    r.noSk = skNumber("821.2", row, 50 + k, tmt.year);
    r.tglSk = addDays(tmt, -static_cast<int>(7 + hashOf(row, kPurposeSk, 50 + k) % 30)).iso();
  }
}

void diklat(const population::GeneratorOptions& options, const PegawaiRow& row,
            const JabatanRow* currentJabatan, std::vector<DiklatRow>& out) {
  out.clear();
  std::optional<CivilDate> cpns = parseDay(row.tmtCpns);
  if (!cpns) return;
  const CivilDate asOf{options.asOfYear, 1, 1};
  auto add = [&](std::string_view jenis, std::string name, std::string_view organiser,
                 CivilDate start, int days, int jp, std::string_view certificateCode) {
    CivilDate end = addDays(start, days);
    if (!(end < asOf) || start < *cpns) return;
    DiklatRow r;
    r.idPegawai = row.idPegawai;
    r.id = static_cast<std::uint64_t>(row.idPegawai) * 100 + out.size();
    r.jenisDiklat = jenis;
    r.namaDiklat = std::move(name);
    r.penyelenggara = organiser;
    r.tglMulai = start.iso();
    r.tglSelesai = end.iso();
    r.jumlahJam = jp;
    r.noSertifikat = std::string(certificateCode) + "." +
                     std::to_string(10000 + hashOf(row, kPurposeDiklat, 90 + out.size()) % 90000) +
                     "/" + std::to_string(start.year);
    out.push_back(std::move(r));
  };
  auto draw = [&](std::uint64_t k, std::uint64_t range) {
    return static_cast<int>(hashOf(row, kPurposeDiklat, k) % range);
  };

  // Pre-service training in the first year of service.
  std::vector<RankStep> steps = rankSteps(row);
  std::string_view entryRank = steps.empty() || steps.front().step < 0
                                   ? std::string_view(row.pangkatGol)
                                   : romanOfStep(steps.front().step);
  std::string group(entryRank.substr(0, entryRank.find('/')));
  CivilDate start = addDays(*cpns, 90 + draw(1, 180));
  if (row.statusPegawai == "PPPK") {
    add("Prajabatan", "Orientasi PPPK", "BKPSDM", start, 5, 40, "ORI");
  } else if (start.year < 2018) {
    add("Prajabatan", "Diklat Prajabatan Golongan " + group, "BPSDM Provinsi", start, 21, 200,
        "PRA");
  } else {
    add("Prajabatan", "Pelatihan Dasar CPNS Golongan " + group, "BPSDM Provinsi", start, 51, 400,
        "LATSAR");
  }

  // Leadership training that goes with a structural post.
  std::uint32_t catalog = row.idJ % 1000;
  std::string_view eselon = currentJabatan ? std::string_view(currentJabatan->eselon) : "";
  if (!eselon.empty() && !steps.empty()) {
    CivilDate at = addDays(steps.back().tmt, 120 + draw(2, 400));
    if (!(at < addDays(asOf, -120))) at = addDays(asOf, -120 - draw(3, 200));
    bool old = at.year < 2019;
    if (eselon.starts_with("II.")) {
      add("Struktural", old ? "Diklat Kepemimpinan Tingkat II" : "Pelatihan Kepemimpinan Nasional",
          "LAN RI", at, 90, 500, "PKN");
    } else if (eselon.starts_with("III.")) {
      add("Struktural",
          old ? "Diklat Kepemimpinan Tingkat III" : "Pelatihan Kepemimpinan Administrator",
          "BPSDM Provinsi", at, 75, 400, "PKA");
    } else {
      add("Struktural", old ? "Diklat Kepemimpinan Tingkat IV" : "Pelatihan Kepemimpinan Pengawas",
          "BPSDM Provinsi", at, 60, 300, "PKP");
    }
  }

  // The first functional training of a jenjang ladder.
  if (catalog < kHeadCatalog && currentJabatan) {
    std::string_view name = currentJabatan->namaJabatan;
    std::size_t cut = name.find(" Ahli ");
    if (cut == std::string_view::npos) cut = name.rfind(' ');
    CivilDate at = addDays(steps.empty() ? *cpns : steps.front().tmt, 400 + draw(4, 700));
    add("Fungsional", "Pelatihan Fungsional " + std::string(name.substr(0, cut)),
        "Instansi Pembina Jabatan Fungsional", at, 10, 80, "FUNG");
  }

  // Technical courses of the last three years (the 20 JP a year target).
  int courses = draw(5, 4);
  for (int c = 0; c < courses; ++c) {
    const Course& course = kTechnicalCourses[draw(10 + c, std::size(kTechnicalCourses))];
    CivilDate day{asOf.year - 1 - draw(20 + c, 3), 1, 1};
    day = addDays(day, draw(30 + c, 330));
    add("Teknis", std::string(course.name), kOrganisers[draw(40 + c, std::size(kOrganisers))], day,
        std::max(0, course.jp / 8 - 1), course.jp, "DL");
  }
}

}  // namespace sinkron::sim::simpeg
