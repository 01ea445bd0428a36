#pragma once
// SkpModel: what e-Kinerja holds about an employee's SKP for a year — whether it was filled in,
// the status and ratings of each period and the recorded predikat — as a pure function of
// (population seed, person, year, period). Nothing is stored, so any population size is served.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sinkron::sim::ekinerja {

enum class Periode : std::uint8_t { kTw1, kTw2, kTw3, kTw4, kTahunan };
inline constexpr int kPeriodeCount = 5;
std::string_view periodeName(Periode periode);  // "TW1".."TW4", "TAHUNAN"
std::optional<Periode> periodeFromName(std::string_view name);

enum class PenilaianStatus : std::uint8_t { kFinal, kDraft, kBelumDinilai };
std::string_view statusName(PenilaianStatus status);  // "final", "draft", "belum_dinilai"
// "Di atas ekspektasi" (1), "Sesuai ekspektasi" (2), "Di bawah ekspektasi" (3); empty otherwise.
std::string_view ratingLabel(int rating);

// When an employee started (TMT CPNS): decides the years and quarters they are appraised in.
struct Employment {
  std::uint64_t person = 0;
  int startYear = 0, startMonth = 1, startDay = 1;
};

struct Penilaian {
  Periode periode = Periode::kTw1;
  PenilaianStatus status = PenilaianStatus::kBelumDinilai;
  int hasilKerja = 0, perilaku = 0;  // 1..3; 0 while not rated
  std::string_view predikat;         // as recorded; empty while not rated
  std::string_view truePredikat;     // what the ratings give (PermenPANRB 6/2022)
  bool predikatWrong = false;        // recorded != true: wrong data entered
};

class SkpModel {
 public:
  SkpModel(std::uint64_t seed, int asOfYear);
  int firstYear() const { return currentYear_ - 3; }
  int currentYear() const { return currentYear_; }

  // Employed by `tahun`, `tahun` served and the SKP filled in.
  bool hasSkp(const Employment& e, int tahun) const;
  // Employed in `tahun` before the period ended.
  bool applies(const Employment& e, int tahun, Periode periode) const;
  // One period's appraisal; meaningful where hasSkp() and applies().
  Penilaian penilaian(const Employment& e, int tahun, Periode periode) const;
  // The periods that apply, in order.
  std::vector<Penilaian> penilaianOfYear(const Employment& e, int tahun) const;
  // The three plan items (rencana hasil kerja) of the year's SKP for that kind of position
  // (jenis jabatan 1 structural, 2 functional, else pelaksana).
  std::vector<std::string_view> rencana(const Employment& e, int jenisJabatan, int tahun) const;

  // A UUID-shaped id that decodes back to (person, tahun) and that only this seed produces.
  std::string skpId(std::uint64_t person, int tahun) const;
  std::optional<std::pair<std::uint64_t, int>> parseSkpId(std::string_view id) const;

 private:
  // The period from which appraisal stops (kPeriodeCount when the year is complete).
  int firstUnfinished(const Employment& e, int tahun) const;
  std::pair<int, int> ratings(const Employment& e, int tahun, Periode periode) const;

  std::uint64_t seed_;
  int currentYear_;
};

}  // namespace sinkron::sim::ekinerja
