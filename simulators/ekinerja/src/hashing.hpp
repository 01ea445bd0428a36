#pragma once
// Seeded, reproducible randomness for the e-Kinerja model: splitmix64 mixing of
// (seed, key, purpose), and an invertible keyed scramble for ids that must decode back.
#include <cstdint>

namespace sinkron::sim::ekinerja {

constexpr std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// What a hash is for; each decision draws from its own purpose so they stay independent.
enum class Purpose : std::uint64_t {
  kNeverFilled = 0x656b01,
  kIncomplete,
  kRating,
  kWrongPredikat,
  kRencana,
  kSkpId,
  kSkpIdCheck,
};

constexpr std::uint64_t hashOf(std::uint64_t seed, std::uint64_t key, Purpose purpose) {
  return mix64(mix64(mix64(seed) ^ key) ^
               (static_cast<std::uint64_t>(purpose) * 0xd6e8feb86659fd93ULL));
}

// A uniform number in [0, 1) from a hash.
constexpr double unitOf(std::uint64_t hash) {
  return static_cast<double>(hash >> 11) * (1.0 / 9007199254740992.0);
}

// The inverse of an odd multiplier modulo 2^64 (Newton's iteration doubles the correct bits).
constexpr std::uint64_t inverseOf(std::uint64_t odd) {
  std::uint64_t y = odd;
  for (int i = 0; i < 5; ++i) y *= 2 - odd * y;
  return y;
}

constexpr std::uint64_t unXorShift(std::uint64_t y, int shift) {
  std::uint64_t x = y;
  for (int i = 0; i < 64 / shift + 1; ++i) x = y ^ (x >> shift);
  return x;
}

// A bijection of 64-bit values keyed by `key` (the splitmix64 finalizer around a key xor).
constexpr std::uint64_t scramble(std::uint64_t x, std::uint64_t key) {
  x ^= key;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

constexpr std::uint64_t unscramble(std::uint64_t y, std::uint64_t key) {
  y = unXorShift(y, 31) * inverseOf(0x94d049bb133111ebULL);
  y = unXorShift(y, 27) * inverseOf(0xbf58476d1ce4e5b9ULL);
  return unXorShift(y, 30) ^ key;
}

static_assert(unscramble(scramble(123456789, 42), 42) == 123456789);

}  // namespace sinkron::sim::ekinerja
