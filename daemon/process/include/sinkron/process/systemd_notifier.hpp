#pragma once
// Tells systemd (Type=notify) where the daemon is: started, reloading, stopping, still alive.
// Every call is a no-op returning ok when NOTIFY_SOCKET is unset (run by hand, in tests, in a
// container without systemd): that is not an error.
#include <chrono>
#include <optional>
#include <string_view>

#include "sinkron/result.hpp"

namespace sinkron::process {

class SystemdNotifier {
 public:
  // True when the service manager asked for notifications (NOTIFY_SOCKET is set).
  bool enabled() const;

  // "READY=1" (+ "STATUS=..." when status is not empty): startup finished.
  Status ready(std::string_view status = {});
  // "STATUS=...": one line shown by `systemctl status`. Ids in it are masked.
  Status status(std::string_view text);
  // "RELOADING=1" with MONOTONIC_USEC; call reloaded() when the new configuration is in use.
  Status reloading();
  // "READY=1" after a reload, as sd_notify(3) requires after RELOADING=1.
  Status reloaded(std::string_view status = {});
  // "STOPPING=1": shutdown began.
  Status stopping();
  // "WATCHDOG=1": the main loop is alive. Ping at half of watchdogInterval().
  Status watchdog();
  // "EXTEND_TIMEOUT_USEC=...": a slow start or stop step (migrations, draining) needs more time.
  Status extendTimeout(std::chrono::microseconds more);

  // WatchdogSec= of the unit when it applies to this process (WATCHDOG_USEC, WATCHDOG_PID).
  std::optional<std::chrono::microseconds> watchdogInterval() const;

 private:
  Status send(const std::string& state);
};

}  // namespace sinkron::process
