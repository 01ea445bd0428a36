#pragma once
// The PermenPANRB 6/2022 performance matrix: hasil kerja and perilaku kerja, each rated
// 1 above / 2 as expected / 3 below expectation, give the predikat (kuadran kinerja).
#include <string_view>

namespace sinkron::sim::siasn {

// kuadranKinerjaNilai codes as the simulator serves them.
enum class Predikat : int {
  kSangatBaik = 1,
  kBaik = 2,
  kButuhPerbaikan = 3,
  kKurang = 4,
  kSangatKurang = 5,
};

// hasil and perilaku in 1..3 (callers validate the range).
Predikat predikatOf(int hasilKerja, int perilakuKerja);
std::string_view predikatName(Predikat predikat);  // "Sangat Baik", ...
std::string_view ratingName(int rating);           // "Diatas Ekspektasi", ...

}  // namespace sinkron::sim::siasn
