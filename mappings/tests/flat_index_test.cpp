#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <vector>

#include "../src/flat_index.hpp"

using sinkron::mappings::detail::FlatIndex;

namespace {
// Builds an index over `n` entries whose keys repeat (some once, some many times) and checks
// every key's run against a std::multimap.
void checkIndex(std::size_t n, std::uint64_t distinctKeys, bool sparse) {
  std::vector<std::pair<std::uint64_t, std::uint32_t>> pairs;
  std::map<std::uint64_t, std::vector<std::uint32_t>> expected;
  std::uint64_t x = 0x9e3779b97f4a7c15ull;
  for (std::uint32_t i = 0; i < n; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    // Keys spread over the whole 64-bit range and over a few values, so that equal top bits
    // with different keys occur too.
    const std::uint64_t key = (x % distinctKeys) * 0x0123456789abcdefull + 1;
    pairs.emplace_back(key, i);
    expected[key].push_back(i);
  }
  FlatIndex index;
  index.build(std::move(pairs), sparse);
  for (const auto& [key, ids] : expected) {
    auto run = index.find(key);
    std::vector<std::uint32_t> got(run.begin(), run.end());
    std::sort(got.begin(), got.end());
    REQUIRE(got == ids);
  }
  CHECK(index.find(0).empty());
  CHECK(index.find(2).empty());  // no key above is 2 (all are 1 mod the multiplier's pattern)
}
}  // namespace

TEST_CASE("a flat index finds every record of every key", "[mappings][match]") {
  SECTION("small: one sort") {
    checkIndex(1000, 300, false);
  }
  SECTION("large: radix passes, mostly distinct keys") {
    checkIndex(200000, 1u << 30, false);
  }
  SECTION("large: radix passes, heavy repeats") {
    checkIndex(200000, 5000, false);
  }
  SECTION("large and sparse") {
    checkIndex(200000, 150000, true);
  }
}
