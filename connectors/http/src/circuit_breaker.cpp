#include "circuit_breaker.hpp"

namespace sinkron::connectors::http::detail {

std::string_view circuitStateName(CircuitState state) {
  switch (state) {
    case CircuitState::kClosed:
      return "closed";
    case CircuitState::kOpen:
      return "open";
    case CircuitState::kHalfOpen:
      return "half-open";
  }
  return "?";
}

CircuitBreakers::CircuitBreakers(CircuitOptions options, Listener listener)
    : options_(options), listener_(std::move(listener)) {}

void CircuitBreakers::moveTo(const std::string& name, Host& host, CircuitState to) {
  CircuitState from = host.state;
  if (from == to) return;
  host.state = to;
  if (listener_) listener_(name, from, to);
}

bool CircuitBreakers::admit(const std::string& name, Clock::time_point now, bool* probe) {
  *probe = false;
  if (options_.failuresToOpen <= 0) return true;
  std::lock_guard lock(mutex_);
  auto it = hosts_.find(name);
  if (it == hosts_.end()) return true;
  Host& host = it->second;
  switch (host.state) {
    case CircuitState::kClosed:
      return true;
    case CircuitState::kOpen:
      if (now - host.openedAt < options_.openFor) return false;
      moveTo(name, host, CircuitState::kHalfOpen);
      host.probeInFlight = true;
      *probe = true;
      return true;
    case CircuitState::kHalfOpen:
      if (host.probeInFlight) return false;
      host.probeInFlight = true;
      *probe = true;
      return true;
  }
  return true;
}

void CircuitBreakers::onSuccess(const std::string& name) {
  if (options_.failuresToOpen <= 0) return;
  std::lock_guard lock(mutex_);
  auto it = hosts_.find(name);
  if (it == hosts_.end()) return;
  it->second.consecutiveFailures = 0;
  it->second.probeInFlight = false;
  moveTo(name, it->second, CircuitState::kClosed);
}

void CircuitBreakers::onRetryableFailure(const std::string& name, Clock::time_point now) {
  if (options_.failuresToOpen <= 0) return;
  std::lock_guard lock(mutex_);
  Host& host = hosts_[name];
  ++host.consecutiveFailures;
  if (host.state == CircuitState::kHalfOpen ||
      (host.state == CircuitState::kClosed &&
       host.consecutiveFailures >= options_.failuresToOpen)) {
    host.openedAt = now;
    host.probeInFlight = false;
    moveTo(name, host, CircuitState::kOpen);
  }
}

void CircuitBreakers::onProbeAbandoned(const std::string& name) {
  std::lock_guard lock(mutex_);
  auto it = hosts_.find(name);
  if (it != hosts_.end()) it->second.probeInFlight = false;
}

CircuitState CircuitBreakers::state(const std::string& name) const {
  std::lock_guard lock(mutex_);
  auto it = hosts_.find(name);
  return it == hosts_.end() ? CircuitState::kClosed : it->second.state;
}

std::pair<std::uint32_t, std::uint32_t> CircuitBreakers::openAndHalfOpen() const {
  std::lock_guard lock(mutex_);
  std::pair<std::uint32_t, std::uint32_t> n{0, 0};
  for (const auto& [name, host] : hosts_) {
    if (host.state == CircuitState::kOpen) ++n.first;
    if (host.state == CircuitState::kHalfOpen) ++n.second;
  }
  return n;
}

}  // namespace sinkron::connectors::http::detail
