#pragma once
// DaemonAdmin: the admin API of `sinkron serve` — probes, Prometheus metrics, status, runs, a
// manual trigger, the outbox and the dead-letter queue — over its own state-store session (the
// sync thread keeps its own). Remote operations reach the daemon only through `DaemonHooks`,
// which run them on the daemon's own thread.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sinkron/connectors/http_client.hpp"
#include "sinkron/daemon/sync/daemon_config.hpp"
#include "sinkron/daemon/sync/run_progress.hpp"
#include "sinkron/daemon/sync/sync_engine.hpp"
#include "sinkron/result.hpp"
#include "sinkron/scheduler/job_scheduler.hpp"

namespace sinkron::daemon {

struct DaemonHooks {
  std::function<std::vector<scheduler::JobState>()> jobs;
  std::function<scheduler::TriggerOutcome(const std::string& job)> trigger;
  std::function<bool()> shuttingDown;
  // The running job's progress (its run id and step); nothing when no job runs. Any thread.
  std::function<std::optional<sync::ProgressSnapshot>()> progress;
  // The daemon's connector set's HTTP client stats so far (cumulative, by instance) and the
  // set's generation (it changes whenever the set is rebuilt and its counters start again).
  // Any thread; /metrics merges what changed since the last reading, during a run too.
  std::function<std::pair<std::uint64_t, std::map<std::string, connectors::http::ClientStats>>()>
      httpStats;
};

class DaemonAdmin {
 public:
  static Result<std::unique_ptr<DaemonAdmin>> start(const sync::DaemonConfig& config,
                                                    DaemonHooks hooks);
  ~DaemonAdmin();
  std::string baseUrl() const;
  // A run ended: counters, durations and the last success time per job.
  void recordRun(const std::string& job, const sync::CycleSummary& summary);
  // One outbox delivery recorded: "delivered" (sent, or already present), "failed" (retried
  // later) or "dead" (dead-lettered). Any thread.
  void recordPush(const std::string& connector, std::string_view outcome);
  void stop();

 private:
  struct Impl;
  explicit DaemonAdmin(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sinkron::daemon
