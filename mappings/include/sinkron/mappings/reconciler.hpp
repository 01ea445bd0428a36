#pragma once
// Decides which records of two sources are the same person. Deterministic passes first (same
// NIP, same SIASN person id, NIP one digit off with birth date and sex agreeing), then a
// probabilistic pass over blocks of the remaining records; one-to-one assignment by score;
// duplicates within a source found the same way.
#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "sinkron/mappings/match_scorer.hpp"
#include "sinkron/mappings/record_table.hpp"

namespace sinkron::mappings {

enum class Decision : std::uint8_t { kMatch, kReview };
enum class MatchPass : std::uint8_t { kNip, kPersonId, kNipNear, kProbabilistic, kDuplicate };
std::string_view passName(MatchPass p);

struct Link {
  std::uint32_t left;
  std::uint32_t right;
  float score;
  Decision decision;
  MatchPass pass;  // kDuplicate: `left` is a second record of the person linked to `right`
};

enum class Side : std::uint8_t { kLeft, kRight };

struct DuplicateLink {
  Side side;
  std::uint32_t record;  // the extra record
  std::uint32_t of;      // the record it duplicates (the one that keeps the link)
  float score;
};

struct ReconcileResult {
  std::vector<Link> links;  // match and review pairs, by left record
  std::vector<DuplicateLink> duplicates;
  std::vector<std::uint8_t> leftLinked;  // 1 when a left record appears in links or duplicates
  std::vector<std::uint8_t> rightLinked;
  std::uint64_t comparisons = 0;  // pairs scored, to show blocking keeps work near-linear
  std::shared_ptr<const NameFrequency> nameFrequency;  // the name weights the scores used
  // Wall seconds of each stage of run(), in order ("indexes", "nip", ...): where a slow
  // reconcile spends its time.
  std::vector<std::pair<std::string_view, double>> stageSeconds;
};

class Reconciler {
 public:
  explicit Reconciler(MatchThresholds thresholds = {}) : thresholds_(thresholds) {}
  // Uses up to `threads` threads for candidate scoring.
  ReconcileResult run(const RecordTable& left, const RecordTable& right,
                      unsigned threads = 2) const;
  // Re-scores one pair exactly as run() did, with its explanation (for reports).
  PairScore explain(const ReconcileResult& result, const RecordTable& left, std::uint32_t l,
                    const RecordTable& right, std::uint32_t r) const;
  const MatchThresholds& thresholds() const { return thresholds_; }

 private:
  MatchThresholds thresholds_;
};

}  // namespace sinkron::mappings
