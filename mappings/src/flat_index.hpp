#pragma once
// A read-only multimap from 64-bit keys to record indices: keys sorted once, then an
// open-addressing table from key to its run. O(1) probes, ~28 bytes per entry.
#include <algorithm>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "sinkron/prefetch.hpp"

namespace sinkron::mappings::detail {

class FlatIndex {
 public:
  // `pairs` (key, index) with key != 0; consumed. `sparse` halves the load for an index mostly
  // probed with keys it lacks: a miss scans to the next empty slot, ~10 slots at 77% load.
  void build(std::vector<std::pair<std::uint64_t, std::uint32_t>>&& pairs, bool sparse = false) {
    // Grouping equal keys is all that is needed, so sort by the mixed key: its top bits are
    // uniform, which makes radix passes on them possible, and the table is then filled in
    // home-slot order (sequential writes instead of random ones).
    for (auto& p : pairs) p.first = mix(p.first);
    sortByTopBits(pairs);
    ids_.resize(pairs.size());
    std::size_t distinct = 0;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      ids_[i] = pairs[i].second;
      if (i == 0 || pairs[i].first != pairs[i - 1].first) ++distinct;
    }
    // Not a power of two: ~77% load keeps the table small at national scale (4.3M keys).
    std::size_t size =
        std::max<std::size_t>(16, sparse ? distinct * 5 / 2 : distinct + distinct * 3 / 10);
    slots_.assign(size, Slot{});
    size_ = size;
    for (std::size_t i = 0; i < pairs.size();) {
      std::size_t j = i;
      while (j < pairs.size() && pairs[j].first == pairs[i].first) ++j;
      std::uint64_t mixed = pairs[i].first;
      std::size_t s = home(mixed);
      while (slots_[s].key) s = s + 1 == size_ ? 0 : s + 1;
      slots_[s] = {mixed, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j - i)};
      i = j;
    }
    std::vector<std::pair<std::uint64_t, std::uint32_t>>().swap(pairs);
  }

  // Starts loading the slot `key` hashes to, for a find() a little later. A key sits on average
  // ~1.7 slots past its home at this load, often in the next cache line: load that one too.
  void prefetch(std::uint64_t key) const {
    if (!key || slots_.empty()) return;
    const std::size_t h = home(mix(key));
    sinkron::prefetchRead(&slots_[h]);
    sinkron::prefetchRead(&slots_[std::min(h + 3, size_ - 1)]);
  }

  std::span<const std::uint32_t> find(std::uint64_t key) const {
    if (!key || slots_.empty()) return {};
    const std::uint64_t mixed = mix(key);
    for (std::size_t s = home(mixed);; s = s + 1 == size_ ? 0 : s + 1) {
      const Slot& slot = slots_[s];
      if (slot.key == mixed) return {ids_.data() + slot.begin, slot.count};
      if (!slot.key) return {};
    }
  }

 private:
  struct Slot {
    std::uint64_t key = 0;  // mix(key): a bijection, so 0 still means empty
    std::uint32_t begin = 0, count = 0;
  };
  // Maps a mixed key onto [0, size_) without a division (Lemire's multiply-shift); monotonic,
  // so keys sorted by mixed value have non-decreasing homes.
  std::size_t home(std::uint64_t mixed) const {
    return static_cast<std::size_t>((static_cast<unsigned __int128>(mixed) * size_) >> 64);
  }
  // Groups equal keys, in roughly ascending order: two LSD radix passes on the top 24 bits
  // (each a sequential read and 4096 sequential write streams), then each run of equal top bits
  // (about one entry at national scale) put in full order. Random swaps over the whole array,
  // as an in-place sort does, are cache misses at 4.3M keys.
  static void sortByTopBits(std::vector<std::pair<std::uint64_t, std::uint32_t>>& v) {
    constexpr int kBits = 12;
    constexpr std::size_t kBuckets = std::size_t{1} << kBits;
    if (v.size() < 4 * kBuckets) {
      std::sort(v.begin(), v.end());
      return;
    }
    std::vector<std::pair<std::uint64_t, std::uint32_t>> tmp(v.size());
    std::vector<std::size_t> next(kBuckets);
    for (const int shift : {64 - 2 * kBits, 64 - kBits}) {
      auto bucketOf = [shift](std::uint64_t k) {
        return static_cast<std::size_t>(k >> shift) & (kBuckets - 1);
      };
      std::fill(next.begin(), next.end(), 0);
      for (const auto& p : v) ++next[bucketOf(p.first)];
      std::size_t at = 0;
      for (auto& n : next) at += std::exchange(n, at);
      for (const auto& p : v) tmp[next[bucketOf(p.first)]++] = p;
      v.swap(tmp);
    }
    for (std::size_t i = 0; i < v.size();) {
      std::size_t j = i + 1;
      while (j < v.size() && (v[j].first >> (64 - 2 * kBits)) == (v[i].first >> (64 - 2 * kBits)))
        ++j;
      if (j - i > 1)
        std::sort(v.begin() + static_cast<std::ptrdiff_t>(i),
                  v.begin() + static_cast<std::ptrdiff_t>(j));
      i = j;
    }
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
