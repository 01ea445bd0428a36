#include "skp_model.hpp"

#include <array>
#include <span>

#include "hashing.hpp"
#include "sinkron/sim/ekinerja_sim.hpp"

namespace sinkron::sim::ekinerja {
namespace {

constexpr double kNeverFilledRate = 0.05;
constexpr double kIncompleteRate = 0.08;
constexpr double kCurrentDraftRate = 0.10;  // the last closed quarter still in draft
constexpr double kWrongPredikatRate = 0.01;
// The year in progress: quarters from this index on are not yet appraised.
constexpr int kOpenFromInCurrentYear = 3;  // TW4 and TAHUNAN

constexpr std::array<std::string_view, kPeriodeCount> kPeriodeNames{"TW1", "TW2", "TW3", "TW4",
                                                                    "TAHUNAN"};
constexpr std::array<std::string_view, 5> kPredikatLabels{"Sangat Baik", "Baik", "Butuh Perbaikan",
                                                          "Kurang", "Sangat Kurang"};

constexpr std::string_view kRencanaStructural[] = {
    "Terwujudnya pelaksanaan program unit kerja sesuai rencana strategis",
    "Meningkatnya kualitas pelayanan publik di unit kerja",
    "Tersusunnya laporan kinerja unit kerja tepat waktu",
    "Meningkatnya capaian indikator kinerja utama unit kerja",
    "Terlaksananya pembinaan dan pengembangan kompetensi pegawai",
};
constexpr std::string_view kRencanaFunctional[] = {
    "Terlaksananya tugas jabatan fungsional sesuai standar kompetensi",
    "Tersusunnya dokumen hasil kerja jabatan fungsional",
    "Terlaksananya layanan kepada pemangku kepentingan sesuai SOP",
    "Meningkatnya kompetensi profesi melalui pengembangan diri",
    "Tersusunnya laporan capaian angka kredit",
};
constexpr std::string_view kRencanaPelaksana[] = {
    "Terselesaikannya administrasi persuratan tepat waktu",
    "Tersusunnya data dan laporan kegiatan bulanan",
    "Terlaksananya dukungan teknis kegiatan unit kerja",
    "Terkelolanya arsip dan dokumen unit kerja",
    "Terlaksananya pemutakhiran data pada aplikasi unit kerja",
};

std::uint64_t yearKey(std::uint64_t person, int tahun) {
  return (person << 12) | (static_cast<std::uint64_t>(tahun - 2000) & 0xff) << 4;
}

std::uint64_t periodKey(std::uint64_t person, int tahun, Periode periode) {
  return yearKey(person, tahun) | static_cast<std::uint64_t>(periode);
}

int drawRating(double u, double aboveRate, double belowRate) {
  if (u < aboveRate) return 1;
  if (u < 1.0 - belowRate) return 2;
  return 3;
}

// The most frequent quarterly rating; ties go to "as expected", then "above".
int annualRating(std::span<const int> quarterly) {
  std::array<int, 4> counts{};
  for (int r : quarterly) ++counts[static_cast<std::size_t>(r)];
  int best = 2;
  for (int r : {1, 3})
    if (counts[static_cast<std::size_t>(r)] > counts[static_cast<std::size_t>(best)]) best = r;
  return best;
}

void appendHex(std::string& out, std::uint64_t v, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = digits - 1; i >= 0; --i) out.push_back(kHex[(v >> (i * 4)) & 0xf]);
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string_view periodeName(Periode periode) {
  return kPeriodeNames[static_cast<std::size_t>(periode)];
}

std::optional<Periode> periodeFromName(std::string_view name) {
  for (std::size_t i = 0; i < kPeriodeNames.size(); ++i)
    if (kPeriodeNames[i] == name) return static_cast<Periode>(i);
  return std::nullopt;
}

std::string_view statusName(PenilaianStatus status) {
  switch (status) {
    case PenilaianStatus::kFinal:
      return "final";
    case PenilaianStatus::kDraft:
      return "draft";
    case PenilaianStatus::kBelumDinilai:
      return "belum_dinilai";
  }
  return "";
}

std::string_view ratingLabel(int rating) {
  switch (rating) {
    case 1:
      return "Di atas ekspektasi";
    case 2:
      return "Sesuai ekspektasi";
    case 3:
      return "Di bawah ekspektasi";
    default:
      return "";
  }
}

SkpModel::SkpModel(std::uint64_t seed, int asOfYear) : seed_(seed), currentYear_(asOfYear) {}

bool SkpModel::hasSkp(const Employment& e, int tahun) const {
  if (tahun < firstYear() || tahun > currentYear_ || tahun < e.startYear) return false;
  return unitOf(hashOf(seed_, yearKey(e.person, tahun), Purpose::kNeverFilled)) >= kNeverFilledRate;
}

bool SkpModel::applies(const Employment& e, int tahun, Periode periode) const {
  if (tahun < e.startYear) return false;
  if (tahun > e.startYear || periode == Periode::kTahunan) return true;
  int quarterEndMonth = 3 * (static_cast<int>(periode) + 1);
  return e.startMonth <= quarterEndMonth;
}

int SkpModel::firstUnfinished(const Employment& e, int tahun) const {
  std::uint64_t h = hashOf(seed_, yearKey(e.person, tahun), Purpose::kIncomplete);
  int first =
      unitOf(h) < kIncompleteRate ? static_cast<int>(mix64(h) % kPeriodeCount) : kPeriodeCount;
  if (tahun == currentYear_ && first > kOpenFromInCurrentYear) first = kOpenFromInCurrentYear;
  return first;
}

std::pair<int, int> SkpModel::ratings(const Employment& e, int tahun, Periode periode) const {
  if (periode == Periode::kTahunan) {
    std::array<int, 4> hasil{}, perilaku{};
    std::size_t n = 0;
    for (int q = 0; q < 4; ++q) {
      auto p = static_cast<Periode>(q);
      if (!applies(e, tahun, p)) continue;
      std::tie(hasil[n], perilaku[n]) = ratings(e, tahun, p);
      ++n;
    }
    return {annualRating(std::span<const int>(hasil.data(), n)),
            annualRating(std::span<const int>(perilaku.data(), n))};
  }
  std::uint64_t h = hashOf(seed_, periodKey(e.person, tahun, periode), Purpose::kRating);
  return {drawRating(unitOf(h), 0.15, 0.07), drawRating(unitOf(mix64(h)), 0.12, 0.05)};
}

Penilaian SkpModel::penilaian(const Employment& e, int tahun, Periode periode) const {
  Penilaian out;
  out.periode = periode;
  int index = static_cast<int>(periode);
  int first = firstUnfinished(e, tahun);
  std::uint64_t key = periodKey(e.person, tahun, periode);
  std::uint64_t h = hashOf(seed_, key, Purpose::kIncomplete);
  if (index > first) {
    out.status = PenilaianStatus::kBelumDinilai;
  } else if (index == first) {
    // The current year's open periods are simply not due yet; elsewhere half were started.
    bool due = !(tahun == currentYear_ && index >= kOpenFromInCurrentYear);
    out.status = due && unitOf(h) < 0.5 ? PenilaianStatus::kDraft : PenilaianStatus::kBelumDinilai;
  } else if (tahun == currentYear_ && index == kOpenFromInCurrentYear - 1 &&
             unitOf(mix64(h)) < kCurrentDraftRate) {
    out.status = PenilaianStatus::kDraft;
  } else {
    out.status = PenilaianStatus::kFinal;
  }
  if (out.status == PenilaianStatus::kBelumDinilai) return out;

  std::tie(out.hasilKerja, out.perilaku) = ratings(e, tahun, periode);
  out.truePredikat = ekinerjaPredikat(out.hasilKerja, out.perilaku);
  out.predikat = out.truePredikat;
  std::uint64_t w = hashOf(seed_, key, Purpose::kWrongPredikat);
  if (unitOf(w) < kWrongPredikatRate) {
    // One of the four other labels, as someone picking the wrong entry in a drop-down.
    std::size_t right = 0;
    while (kPredikatLabels[right] != out.truePredikat) ++right;
    std::size_t wrong = (right + 1 + mix64(w) % 4) % kPredikatLabels.size();
    out.predikat = kPredikatLabels[wrong];
    out.predikatWrong = true;
  }
  return out;
}

std::vector<Penilaian> SkpModel::penilaianOfYear(const Employment& e, int tahun) const {
  std::vector<Penilaian> out;
  for (int p = 0; p < kPeriodeCount; ++p) {
    auto periode = static_cast<Periode>(p);
    if (applies(e, tahun, periode)) out.push_back(penilaian(e, tahun, periode));
  }
  return out;
}

std::vector<std::string_view> SkpModel::rencana(const Employment& e, int jenisJabatan,
                                                int tahun) const {
  std::span<const std::string_view> items = jenisJabatan == 1   ? kRencanaStructural
                                            : jenisJabatan == 2 ? kRencanaFunctional
                                                                : kRencanaPelaksana;
  std::uint64_t start = hashOf(seed_, yearKey(e.person, tahun), Purpose::kRencana) % items.size();
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < 3; ++i) out.push_back(items[(start + i) % items.size()]);
  return out;
}

std::string SkpModel::skpId(std::uint64_t person, int tahun) const {
  std::uint64_t payload = (person << 8) | static_cast<std::uint64_t>(tahun - 2000);
  std::uint64_t high = scramble(payload, hashOf(seed_, 0, Purpose::kSkpId));
  std::uint64_t low = hashOf(seed_, high, Purpose::kSkpIdCheck);
  std::string hex;
  appendHex(hex, high, 16);
  appendHex(hex, low, 16);
  std::string out;
  out.reserve(36);
  out.append(hex, 0, 8).append("-").append(hex, 8, 4).append("-").append(hex, 12, 4);
  out.append("-").append(hex, 16, 4).append("-").append(hex, 20, 12);
  return out;
}

std::optional<std::pair<std::uint64_t, int>> SkpModel::parseSkpId(std::string_view id) const {
  if (id.size() != 36) return std::nullopt;
  std::uint64_t high = 0, low = 0;
  int digits = 0;
  for (std::size_t i = 0; i < id.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (id[i] != '-') return std::nullopt;
      continue;
    }
    int v = hexValue(id[i]);
    if (v < 0) return std::nullopt;
    std::uint64_t& half = digits < 16 ? high : low;
    half = (half << 4) | static_cast<std::uint64_t>(v);
    ++digits;
  }
  if (low != hashOf(seed_, high, Purpose::kSkpIdCheck)) return std::nullopt;
  std::uint64_t payload = unscramble(high, hashOf(seed_, 0, Purpose::kSkpId));
  return std::pair<std::uint64_t, int>{payload >> 8, static_cast<int>(payload & 0xff) + 2000};
}

}  // namespace sinkron::sim::ekinerja
