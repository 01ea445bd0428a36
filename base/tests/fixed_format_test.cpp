#include <catch2/catch.hpp>

#include <charconv>
#include <cmath>
#include <limits>
#include <random>
#include <string>

#include "sinkron/fixed_format.hpp"

namespace {

std::string fast(double v, int decimals) {
  char buf[64];
  return std::string(buf, sinkron::formatFixed(buf, buf + sizeof buf, v, decimals));
}

std::string exact(double v, int decimals) {
  char buf[400];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  return std::string(buf, r.ptr);
}

}  // namespace

TEST_CASE("formatFixed writes what std::to_chars writes", "[base]") {
  SECTION("chosen values: ties, signs, zeros, carries, non-finite") {
    const double values[] = {0.0,
                             -0.0,
                             0.125,
                             0.375,
                             2.5,
                             -2.5,
                             0.005,
                             0.015,
                             1.005,
                             9.995,
                             99.9999,
                             -0.001,
                             -0.004,
                             12.345,
                             1e8,
                             999999999.4,
                             1e9,
                             1e15,
                             123456789.987654,
                             0.5,
                             1.5,
                             -7.25,
                             std::numeric_limits<double>::infinity(),
                             -std::numeric_limits<double>::infinity(),
                             std::numeric_limits<double>::quiet_NaN(),
                             std::numeric_limits<double>::denorm_min()};
    for (double v : values)
      for (int d = 0; d <= 8; ++d) {
        INFO(v << " with " << d << " decimals");
        CHECK(fast(v, d) == exact(v, d));
      }
  }
  SECTION("exact ties round half to even, like std::to_chars") {
    for (int k = -4000; k <= 4000; ++k) {
      const double v = k / 8.0;  // every eighth: ties at one, two and three decimals
      for (int d = 0; d <= 4; ++d) {
        INFO(v << " with " << d << " decimals");
        REQUIRE(fast(v, d) == exact(v, d));
      }
      const float f = static_cast<float>(k) * 0.0625f;  // float weights widened to double
      REQUIRE(fast(f, 1) == exact(f, 1));
      REQUIRE(fast(f, 2) == exact(f, 2));
    }
  }
  SECTION("random scores and weights") {
    std::mt19937_64 random(7);
    std::uniform_real_distribution<double> score(-60, 60);
    std::uniform_int_distribution<int> decimals(0, 6);
    std::uniform_int_distribution<int> thousandths(-60000, 60000);
    for (int i = 0; i < 200000; ++i) {
      const int d = decimals(random);
      // Doubles, floats (as scores are stored) and thousandths (many near ties).
      const double v = i % 3 == 0   ? score(random)
                       : i % 3 == 1 ? static_cast<float>(score(random))
                                    : thousandths(random) / 1000.0;
      INFO(v << " with " << d << " decimals");
      REQUIRE(fast(v, d) == exact(v, d));
    }
  }
}
