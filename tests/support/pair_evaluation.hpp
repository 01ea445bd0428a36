#pragma once
// Scores a reconcile run's pairs.csv against the generator's truth.csv.
#include <cstdint>
#include <filesystem>

#include "sinkron/daemon/reconcile_job.hpp"
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

// Reconcile options for a folder written by `sinkron generate` (simpeg.csv, siasn.jsonl) with
// the shipped mapping files; output goes to DIR/out, anomalies measured on 2026-11-23.
daemon::ReconcileOptions generatedReconcileOptions(const std::filesystem::path& dir);

Result<PairQuality> evaluatePairs(const std::filesystem::path& pairsCsv,
                                  const std::filesystem::path& truthCsv);

}  // namespace sinkron::testing
