#pragma once
// Scores a reconcile run's pairs.csv against the generator's truth.csv.
#include <cstdint>
#include <filesystem>

#include "sinkron/result.hpp"

namespace sinkron::testing {

struct PairQuality {
  std::uint64_t truePairs = 0;       // (left, right) rows of the same person in the truth
  std::uint64_t predictedMatch = 0;  // pairs.csv rows with decision=match
  std::uint64_t correctMatch = 0;
  std::uint64_t predictedReview = 0;
  std::uint64_t correctReview = 0;
  double precision() const { return predictedMatch ? double(correctMatch) / predictedMatch : 1.0; }
  double recall() const { return truePairs ? double(correctMatch) / truePairs : 1.0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};

Result<PairQuality> evaluatePairs(const std::filesystem::path& pairsCsv,
                                  const std::filesystem::path& truthCsv);

}  // namespace sinkron::testing
