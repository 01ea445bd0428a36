#pragma once
// Seeded randomness: splitmix64 mixing, a hash of (seed, index, purpose) so every person is
// reproducible on its own, a small stream generator and a Zipf-like index.
#include <array>
#include <cmath>
#include <cstdint>
#include <span>

namespace sinkron::population {

constexpr std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

constexpr std::uint64_t hash3(std::uint64_t seed, std::uint64_t index, std::uint64_t purpose) {
  return mix64(mix64(mix64(seed) ^ index) ^ (purpose * 0xd6e8feb86659fd93ull));
}

// What a hash or stream is for; new purposes go at the end so old outputs stay stable.
enum class Purpose : std::uint64_t {
  kBase = 1,
  kSlot,
  kOrder,
  kLocalId,
  kPair,
  kPlan,
  kSimpeg,
  kSiasn,
  kPersonId,
  kSimpegDuplicate,
};

// log2 of small integers from a table; std::log2 beyond it.
inline double log2Of(std::size_t n) {
  static const auto kTable = [] {
    std::array<double, 1024> t{};
    for (std::size_t i = 1; i < t.size(); ++i) t[i] = std::log2(static_cast<double>(i));
    return t;
  }();
  return n < kTable.size() ? kTable[n] : std::log2(static_cast<double>(n));
}

// 2^x for x >= 0 within ~1e-4 relative error: enough to sample, much cheaper than std::pow.
inline double exp2Approx(double x) {
  int whole = static_cast<int>(x);
  double f = x - whole;
  double p = 1.0 + f * (0.6951786 + f * (0.2261461 + f * 0.0785937));
  return std::ldexp(p, whole);
}

class Rng {
 public:
  Rng(std::uint64_t seed, std::uint64_t index, Purpose purpose)
      : state_(hash3(seed, index, static_cast<std::uint64_t>(purpose))) {}
  std::uint64_t next() { return mix64(state_ += 0x9e3779b97f4a7c15ull); }
  // Uniform in [0, n).
  std::uint64_t below(std::uint64_t n) {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
  }
  int range(int lo, int hi) { return lo + static_cast<int>(below(hi - lo + 1)); }  // inclusive
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return uniform() < p; }
  // Zipf-like (weight ~ 1/(rank+1)) index in [0, n): common entries repeat, the tail is long.
  std::size_t zipf(std::size_t n) {
    auto k = static_cast<std::size_t>(exp2Approx(uniform() * log2Of(n + 1))) - 1;
    return k < n ? k : n - 1;
  }
  template <typename T>
  const T& pick(std::span<const T> items) {
    return items[below(items.size())];
  }
  template <typename T>
  const T& pickZipf(std::span<const T> items) {
    return items[zipf(items.size())];
  }

 private:
  std::uint64_t state_;
};

}  // namespace sinkron::population
