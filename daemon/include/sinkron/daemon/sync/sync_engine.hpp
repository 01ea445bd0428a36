#pragma once
// SyncEngine: one sync cycle, as a chain of steps recorded in the store (runs, run_steps):
//   pull      SIMPEG pegawai (incremental by cursor; a full pull flags records that vanished),
//             SIASN data-utama for every known NIP (resumable), SIASN latihan-struktural
//             reference, training completions (incremental)
//   reconcile the stored records of both systems (the reconcile job: pairs, differences,
//             anomalies, agency reports in the run folder)
//   link      one canonical employee per person; review pairs and duplicates become conflicts
//   plan      changes by the ownership policy and training completions, queued in the outbox
//             (or written to a preview file: --dry-run, or a connector in preview mode)
//   push      the outbox delivered (retries, dead letters)
//   attendance punches pulled from the cloud and person-days from the e-presensi app (complete
//             days), rolled up per employee and day
// A failed pull does not stop the cycle: the steps after it work on what the store holds, and
// the run ends "partial" with the failure named.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sinkron/connectors/http_client.hpp"
#include "sinkron/daemon/sync/daemon_config.hpp"
#include "sinkron/daemon/sync/run_progress.hpp"
#include "sinkron/result.hpp"
#include "sinkron/store/state_store.hpp"

namespace sinkron::daemon::sync {

class ConnectorSet;

// What a run does: the whole cycle, or one job of it on its own schedule.
enum class CycleScope { kFull, kPushOnly, kAttendanceOnly };
std::string_view jobName(CycleScope scope);  // "sync", "push", "attendance"

struct CycleOptions {
  std::string trigger = "manual";  // manual, schedule, catch-up, startup
  CycleScope scope = CycleScope::kFull;
  bool dryRun = false;
  bool fullPull = false;  // pull SIMPEG and training from the beginning (detects deletions)
  std::chrono::seconds waitForRetries{20};
  std::function<bool()> stopRequested;
  RunProgress* progress = nullptr;  // updated at the cycle's checkpoints when set
  // Told of each recorded outbox delivery: connector instance and "delivered", "failed" (retried
  // later) or "dead" (dead-lettered). Runs on the cycle's thread.
  std::function<void(const std::string& connector, std::string_view outcome)> onDelivery;
};

struct CycleSummary {
  std::int64_t runId = 0;
  std::string status;                           // ok, partial, failed, stopped
  std::map<std::string, std::uint64_t> pulled;  // "simpeg/pegawai" -> items
  std::uint64_t missingFlagged = 0;
  std::map<std::string, std::uint64_t> situations;
  std::uint64_t differences = 0, anomalies = 0;
  std::uint64_t trainingResolved = 0, trainingUnresolved = 0;
  std::uint64_t queued = 0, alreadyQueued = 0, previewed = 0, conflictsOpened = 0;
  std::uint64_t pushed = 0, alreadyPresent = 0, retryLater = 0, deadLettered = 0;
  std::uint64_t outboxPending = 0, deadLettersWaiting = 0;
  std::uint64_t attendanceRows = 0, unmappedPunches = 0;  // attendance_daily rows rolled up
  std::uint64_t requests = 0;
  // Per connector instance: its HTTP client's counters and attempt latencies during this run,
  // and its circuit states at the end of it.
  std::map<std::string, connectors::http::ClientStats> http;
  double seconds = 0;
  std::vector<std::string> problems;  // step failures (masked)
  std::filesystem::path runDir, reportHtml, reportXlsx, previewFile;
  std::string toJson() const;
};

class SyncEngine {
 public:
  SyncEngine(const DaemonConfig& config, store::StateStore& store, const ConnectorSet& connectors);
  ~SyncEngine();
  // At daemon start: runs left running by a crash are marked interrupted, outbox entries left
  // "delivering" go back to pending. Returns a line for the log.
  Result<std::string> recover();
  Result<CycleSummary> runCycle(const CycleOptions& options);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sinkron::daemon::sync
