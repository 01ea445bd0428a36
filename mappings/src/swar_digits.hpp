#pragma once
// Digits eight at a time (SWAR): NIP and NIK are checked and converted on every record.
#include <cstddef>
#include <cstdint>

#include "sinkron/short_bytes.hpp"

namespace sinkron::mappings::detail {

using sinkron::load64;
using sinkron::loadUpTo8;

// Whether all 8 bytes of w are ASCII digits: the high nibble is 3 before and after adding 6.
inline bool eightDigits(std::uint64_t w) {
  constexpr std::uint64_t kHigh = 0xF0F0F0F0F0F0F0F0ull, kThrees = 0x3030303030303030ull;
  return (w & kHigh) == kThrees && ((w + 0x0606060606060606ull) & kHigh) == kThrees;
}

// The number written by 8 ASCII digits loaded little-endian (first digit in the low byte).
inline std::uint64_t eightDigitsValue(std::uint64_t w) {
  w -= 0x3030303030303030ull;
  w = (w * 10 + (w >> 8)) & 0x00FF00FF00FF00FFull;    // pairs of digits
  w = (w * 100 + (w >> 16)) & 0x0000FFFF0000FFFFull;  // groups of four
  return (w * 10000 + (w >> 32)) & 0x00000000FFFFFFFFull;
}

// Reads the n <= 19 ASCII digits at p into out; false if any byte is not a digit.
inline bool digitsToNumber(const char* p, std::size_t n, std::uint64_t& out) {
  std::uint64_t v = 0;
  for (; n >= 8; p += 8, n -= 8) {
    const std::uint64_t w = load64(p);
    if (!eightDigits(w)) return false;
    v = v * 100000000ull + eightDigitsValue(w);
  }
  for (; n > 0; ++p, --n) {
    const unsigned d = static_cast<unsigned>(*p - '0');
    if (d > 9) return false;
    v = v * 10 + d;
  }
  out = v;
  return true;
}

}  // namespace sinkron::mappings::detail
