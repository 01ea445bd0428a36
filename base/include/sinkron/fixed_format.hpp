#pragma once
// Fixed-point formatting of doubles ("12.35") for the millions of scores and weights a
// reconcile writes. std::to_chars with a precision takes its exact, arbitrary-precision path
// (about 500 instructions a number); this gives the same text in a few dozen where the answer
// is unambiguous, and asks std::to_chars otherwise.
#include <charconv>
#include <cmath>
#include <cstdint>

namespace sinkron {

// Writes v with `decimals` digits after the point into [first, last) and returns the end, as
// std::to_chars(first, last, v, std::chars_format::fixed, decimals).ptr would. `last - first`
// must be large enough for the result (32 bytes for any |v| < 1e9).
inline char* formatFixed(char* first, char* last, double v, int decimals) {
  static constexpr double kPow10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
  if (decimals >= 0 && decimals <= 6 && last - first >= 32) {
    const double scaled = std::fabs(v) * kPow10[decimals];
    // Below 1e9 the product is off by at most 2^-23 from the exact one, so a fraction more than
    // 1e-6 away from one half rounds the same way for both (false for NaN and infinity too).
    if (scaled < 1e9) {
      const double whole = std::floor(scaled);
      const double fraction = scaled - whole;
      // Scores and weights come from floats: many are exact ties (2.25 to one decimal). When
      // the product is exact (fma shows no rounding error), round half to even as to_chars does.
      const bool clear = std::fabs(fraction - 0.5) > 1e-6;
      const bool exactTie =
          !clear && fraction == 0.5 && std::fma(std::fabs(v), kPow10[decimals], -scaled) == 0;
      if (clear || exactTie) {
        auto n = static_cast<std::uint64_t>(whole);
        if (clear ? fraction > 0.5 : (n & 1) != 0) ++n;
        char digits[24];  // least significant first
        int length = 0;
        do {
          digits[length++] = static_cast<char>('0' + n % 10);
          n /= 10;
        } while (n != 0);
        while (length <= decimals) digits[length++] = '0';
        char* p = first;
        if (std::signbit(v)) *p++ = '-';
        for (int i = length - 1; i >= decimals; --i) *p++ = digits[i];
        if (decimals > 0) {
          *p++ = '.';
          for (int i = decimals - 1; i >= 0; --i) *p++ = digits[i];
        }
        return p;
      }
    }
  }
  return std::to_chars(first, last, v, std::chars_format::fixed, decimals).ptr;
}

}  // namespace sinkron
