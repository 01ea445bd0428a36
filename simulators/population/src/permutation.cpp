#include "permutation.hpp"

#include "random.hpp"

namespace sinkron::population {

Permutation::Permutation(std::uint64_t n, std::uint64_t key) : n_(n) {
  for (int r = 0; r < kRounds; ++r) keys_[r] = mix64(key + static_cast<std::uint64_t>(r));
  int bits = 2;
  while (bits < 64 && (std::uint64_t{1} << bits) < n) bits += 2;
  halfBits_ = bits / 2;
  halfMask_ = (std::uint64_t{1} << halfBits_) - 1;
}

std::uint64_t Permutation::round(int r, std::uint64_t half) const {
  // A cheap keyed mixer is enough: four rounds of it make a well-spread bijection.
  std::uint64_t x = (half ^ keys_[r]) * 0x9e3779b97f4a7c15ull;
  x ^= x >> 29;
  x *= 0xbf58476d1ce4e5b9ull;
  return (x ^ (x >> 32)) & halfMask_;
}

std::uint64_t Permutation::encrypt(std::uint64_t x) const {
  std::uint64_t left = x >> halfBits_, right = x & halfMask_;
  for (int r = 0; r < kRounds; ++r) {
    std::uint64_t next = left ^ round(r, right);
    left = right;
    right = next;
  }
  return (left << halfBits_) | right;
}

std::uint64_t Permutation::decrypt(std::uint64_t y) const {
  std::uint64_t left = y >> halfBits_, right = y & halfMask_;
  for (int r = kRounds - 1; r >= 0; --r) {
    std::uint64_t prev = right ^ round(r, left);
    right = left;
    left = prev;
  }
  return (left << halfBits_) | right;
}

std::uint64_t Permutation::forward(std::uint64_t x) const {
  if (n_ <= 1) return x;
  do x = encrypt(x);
  while (x >= n_);
  return x;
}

std::uint64_t Permutation::inverse(std::uint64_t y) const {
  if (n_ <= 1) return y;
  do y = decrypt(y);
  while (y >= n_);
  return y;
}

}  // namespace sinkron::population
