#pragma once
// Loads of short byte strings as one integer, for hashing and comparing the many short values
// (codes, name tails) without a memcpy call per value.
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace sinkron::mappings::detail {

// The n <= 8 bytes at p as a little-endian integer, zero above them: what memcpy into a zeroed
// uint64_t gives, but with two fixed-size loads that never read outside [p, p + n).
inline std::uint64_t loadUpTo8(const char* p, std::size_t n) {
  if (n >= 4) {
    std::uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    return lo | static_cast<std::uint64_t>(hi) << (8 * (n - 4));  // overlapping bytes agree
  }
  if (n == 0) return 0;
  const auto byte = [p](std::size_t i) {
    return static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  };
  return byte(0) | byte(n >> 1) | byte(n - 1);
}

inline std::uint64_t load64(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

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
