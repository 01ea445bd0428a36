#pragma once
// A seeded bijection of [0, n) without a table: a 4-round balanced Feistel network on the
// smallest even bit width covering n, with cycle walking back into range.
#include <cstdint>

namespace sinkron::population {

class Permutation {
 public:
  Permutation() = default;
  Permutation(std::uint64_t n, std::uint64_t key);
  std::uint64_t size() const { return n_; }
  std::uint64_t forward(std::uint64_t x) const;  // x < size()
  std::uint64_t inverse(std::uint64_t y) const;  // y < size()

 private:
  std::uint64_t round(int r, std::uint64_t half) const;
  std::uint64_t encrypt(std::uint64_t x) const;
  std::uint64_t decrypt(std::uint64_t y) const;

  static constexpr int kRounds = 4;
  std::uint64_t n_ = 0;
  std::uint64_t keys_[kRounds] = {};
  int halfBits_ = 1;
  std::uint64_t halfMask_ = 1;
};

}  // namespace sinkron::population
