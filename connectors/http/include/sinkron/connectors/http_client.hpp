#pragma once
// HttpClient: every connector's HTTP, on libcurl's multi interface driven by Boost.Asio on one
// I/O thread per client (no thread per request). Connection reuse, HTTP/1.1 keep-alive and HTTP/2
// where offered, gzip, timeouts, response size limit, proxy, TLS verification always on (custom
// CA bundle, optional client certificate, TLS >= 1.2), a per-client concurrency limit, a token
// bucket, a circuit breaker per host, and retries decided by one classification table.
#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sinkron/result.hpp"
#include "sinkron/security/secret.hpp"

namespace sinkron::connectors::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method = "GET";
  std::string url;
  Headers headers;
  std::string body;
  // Requests that change state are retried only when the caller says the target makes a
  // repeat harmless (read-before-write or natural keys); otherwise only failures before any
  // byte was sent are retried.
  bool idempotent = true;
  std::string label;  // for logs and stats ("siasn data-utama"); never contains NIP/NIK
};

struct Response {
  long status = 0;
  Headers headers;  // names lower-case
  std::string body;
  int attempts = 1;
  double seconds = 0;   // wall time including retries and waits
  int httpVersion = 1;  // 1 (HTTP/1.x), 2 or 3: what the last attempt spoke
  std::string_view header(std::string_view lowerName) const;
};

// The single table that decides what an answer means (see classify()).
enum class Outcome { kOk, kRetry, kFail };
struct Classification {
  Outcome outcome = Outcome::kOk;
  std::chrono::milliseconds retryAfter{0};  // from Retry-After when present, else 0 (= backoff)
  std::string reason;                       // "HTTP 503", "timeout", "connection reset", ...
};
// status = 0 means a transport failure described by curlCode (a CURLcode value).
Classification classify(long status, int curlCode, std::string_view retryAfterHeader);

struct TlsOptions {
  std::string caFile;          // PEM bundle to trust instead of the system's; empty = system
  std::string clientCertFile;  // PEM, for mutual TLS (optional)
  std::string clientKeyFile;
  security::Secret clientKeyPassword;
};

struct RetryPolicy {
  int maxAttempts = 5;                       // including the first
  std::chrono::milliseconds baseDelay{200};  // exponential backoff with full jitter
  std::chrono::milliseconds maxDelay{30000};
  std::chrono::milliseconds budget{120000};  // give up when waiting would exceed this
};

struct RateLimit {
  double requestsPerSecond = 0;  // 0 = unlimited
  double burst = 10;
};

struct CircuitOptions {
  int failuresToOpen = 10;                   // consecutive retryable failures per host
  std::chrono::milliseconds openFor{10000};  // then one probe request (half-open)
};

struct ClientOptions {
  std::string name = "http";  // connector instance name, in logs and stats
  int maxConcurrency = 8;
  std::chrono::milliseconds connectTimeout{10000};
  std::chrono::milliseconds totalTimeout{60000};  // per attempt
  long lowSpeedBytesPerSecond = 1;                // abort an attempt below this rate ...
  std::chrono::seconds lowSpeedTime{30};          // ... sustained this long
  std::size_t maxResponseBytes = 64u << 20;
  std::string proxy;  // "http://proxy:3128"; empty = none (libcurl's env variables are ignored)
  bool http2 = true;
  bool gzip = true;  // ask for gzip answers (WAN: fewer bytes; a LAN may save the CPU)
  TlsOptions tls;
  RetryPolicy retry;
  RateLimit rate;
  CircuitOptions circuit;
  std::string userAgent = "sinkron/0.1";
};

enum class CircuitState { kClosed, kOpen, kHalfOpen };

// Attempt latencies (request sent to answer received, per attempt) in fixed buckets, so a
// metrics exporter can merge them into a Prometheus histogram with the same bounds.
struct LatencyHistogram {
  static constexpr std::array<double, 12> kUpperBounds = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                          0.1,   0.25,   0.5,   1,    2.5,   10};
  std::array<std::uint64_t, kUpperBounds.size() + 1> counts{};  // per bucket; the last is +Inf
  double sumSeconds = 0;
  void observe(double seconds);
};

struct ClientStats {
  std::uint64_t requests = 0, attempts = 0, retries = 0, ok = 0, failed = 0;
  std::uint64_t status429 = 0, status5xx = 0, transportErrors = 0, circuitRejections = 0;
  std::uint64_t bytesReceived = 0;
  // Added: waits and concurrency, so tests and metrics can see them without timing.
  std::uint64_t retryAfterWaits = 0;    // retries that waited for a server's Retry-After
  std::uint64_t waitedMillis = 0;       // total planned wait before retries (backoff + Retry-After)
  std::uint64_t rateLimitWaits = 0;     // times the token bucket made a request wait
  std::uint64_t maxInFlight = 0;        // most transfers in curl's hands at once
  std::uint64_t connectionsOpened = 0;  // new connections (the rest reused one)
  LatencyHistogram attemptLatency;
  // Hosts whose circuit is open or half-open when the stats were read (a state, not a count).
  std::uint32_t circuitsOpen = 0, circuitsHalfOpen = 0;
};

// What happened between two readings of one client's stats (the circuit fields are `after`'s).
ClientStats statsSince(const ClientStats& after, const ClientStats& before);

class HttpClient {
 public:
  using Callback = std::function<void(Result<Response>)>;
  // Checks the options (CA/cert files readable, proxy URL well formed); errors name the option.
  static Result<std::shared_ptr<HttpClient>> create(ClientOptions options);
  ~HttpClient();  // cancels what is in flight (callbacks get an error) and joins the I/O thread

  // Queues a request; `done` runs exactly once on the client's I/O thread with the final answer:
  // a Response for 2xx/3xx, an Error for everything else. Errors name the method and URL and
  // carry the HTTP status (Error::httpStatus) and, for 4xx, the server's own message.
  void start(Request request, Callback done);
  // Blocking form for callers outside the I/O thread (never call it from a callback).
  Result<Response> send(Request request);

  ClientStats stats() const;
  CircuitState circuit(std::string_view host) const;
  const ClientOptions& options() const;

 private:
  struct Impl;
  explicit HttpClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Percent-encodes a path segment or query value.
std::string urlEncode(std::string_view s);

}  // namespace sinkron::connectors::http
