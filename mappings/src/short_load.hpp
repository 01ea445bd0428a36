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

}  // namespace sinkron::mappings::detail
