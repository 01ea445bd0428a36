#pragma once
// DaemonAdmin: the admin API of `sinkron serve` — probes, Prometheus metrics, status, runs, a
// manual trigger, the outbox and the dead-letter queue — over its own state-store session (the
// sync thread keeps its own). Remote operations reach the daemon only through `DaemonHooks`,
// which run them on the daemon's own thread.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

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
};

class DaemonAdmin {
 public:
  static Result<std::unique_ptr<DaemonAdmin>> start(const sync::DaemonConfig& config,
                                                    DaemonHooks hooks);
  ~DaemonAdmin();
  std::string baseUrl() const;
  // A run ended: counters, durations and the last success time per job.
  void recordRun(const std::string& job, const sync::CycleSummary& summary);
  void stop();

 private:
  struct Impl;
  explicit DaemonAdmin(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sinkron::daemon
