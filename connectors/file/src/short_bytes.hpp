#pragma once
// Comparing and hashing the short byte strings JSON keys are: fixed-size loads that may overlap
// instead of byte loops or calls.
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace sinkron::connectors::detail {

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
// The last 1..7 bytes of a key as one word (distinct for distinct texts of the same length).
inline std::uint64_t tailWord(const char* p, std::size_t n) {
  if (n >= 4) return load32(p) | static_cast<std::uint64_t>(load32(p + n - 4)) << 32;
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return u[0] | static_cast<std::uint64_t>(u[n / 2]) << 8 |
         static_cast<std::uint64_t>(u[n - 1]) << 16;
}
inline bool sameBytes(const char* a, const char* b, std::size_t n) {
  if (n > 32) return std::memcmp(a, b, n) == 0;
  if (n > 16)  // keys of 17..32 bytes: four overlapping words
    return load64(a) == load64(b) && load64(a + 8) == load64(b + 8) &&
           load64(a + n - 16) == load64(b + n - 16) && load64(a + n - 8) == load64(b + n - 8);
  if (n >= 8) return load64(a) == load64(b) && load64(a + n - 8) == load64(b + n - 8);
  return n == 0 || tailWord(a, n) == tailWord(b, n);
}

}  // namespace sinkron::connectors::detail
