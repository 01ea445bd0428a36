#include "pair_evaluation.hpp"

#include <string>
#include <unordered_map>
#include <vector>

#include "sinkron/connectors/csv_parser.hpp"

namespace sinkron::testing {

daemon::ReconcileOptions generatedReconcileOptions(const std::filesystem::path& dir) {
  daemon::ReconcileOptions o;
  o.left = dir / "simpeg.csv";
  o.right = dir / "siasn.jsonl";
  o.leftMapping = std::filesystem::path(SINKRON_SOURCE_DIR) / "deploy/mappings/simpeg-csv.yaml";
  o.rightMapping =
      std::filesystem::path(SINKRON_SOURCE_DIR) / "deploy/mappings/siasn-data-utama.yaml";
  o.outDir = dir / "out";
  o.asOf = {2026, 11, 23};
  o.reports = false;
  return o;
}

Result<PairQuality> evaluatePairs(const std::filesystem::path& pairsCsv,
                                  const std::filesystem::path& truthCsv) {
  std::unordered_map<std::string, std::uint64_t> leftPerson, rightPerson;
  std::unordered_map<std::uint64_t, std::uint32_t> rightCount, leftCount;
  auto truth = connectors::CsvParser::open(truthCsv, ',');
  if (!truth) return truth.error();
  std::vector<std::string_view> f;
  bool header = true;
  for (;;) {
    auto more = truth->nextRow(f);
    if (!more) return more.error();
    if (!*more) break;
    if (header) {
      header = false;
      continue;
    }
    if (f.size() != 3) return Error::parse(truthCsv.string() + ": expected side,key,person");
    std::uint64_t person = std::stoull(std::string(f[2]));
    if (f[0] == "left") {
      leftPerson.emplace(std::string(f[1]), person);
      ++leftCount[person];
    } else {
      rightPerson.emplace(std::string(f[1]), person);
      ++rightCount[person];
    }
  }
  PairQuality q;
  for (const auto& [person, n] : leftCount)
    if (auto it = rightCount.find(person); it != rightCount.end()) q.truePairs += n * it->second;

  auto pairs = connectors::CsvParser::open(pairsCsv, ',');
  if (!pairs) return pairs.error();
  header = true;
  for (;;) {
    auto more = pairs->nextRow(f);
    if (!more) return more.error();
    if (!*more) break;
    if (header) {
      header = false;
      continue;
    }
    auto l = leftPerson.find(std::string(f[0]));
    auto r = rightPerson.find(std::string(f[1]));
    bool correct = l != leftPerson.end() && r != rightPerson.end() && l->second == r->second;
    if (f[3] == "match") {
      ++q.predictedMatch;
      q.correctMatch += correct;
    } else {
      ++q.predictedReview;
      q.correctReview += correct;
    }
  }
  return q;
}

}  // namespace sinkron::testing
