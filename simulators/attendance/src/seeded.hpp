#pragma once
// Seeded hashing for the attendance model: splitmix64 over (seed, key, purpose), and a small
// stream generator. Purposes are fixed numbers so that outputs stay stable.
#include <cstdint>

namespace sinkron::sim::attendance {

constexpr std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

enum class Purpose : std::uint64_t {
  kSerial = 0x61740001,
  kCloudId,
  kVerify,
  kSpell,
  kPresence,
  kUnmappedName,
};

constexpr std::uint64_t seededHash(std::uint64_t seed, std::uint64_t key, Purpose purpose) {
  return mix64(mix64(mix64(seed) ^ key) ^
               (static_cast<std::uint64_t>(purpose) * 0xd6e8feb86659fd93ull));
}

class SeededStream {
 public:
  explicit SeededStream(std::uint64_t state) : state_(state) {}
  std::uint64_t next() { return mix64(state_ += 0x9e3779b97f4a7c15ull); }
  // Uniform in [0, n).
  std::uint64_t below(std::uint64_t n) {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
  }
  int range(int lo, int hi) {
    return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo + 1)));
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return uniform() < p; }

 private:
  std::uint64_t state_;
};

}  // namespace sinkron::sim::attendance
