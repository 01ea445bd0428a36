#pragma once
// The per-employee histories of SIASN: GET /pns/rw-<name>/{nipBaru}; all but golongan also have a
// POST /<name>/save.
#include <array>
#include <string_view>

namespace sinkron::sim::siasn {

enum class HistoryKind : int { kJabatan, kGolongan, kDiklat, kKursus, kSkp22, kKinerjaPeriodik };
inline constexpr int kHistoryKinds = 6;

inline constexpr std::array<HistoryKind, kHistoryKinds> kAllHistoryKinds = {
    HistoryKind::kJabatan, HistoryKind::kGolongan, HistoryKind::kDiklat,
    HistoryKind::kKursus,  HistoryKind::kSkp22,    HistoryKind::kKinerjaPeriodik};

// "jabatan", "golongan", "diklat", "kursus", "skp22", "kinerjaperiodik".
inline std::string_view historyName(HistoryKind kind) {
  constexpr std::array<std::string_view, kHistoryKinds> kNames = {
      "jabatan", "golongan", "diklat", "kursus", "skp22", "kinerjaperiodik"};
  return kNames[static_cast<int>(kind)];
}

}  // namespace sinkron::sim::siasn
