#pragma once
// Seeded, reproducible randomness for the training model: splitmix64 mixing of
// (seed, key, purpose), a small stream generator, and a keyed 32-bit bijection for row ids.
#include <cstdint>

namespace sinkron::sim::training {

constexpr std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

enum class Purpose : std::uint64_t {
  kCount = 0x747201,
  kRow,
  kAttendee,
  kIdKey,
  kCursorMask,
  kCursorCheck,
};

constexpr std::uint64_t hashOf(std::uint64_t seed, std::uint64_t key, Purpose purpose) {
  return mix64(mix64(mix64(seed) ^ key) ^
               (static_cast<std::uint64_t>(purpose) * 0xd6e8feb86659fd93ULL));
}

class Stream {
 public:
  explicit Stream(std::uint64_t state) : state_(state) {}
  std::uint64_t next() { return mix64(state_ += 0x9e3779b97f4a7c15ULL); }
  double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  // Uniform in [lo, hi].
  int range(int lo, int hi) {
    return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }

 private:
  std::uint64_t state_;
};

constexpr std::uint32_t inverseOf(std::uint32_t odd) {
  std::uint32_t y = odd;
  for (int i = 0; i < 5; ++i) y *= 2 - odd * y;
  return y;
}

constexpr std::uint32_t unXorShift(std::uint32_t y, int shift) {
  std::uint32_t x = y;
  for (int i = 0; i < 32 / shift + 1; ++i) x = y ^ (x >> shift);
  return x;
}

// A bijection of 32-bit values keyed by `key` (Wellons' lowbias32 around a key xor).
constexpr std::uint32_t scramble32(std::uint32_t x, std::uint32_t key) {
  x ^= key;
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  return x ^ (x >> 16);
}

constexpr std::uint32_t unscramble32(std::uint32_t y, std::uint32_t key) {
  y ^= y >> 16;
  y *= inverseOf(0x846ca68bU);
  y = unXorShift(y, 15);
  y *= inverseOf(0x7feb352dU);
  y ^= y >> 16;
  return y ^ key;
}

static_assert(unscramble32(scramble32(123456789U, 42U), 42U) == 123456789U);
static_assert(unscramble32(scramble32(0xffffffffU, 7U), 7U) == 0xffffffffU);

}  // namespace sinkron::sim::training
