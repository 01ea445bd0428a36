#pragma once
// Organisation tables: golongan/pangkat, kedudukan hukum, work units (per region: offices,
// hospital, schools, puskesmas) and the position (jabatan) catalogue.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "random.hpp"
#include "sinkron/population/organisation.hpp"

namespace sinkron::population {

struct GolonganInfo {
  int code;                  // 11..45
  std::string_view roman;    // "III/a"
  std::string_view pangkat;  // "Penata Muda"
};
constexpr int kGolonganSteps = 17;
const GolonganInfo& golonganAtStep(int step);  // 0 = I/a .. 16 = IV/e
int golonganStep(int code);

struct Kedudukan {
  std::string_view id;          // SIASN code "01"
  std::string_view siasnName;   // "Aktif"
  std::string_view simpegName;  // local label
};
enum class KedudukanKind {
  kAktif,
  kCltn,
  kTugasBelajar,
  kPemberhentianSementara,
  kMpp,
  kBup,
  kPensiun
};
const Kedudukan& kedudukan(KedudukanKind kind);

// A unit of that class in the region, chosen by rng (Zipf over offices).
std::uint32_t pickUnit(int region, UnitClass cls, Rng& rng);

// Positions.
enum class Education : std::uint8_t { kSd, kSmp, kSma, kD3, kS1, kS2, kS3 };

struct FunctionalFamily {
  std::string_view name;  // "Guru"
  bool terampil, ahli;    // which jenjang ladders exist
  UnitClass where;
};
std::span<const FunctionalFamily> functionalFamilies();
enum Family : int {
  kGuru = 0,
  kPerawat,
  kBidan,
  kDokter,
  kApoteker,
  kAnalisKepegawaian,
  kPranataKomputer,
  kPenyuluhPertanian,
  kAuditor,
  kPerencana,
  kArsiparis,
  kPustakawan,
  kAnalisKebijakan,
  kPranataHumas,
  kPengelolaPbj
};

// "Ahli Muda" etc. for a golongan step; empty when the ladder has no level there.
std::string_view jenjangName(bool ahli, int golStep, int* levelOut);
std::span<const std::string_view> pelaksanaNames();
std::span<const std::string_view> bidangNames(std::uint16_t agency);

}  // namespace sinkron::population
