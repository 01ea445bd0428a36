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
    std::size_t size = 16;
    while (size < distinct + distinct / 2) size <<= 1;
    slots_.assign(size, Slot{});
    mask_ = size - 1;
    for (std::size_t i = 0; i < pairs.size();) {
      std::size_t j = i;
      while (j < pairs.size() && pairs[j].first == pairs[i].first) ++j;
      std::uint64_t key = pairs[i].first;
      std::size_t s = mix(key) & mask_;
      while (slots_[s].key) s = (s + 1) & mask_;
      slots_[s] = {key, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j - i)};
      i = j;
    }
    std::vector<std::pair<std::uint64_t, std::uint32_t>>().swap(pairs);
  }

  std::span<const std::uint32_t> find(std::uint64_t key) const {
    if (!key || slots_.empty()) return {};
    for (std::size_t s = mix(key) & mask_;; s = (s + 1) & mask_) {
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
  static std::uint64_t mix(std::uint64_t k) {
    k ^= k >> 31;
    k *= 0x7fb5d329728ea185ull;
    k ^= k >> 27;
    return k;
  }
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> ids_;
  std::size_t mask_ = 0;
};

}  // namespace sinkron::mappings::detail
