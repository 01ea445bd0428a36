#pragma once
// `sinkron sync --remote [--follow]`: ask the running daemon to start a sync run, and with
// --follow watch it to its end (a progress bar on a terminal, a line per step otherwise).
#include "admin_client.hpp"

namespace sinkron::daemon::cli {

struct RemoteSyncOptions {
  ConnectionOptions connection;
  bool follow = false;
  double pollSeconds = 0.5;
  double maxWaitSeconds = 86400;  // bounds --follow (a queued run waits for the current one)
};

// The exit code: 0 started (or, with --follow, ended ok), 2 partial, 6 failed, or the
// client's codes (3 refused, 4 not found, 5 unreachable).
int runRemoteSync(const RemoteSyncOptions& options);

}  // namespace sinkron::daemon::cli
