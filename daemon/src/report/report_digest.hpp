#pragma once
// The few hundred rows the HTML report shows, gathered by streaming DIR's CSVs: the persons
// with the most problems, the head of the review queue and of the duplicates, and who owns each
// differing field. Memory grows with the number of persons that have problems (one hash and a
// counter each), never with file size.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "report_inputs.hpp"
#include "sinkron/result.hpp"

namespace sinkron::report {

struct DigestLimits {
  std::size_t worst = 50;
  std::size_t problemsPerPerson = 4;
  std::size_t review = 100;
  std::size_t duplicates = 100;
};

struct SituationRow {
  std::string situation, leftKey, rightKey, score, nama, explanation;
};

struct WorstRecord {
  SituationRow row;
  std::uint32_t anomalies = 0, differences = 0;
  std::uint64_t order = 0;            // row number in situations.csv (ties: first one wins)
  std::vector<std::string> problems;  // anomalies first, NIK values already masked
  std::uint32_t total() const { return anomalies + differences; }
};

struct DuplicateRow {
  std::string side, key, duplicateOf, score, explanation;
};

struct ReportDigest {
  std::vector<WorstRecord> worst;  // most problems first
  std::vector<SituationRow> review;
  std::uint64_t reviewRows = 0;
  std::vector<DuplicateRow> duplicates;
  std::uint64_t duplicateRows = 0;
  std::uint64_t situationRows = 0, differenceRows = 0, anomalyRows = 0;
  OwnersByField ownersByField;
};

Result<ReportDigest> digestReport(const std::filesystem::path& dir, const Summary& summary,
                                  const DigestLimits& limits = {});

}  // namespace sinkron::report
