#include "performance_rating.hpp"

namespace sinkron::sim::siasn {

Predikat predikatOf(int hasilKerja, int perilakuKerja) {
  // Rows: hasil kerja; columns: perilaku kerja (above, as expected, below). Not max(a, b):
  // above/below is Kurang and below/above is Butuh Perbaikan.
  static constexpr Predikat kMatrix[3][3] = {
      {Predikat::kSangatBaik, Predikat::kBaik, Predikat::kKurang},
      {Predikat::kBaik, Predikat::kBaik, Predikat::kKurang},
      {Predikat::kButuhPerbaikan, Predikat::kButuhPerbaikan, Predikat::kSangatKurang},
  };
  return kMatrix[hasilKerja - 1][perilakuKerja - 1];
}

std::string_view predikatName(Predikat predikat) {
  switch (predikat) {
    case Predikat::kSangatBaik:
      return "Sangat Baik";
    case Predikat::kBaik:
      return "Baik";
    case Predikat::kButuhPerbaikan:
      return "Butuh Perbaikan";
    case Predikat::kKurang:
      return "Kurang";
    case Predikat::kSangatKurang:
      return "Sangat Kurang";
  }
  return {};
}

std::string_view ratingName(int rating) {
  switch (rating) {
    case 1:
      return "Diatas Ekspektasi";
    case 2:
      return "Sesuai Ekspektasi";
    case 3:
      return "Dibawah Ekspektasi";
    default:
      return {};
  }
}

}  // namespace sinkron::sim::siasn
