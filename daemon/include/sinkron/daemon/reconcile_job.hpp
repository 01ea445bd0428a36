#pragma once
// `sinkron reconcile`: read two sources through their mappings, decide who is the same person,
// and write pairs, situations, duplicates, differences, anomalies and the agency reports.
#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sinkron/mappings/civil_date.hpp"
#include "sinkron/mappings/field.hpp"
#include "sinkron/mappings/match_scorer.hpp"
#include "sinkron/result.hpp"

namespace sinkron::daemon {

enum class OwnerSide : std::uint8_t { kLeft, kRight };

// Which system owns each field when the two disagree (DOMAIN.md default: SIMPEG (left) for
// identity and assignment, SIASN (right) for national ids).
struct OwnershipPolicy {
  std::array<OwnerSide, mappings::kFieldCount> owner{};
  static OwnershipPolicy defaults();
};

struct ReconcileSettings {
  mappings::MatchThresholds thresholds;
  OwnershipPolicy policy = OwnershipPolicy::defaults();
};

// Reads a reconcile settings file (YAML: match_threshold, review_threshold, owners: {field:
// left|right}); unknown keys and fields are errors naming file:line.
Result<ReconcileSettings> loadReconcileSettings(const std::filesystem::path& file);

struct ReconcileOptions {
  std::filesystem::path left, leftMapping, right, rightMapping, outDir;
  ReconcileSettings settings;
  mappings::CivilDate asOf;  // anomaly reference day
  bool reports = true;       // report.html and report.xlsx
  unsigned threads = 2;
};

struct SideSummary {
  std::string name, file;
  std::uint64_t records = 0, badRows = 0, bytes = 0;
};

struct ReconcileSummary {
  SideSummary left, right;
  std::map<std::string, std::uint64_t> situations;
  std::map<std::string, std::uint64_t> differencesByField;
  std::map<std::string, std::uint64_t> anomaliesByCode;
  std::uint64_t pairs = 0, comparisons = 0;
  double loadSeconds = 0, matchSeconds = 0, writeSeconds = 0, reportSeconds = 0;
  std::vector<std::pair<std::string, double>> matchStages;  // the match phase, stage by stage
  // Process CPU time (all threads) of the same phases: wall time alone hides contention.
  double loadCpuSeconds = 0, matchCpuSeconds = 0, writeCpuSeconds = 0;
  std::filesystem::path outDir, reportHtml, reportXlsx;
  std::vector<std::string> firstErrors;  // the first bad rows (file:line: reason), at most 5
  bool inputErrors() const { return left.badRows + right.badRows > 0; }
};

// What the job tells its caller while it runs, as figures: the caller words them (the CLI in
// the user's language). Sent once both sources are read, before matching.
struct ReconcileProgress {
  SideSummary left, right;  // name, file, records, bad rows
  double leftSeconds = 0, rightSeconds = 0;
};

// For a process that runs one reconcile and exits (the CLI command, the benchmark): freed large
// blocks stay in the heap for the next phase instead of going back to the kernel. Fresh pages
// cost a page fault and a zeroing each (~0.5 s per GiB on a VM), and each phase allocates its
// own large tables. A daemon, which must give memory back, does not call this.
void keepFreedMemoryForReuse();

// Runs the whole job. Bad rows are reported (file:line) in DIR/errors.csv and skipped; a missing
// file or invalid mapping is an Error. `progress` receives the progress of the run.
Result<ReconcileSummary> runReconcile(
    const ReconcileOptions& options,
    const std::function<void(const ReconcileProgress&)>& progress = {});

}  // namespace sinkron::daemon
