#pragma once
// Loading and comparing the short byte strings hot paths are full of (codes, JSON keys, name
// tails): fixed-size loads that may overlap, instead of byte loops or a memcpy call per value.
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace sinkron {

inline std::uint64_t load64(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

inline std::uint32_t load32(const char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// The n <= 8 bytes at p as a little-endian integer, zero above them: what memcpy into a zeroed
// uint64_t gives, but with fixed-size loads that never read outside [p, p + n).
inline std::uint64_t loadUpTo8(const char* p, std::size_t n) {
  if (n >= 4) return load32(p) | static_cast<std::uint64_t>(load32(p + n - 4)) << (8 * (n - 4));
  if (n == 0) return 0;
  const auto byte = [p](std::size_t i) {
    return static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  };
  return byte(0) | byte(n >> 1) | byte(n - 1);  // overlapping bytes agree
}

inline bool sameBytes(const char* a, const char* b, std::size_t n) {
  if (n > 32) return std::memcmp(a, b, n) == 0;
  if (n > 16)  // 17..32 bytes: four overlapping words
    return load64(a) == load64(b) && load64(a + 8) == load64(b + 8) &&
           load64(a + n - 16) == load64(b + n - 16) && load64(a + n - 8) == load64(b + n - 8);
  if (n >= 8) return load64(a) == load64(b) && load64(a + n - 8) == load64(b + n - 8);
  return loadUpTo8(a, n) == loadUpTo8(b, n);
}

}  // namespace sinkron
