#include "sinkron/sim/ekinerja_sim.hpp"

namespace sinkron::sim {
namespace {

// PermenPANRB 6/2022, rows hasil kerja, columns perilaku kerja; 1 above, 2 as expected, 3 below.
// Written out in full: max(hasil, perilaku) would get hasil above / perilaku below wrong.
constexpr std::string_view kPredikat[3][3] = {
    // perilaku: above       as expected        below
    {"Sangat Baik", "Baik", "Kurang"},                        // hasil kerja above
    {"Baik", "Baik", "Kurang"},                               // hasil kerja as expected
    {"Butuh Perbaikan", "Butuh Perbaikan", "Sangat Kurang"},  // hasil kerja below
};

}  // namespace

std::string_view ekinerjaPredikat(int hasilKerjaRating, int perilakuRating) {
  if (hasilKerjaRating < 1 || hasilKerjaRating > 3 || perilakuRating < 1 || perilakuRating > 3)
    return {};
  return kPredikat[hasilKerjaRating - 1][perilakuRating - 1];
}

}  // namespace sinkron::sim
