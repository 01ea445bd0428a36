#pragma once
// Deterministic choices of the SIMPEG view: a 64-bit mix of (seed, key, purpose).
#include <cstdint>

namespace sinkron::sim::simpeg {

inline std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

inline std::uint64_t seededHash(std::uint64_t seed, std::uint64_t key, std::uint64_t purpose) {
  return mix64(mix64(mix64(seed) ^ key) ^ (purpose * 0x632be59bd9b4e019ULL));
}

// Purposes, so that two choices about the same key are independent.
enum : std::uint64_t {
  kPurposeUnmapped = 1,
  kPurposeSupervisor,
  kPurposeUpdatedAt,
  kPurposeSk,
  kPurposeDiklat,
};

}  // namespace sinkron::sim::simpeg
