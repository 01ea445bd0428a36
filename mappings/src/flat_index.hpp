#pragma once
// A read-only multimap from 64-bit keys to record indices: keys sorted once, then an
// open-addressing table from key to its run. O(1) probes, ~28 bytes per entry.
#include <algorithm>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace sinkron::mappings::detail {

class FlatIndex {
 public:
  // `pairs` (key, index) with key != 0; consumed.
  void build(std::vector<std::pair<std::uint64_t, std::uint32_t>>&& pairs) {
    std::sort(pairs.begin(), pairs.end());
    ids_.resize(pairs.size());
    std::size_t distinct = 0;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      ids_[i] = pairs[i].second;
      if (i == 0 || pairs[i].first != pairs[i - 1].first) ++distinct;
    }
    // Not a power of two: ~77% load keeps the table small at national scale (4.3M keys).
    std::size_t size = std::max<std::size_t>(16, distinct + distinct * 3 / 10);
    slots_.assign(size, Slot{});
    size_ = size;
    for (std::size_t i = 0; i < pairs.size();) {
      std::size_t j = i;
      while (j < pairs.size() && pairs[j].first == pairs[i].first) ++j;
      std::uint64_t key = pairs[i].first;
      std::size_t s = home(key);
      while (slots_[s].key) s = s + 1 == size_ ? 0 : s + 1;
      slots_[s] = {key, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j - i)};
      i = j;
    }
    std::vector<std::pair<std::uint64_t, std::uint32_t>>().swap(pairs);
  }

  // Starts loading the slot `key` hashes to, for a find() a little later.
  void prefetch(std::uint64_t key) const {
    if (key && !slots_.empty()) __builtin_prefetch(&slots_[home(key)]);
  }

  std::span<const std::uint32_t> find(std::uint64_t key) const {
    if (!key || slots_.empty()) return {};
    for (std::size_t s = home(key);; s = s + 1 == size_ ? 0 : s + 1) {
      const Slot& slot = slots_[s];
      if (slot.key == key) return {ids_.data() + slot.begin, slot.count};
      if (!slot.key) return {};
    }
  }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t begin = 0, count = 0;
  };
  // Maps a key onto [0, size_) without a division (Lemire's multiply-shift).
  std::size_t home(std::uint64_t key) const {
    return static_cast<std::size_t>((static_cast<unsigned __int128>(mix(key)) * size_) >> 64);
  }
  static std::uint64_t mix(std::uint64_t k) {
    k ^= k >> 31;
    k *= 0x7fb5d329728ea185ull;
    k ^= k >> 27;
    return k;
  }
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> ids_;
  std::size_t size_ = 0;
};

}  // namespace sinkron::mappings::detail
