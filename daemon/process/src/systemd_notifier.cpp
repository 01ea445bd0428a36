#include "sinkron/process/systemd_notifier.hpp"

#include <systemd/sd-daemon.h>

#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>

#include "sinkron/security/masking.hpp"

namespace sinkron::process {
namespace {

// A newline would start another assignment in the datagram (a status could forge "READY=1").
std::string statusLine(std::string_view text) {
  std::string line = security::maskIdsInText(text);
  for (char& c : line)
    if (c == '\n' || c == '\r') c = ' ';
  line.insert(0, "STATUS=");
  return line;
}

std::string withStatus(std::string state, std::string_view status) {
  if (!status.empty()) {
    state += '\n';
    state += statusLine(status);
  }
  return state;
}

long long monotonicMicros() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<long long>(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

}  // namespace

bool SystemdNotifier::enabled() const {
  const char* socket = std::getenv("NOTIFY_SOCKET");
  return socket != nullptr && *socket != '\0';
}

Status SystemdNotifier::ready(std::string_view status) {
  return send(withStatus("READY=1", status));
}

Status SystemdNotifier::status(std::string_view text) {
  return send(statusLine(text));
}

Status SystemdNotifier::reloading() {
  return send("RELOADING=1\nMONOTONIC_USEC=" + std::to_string(monotonicMicros()));
}

Status SystemdNotifier::reloaded(std::string_view status) {
  return send(withStatus("READY=1", status));
}

Status SystemdNotifier::stopping() {
  return send("STOPPING=1");
}

Status SystemdNotifier::watchdog() {
  return send("WATCHDOG=1");
}

Status SystemdNotifier::extendTimeout(std::chrono::microseconds more) {
  return send("EXTEND_TIMEOUT_USEC=" + std::to_string(more.count()));
}

std::optional<std::chrono::microseconds> SystemdNotifier::watchdogInterval() const {
  uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return std::nullopt;
  return std::chrono::microseconds(static_cast<std::chrono::microseconds::rep>(usec));
}

Status SystemdNotifier::send(const std::string& state) {
  if (!enabled()) return {};
  int rc = sd_notify(0, state.c_str());
  if (rc < 0) {
    std::string first = state.substr(0, state.find('\n'));
    return Error::io("sd_notify(" + first + "): " + std::strerror(-rc));
  }
  return {};
}

}  // namespace sinkron::process
