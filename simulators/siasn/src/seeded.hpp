#pragma once
// Seeded hashing for everything the SIASN simulator derives instead of storing: history rows,
// row ids and reference ids are a pure function of (seed, person, kind, ...).
#include <cstdint>
#include <string>
#include <string_view>

namespace sinkron::sim::siasn {

inline std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

inline std::uint64_t hashOf(std::uint64_t a, std::uint64_t b, std::uint64_t c = 0,
                            std::uint64_t d = 0) {
  return mix(a ^ mix(b ^ mix(c ^ mix(d))));
}

// FNV-1a, for ids derived from names (reference tables do not depend on the seed).
inline std::uint64_t hashText(std::string_view text, std::uint64_t basis = 0xcbf29ce484222325ULL) {
  std::uint64_t h = basis;
  for (char c : text) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return mix(h);
}

// A small SplitMix64 stream: one per (seed, person, history kind).
class SeededRng {
 public:
  explicit SeededRng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() { return mix(state_ += 0x9e3779b97f4a7c15ULL); }
  // Uniform in [0, n); n > 0.
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  int between(int lo, int hi) { return lo + static_cast<int>(below(hi - lo + 1)); }
  bool chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }

 private:
  std::uint64_t state_;
};

inline void appendHex(std::string& out, std::uint64_t v, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = digits - 1; i >= 0; --i) out.push_back(kHex[(v >> (i * 4)) & 0xf]);
}

// "xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx": the shape of SIASN row ids (UUID v4).
inline std::string uuidFrom(std::uint64_t hi, std::uint64_t lo) {
  hi = (hi & ~0xf000ULL) | 0x4000ULL;
  lo = (lo & ~(0xcULL << 60)) | (0x8ULL << 60);
  std::string out;
  out.reserve(36);
  appendHex(out, hi >> 32, 8);
  out.push_back('-');
  appendHex(out, hi >> 16, 4);
  out.push_back('-');
  appendHex(out, hi, 4);
  out.push_back('-');
  appendHex(out, lo >> 48, 4);
  out.push_back('-');
  appendHex(out, lo, 12);
  return out;
}

// 32 lowercase hex digits, the shape of SIASN reference and person ids.
inline std::string hex32(std::uint64_t hi, std::uint64_t lo) {
  std::string out;
  out.reserve(32);
  appendHex(out, hi, 16);
  appendHex(out, lo, 16);
  return out;
}

}  // namespace sinkron::sim::siasn
