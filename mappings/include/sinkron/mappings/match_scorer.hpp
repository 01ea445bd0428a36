#pragma once
// Fellegi–Sunter pair scoring: each comparison lands on an agreement level whose weight is
// log2(m/u); the pair's score is their sum. Name agreement is weighed by how common the name is.
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "sinkron/mappings/record_table.hpp"
#include "sinkron/prefetch.hpp"

namespace sinkron::mappings {

enum class Comparison : std::uint8_t {
  kNip,
  kNik,
  kNipLama,
  kPersonId,
  kName,
  kBirthDate,
  kSex,
  kBirthPlace,
  kUnit,
  kCount
};
inline constexpr std::size_t kComparisonCount = static_cast<std::size_t>(Comparison::kCount);

enum class Level : std::uint8_t { kMissing, kExact, kClose, kPartial, kDisagree };

struct MatchThresholds {
  double match = 15.0;  // score at or above: the same person
  double review = 6.0;  // between review and match: a person decides
};

struct PairScore {
  float total = 0;
  std::array<Level, kComparisonCount> levels{};
  std::array<float, kComparisonCount> weights{};
  float nameSimilarity = 0;  // Jaro–Winkler of the normalized names
  // A NIP or id agreement is evidence, not proof: match needs the names to be alike too.
  bool namesCompatible() const;
  // "nip=exact(+19.9) nama=jw0.97(+5.9) ..." for a person to read.
  std::string explain() const;
};

// Jaro–Winkler similarity in [0,1] on byte strings.
double jaroWinkler(std::string_view a, std::string_view b);

// Counts of normalized-name hashes on the side being matched against, for the term-frequency
// adjustment of name weights.
class NameFrequency {
 public:
  void build(const RecordTable& table);
  double share(std::uint64_t nameHash) const;         // fraction of records with this name, >= 1/N
  std::uint32_t count(std::uint64_t nameHash) const;  // records with this name (0 if none)
  // Hints the CPU to load the slot of nameHash, for a lookup a little later.
  void prefetch(std::uint64_t nameHash) const {
    if (!slots_.empty()) sinkron::prefetchRead(&slots_[(tagOf(nameHash) >> kCountBits) & mask_]);
  }
  std::size_t distinct() const { return distinct_; }

 private:
  // One word per distinct name: the hash's top 40 bits (never all 0) above a 24-bit count. The
  // table grows with the distinct names, not with the records, so it stays cache-sized when
  // millions of records share a few thousand names.
  static constexpr int kCountBits = 24;
  static constexpr std::uint64_t kCountMask = (std::uint64_t{1} << kCountBits) - 1;
  static std::uint64_t tagOf(std::uint64_t h) {
    const std::uint64_t tag = h & ~kCountMask;
    return tag ? tag : std::uint64_t{1} << kCountBits;
  }
  void insert(std::uint64_t tag, std::uint64_t count);
  std::vector<std::uint64_t> slots_;
  std::size_t mask_ = 0;
  std::size_t distinct_ = 0;
  double total_ = 10000;
};

// Scores a pair. A pair that cannot reach `floor` whatever its names say may skip the name
// comparison: its total is then only an upper bound below `floor`.
PairScore scorePair(const RecordTable& left, std::uint32_t l, const RecordTable& right,
                    std::uint32_t r, const NameFrequency& freq,
                    float floor = -std::numeric_limits<float>::infinity());

// True when two NIPs differ in exactly one digit or by one adjacent transposition.
bool nipNear(std::uint64_t a, std::uint64_t b);

}  // namespace sinkron::mappings
