#pragma once
// Circuit breaker per host: opens after N consecutive retryable failures, rejects while open,
// lets one probe through after `openFor` (half-open) and closes on its success. Thread-safe
// (the I/O thread decides, other threads read the state).
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "sinkron/connectors/http_client.hpp"

namespace sinkron::connectors::http::detail {

class CircuitBreakers {
 public:
  using Clock = std::chrono::steady_clock;
  // Called on every state change (host, from, to).
  using Listener = std::function<void(const std::string&, CircuitState, CircuitState)>;

  CircuitBreakers(CircuitOptions options, Listener listener);
  // May a request to `host` go out now? Sets *probe when it is the half-open probe.
  bool admit(const std::string& host, Clock::time_point now, bool* probe);
  void onSuccess(const std::string& host);
  void onRetryableFailure(const std::string& host, Clock::time_point now);
  // A probe that ended without an answer either way (cancelled): let another one through.
  void onProbeAbandoned(const std::string& host);
  CircuitState state(const std::string& host) const;
  // How many hosts are open and half-open now.
  std::pair<std::uint32_t, std::uint32_t> openAndHalfOpen() const;

 private:
  struct Host {
    CircuitState state = CircuitState::kClosed;
    int consecutiveFailures = 0;
    Clock::time_point openedAt{};
    bool probeInFlight = false;
  };
  void moveTo(const std::string& name, Host& host, CircuitState to);

  CircuitOptions options_;
  Listener listener_;
  mutable std::mutex mutex_;
  std::map<std::string, Host, std::less<>> hosts_;
};

std::string_view circuitStateName(CircuitState state);

}  // namespace sinkron::connectors::http::detail
