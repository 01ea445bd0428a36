#pragma once
// DaemonProcess: `sinkron serve`. One io_context thread runs the scheduler, signals, the
// systemd watchdog and reloads; each sync cycle runs on a worker thread (never two at once).
//   SIGTERM/SIGINT  no new run starts; the running cycle stops at its next checkpoint (every
//                   batch is already committed) and the process exits within `stopGrace`
//   SIGUSR1         run a sync cycle now (queued once when one is running)
//   SIGHUP          the config file is read again; an invalid one is rejected (logged) and the
//                   old one kept; a valid one takes over once no cycle runs
//   systemd         READY=1 after start, WATCHDOG=1 at half of WatchdogSec, STATUS=, STOPPING=1
#include <chrono>
#include <filesystem>
#include <optional>

#include "sinkron/daemon/sync/sync_engine.hpp"
#include "sinkron/result.hpp"

namespace sinkron::daemon {

struct ServeOptions {
  std::filesystem::path config;
  bool once = false;    // run one cycle at start, then exit (the demo, cron-driven sites)
  bool runNow = false;  // run one cycle at start, then keep serving
  bool dryRun = false;
  std::chrono::seconds stopGrace{45};
};

struct ServeOutcome {
  int exitCode = 0;
  std::optional<sync::CycleSummary> lastCycle;  // with `once`: the cycle it ran
};

Result<ServeOutcome> serveDaemon(const ServeOptions& options);

}  // namespace sinkron::daemon
