#pragma once
// FaultBook: the faults switched on per system and per endpoint, by config or at runtime
// (POST /_sim/faults). Decisions are a pure function of (seed, rule, request sequence), so a run
// with the same seed and request order fails the same way. Thread-safe.
#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "sinkron/result.hpp"

namespace sinkron::sim {

enum class FaultKind {
  kLatency,        // delay the answer by fixedMs + uniform(0, jitterMs)
  kStatus,         // answer `status` (500/502/503) with a gateway-style error body
  kRateLimit,      // 429 with Retry-After: retryAfterSeconds
  kReset,          // send the header and part of the body, then reset the connection (RST)
  kTruncate,       // Content-Length of the full body, send only part of it, close
  kMalformedJson,  // a complete response whose JSON is broken
  kTrickle,        // send the body in chunks of trickleBytes every trickleDelayMs
  kTokenRevoke,    // the system's tokens are revoked (applied once when the rule is added)
  kFieldDrift,     // handlers rename fields (tglLahir <-> tanggalLahir, ...)
};

struct FaultRule {
  std::string system;  // "siasn", "sso", "ekinerja", "simpeg", "training", "fingerspot", "*"
  std::string route;   // route pattern as registered, a prefix ending in '*', or "*"
  FaultKind kind = FaultKind::kStatus;
  double rate = 1.0;        // probability per request, 0..1
  std::uint64_t count = 0;  // stop after this many hits (0 = unlimited)
  int status = 503;
  int retryAfterSeconds = 1;
  int fixedMs = 0, jitterMs = 0;
  int trickleBytes = 64, trickleDelayMs = 50;
  std::uint64_t hits = 0;  // how many requests it has hit so far
};

// What the server does to one request/response.
struct FaultDecision {
  int delayMs = 0;
  int status = 0;  // 0 = none; else answer this status (429 carries retryAfterSeconds)
  int retryAfterSeconds = 0;
  bool reset = false, truncate = false, malformedJson = false, fieldDrift = false;
  int trickleBytes = 0, trickleDelayMs = 0;  // trickleBytes > 0: trickle
  bool any() const {
    return delayMs || status || reset || truncate || malformedJson || fieldDrift || trickleBytes;
  }
};

FaultKind faultKindFromName(std::string_view name, bool* ok);
std::string_view faultKindName(FaultKind kind);

class FaultBook {
 public:
  explicit FaultBook(std::uint64_t seed = 1);
  // Adds a rule; returns its index. kTokenRevoke rules are reported to the caller via the
  // return of takeRevocations() so the owning system can revoke its tokens.
  std::size_t add(FaultRule rule);
  // Parses {"faults":[{"system":..,"route":..,"kind":"status",..}]} or a single rule object.
  // Errors name the field.
  Status addFromJson(std::string_view json);
  void clear();
  std::vector<FaultRule> rules() const;
  std::string toJson() const;
  FaultDecision decide(std::string_view system, std::string_view route, std::uint64_t sequence);
  // Systems with a pending token revocation (each reported once).
  std::vector<std::string> takeRevocations();

 private:
  mutable std::mutex mutex_;
  std::uint64_t seed_;
  std::vector<FaultRule> rules_;
  std::vector<std::string> revocations_;
  // Lock-free fast paths for the common case of no faults: decide() and takeRevocations() run
  // on every request of every server.
  std::atomic<std::size_t> ruleCount_{0};
  std::atomic<bool> revocationsPending_{false};
};

}  // namespace sinkron::sim
