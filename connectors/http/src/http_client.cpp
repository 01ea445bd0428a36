// HttpClient: option checks and the thin facade over the engine.
#include "sinkron/connectors/http_client.hpp"

#include <algorithm>

#include <curl/curl.h>

#include <fstream>
#include <future>
#include <mutex>

#include "engine.hpp"

namespace sinkron::connectors::http {

struct HttpClient::Impl {
  std::shared_ptr<detail::Engine> engine;
};

namespace {

Status readableFile(const std::string& path, const char* option) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::invalid(std::string(option) + ": cannot read '" + path + "'");
  return {};
}

Status checkProxy(const std::string& proxy) {
  if (proxy.empty()) return {};
  CURLU* url = curl_url();
  CURLUcode code = curl_url_set(url, CURLUPART_URL, proxy.c_str(), 0);
  char* scheme = nullptr;
  if (code == CURLUE_OK) code = curl_url_get(url, CURLUPART_SCHEME, &scheme, 0);
  std::string schemeText = scheme ? scheme : "";
  curl_free(scheme);
  curl_url_cleanup(url);
  if (code != CURLUE_OK)
    return Error::invalid("proxy: '" + proxy + "' is not a URL (" + curl_url_strerror(code) +
                          "); write it as http://host:port");
  if (schemeText != "http" && schemeText != "https" && schemeText != "socks5" &&
      schemeText != "socks5h")
    return Error::invalid("proxy: scheme '" + schemeText +
                          "' not supported (http, https, socks5, socks5h)");
  return {};
}

Status checkOptions(const ClientOptions& o) {
  if (o.name.empty()) return Error::invalid("name: must not be empty");
  if (o.maxConcurrency < 1) return Error::invalid("max_concurrency: must be at least 1");
  if (o.connectTimeout.count() <= 0) return Error::invalid("connect_timeout: must be positive");
  if (o.totalTimeout.count() <= 0) return Error::invalid("timeout: must be positive");
  if (o.maxResponseBytes == 0) return Error::invalid("max_response_bytes: must be positive");
  if (o.retry.maxAttempts < 1) return Error::invalid("retry.max_attempts: must be at least 1");
  if (o.retry.baseDelay.count() < 0 || o.retry.maxDelay < o.retry.baseDelay)
    return Error::invalid("retry.base_delay/max_delay: need 0 <= base_delay <= max_delay");
  if (o.rate.requestsPerSecond < 0) return Error::invalid("rate.requests_per_second: negative");
  if (o.rate.requestsPerSecond > 0 && o.rate.burst < 1)
    return Error::invalid("rate.burst: must be at least 1");
  if (auto s = checkProxy(o.proxy); !s) return s;
  const TlsOptions& tls = o.tls;
  if (!tls.caFile.empty())
    if (auto s = readableFile(tls.caFile, "tls.ca_file"); !s) return s;
  if (!tls.clientKeyFile.empty() && tls.clientCertFile.empty())
    return Error::invalid("tls.client_key_file: set tls.client_cert_file too");
  if (!tls.clientCertFile.empty())
    if (auto s = readableFile(tls.clientCertFile, "tls.client_cert_file"); !s) return s;
  if (!tls.clientKeyFile.empty())
    if (auto s = readableFile(tls.clientKeyFile, "tls.client_key_file"); !s) return s;
  return {};
}

void initCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

Result<std::shared_ptr<HttpClient>> HttpClient::create(ClientOptions options) {
  if (auto s = checkOptions(options); !s) {
    Error e = s.error();
    e.message = "HTTP client '" + options.name + "': " + e.message;
    return e;
  }
  initCurlOnce();
  auto impl = std::make_unique<Impl>();
  impl->engine = std::make_shared<detail::Engine>(std::move(options));
  impl->engine->run();
  return std::shared_ptr<HttpClient>(new HttpClient(std::move(impl)));
}

HttpClient::HttpClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpClient::~HttpClient() {
  if (impl_ && impl_->engine) impl_->engine->shutdown();
}

void HttpClient::start(Request request, Callback done) {
  impl_->engine->start(std::move(request), std::move(done));
}

Result<Response> HttpClient::send(Request request) {
  if (impl_->engine->onIoThread())
    return Error::internal("HttpClient::send called on the client's own I/O thread (" +
                           request.method + " request); use start()");
  std::promise<Result<Response>> promise;
  auto answer = promise.get_future();
  start(std::move(request), [&promise](Result<Response> r) { promise.set_value(std::move(r)); });
  return answer.get();
}

ClientStats HttpClient::stats() const {
  return impl_->engine->stats();
}

void LatencyHistogram::observe(double seconds) {
  // A value equal to an upper bound belongs to that bucket ("le").
  auto bucket = std::lower_bound(kUpperBounds.begin(), kUpperBounds.end(), seconds);
  ++counts[static_cast<std::size_t>(bucket - kUpperBounds.begin())];
  sumSeconds += seconds;
}

ClientStats statsSince(const ClientStats& after, const ClientStats& before) {
  ClientStats d = after;
  auto minus = [](std::uint64_t a, std::uint64_t b) { return a >= b ? a - b : a; };
  d.requests = minus(after.requests, before.requests);
  d.attempts = minus(after.attempts, before.attempts);
  d.retries = minus(after.retries, before.retries);
  d.ok = minus(after.ok, before.ok);
  d.failed = minus(after.failed, before.failed);
  d.status429 = minus(after.status429, before.status429);
  d.status5xx = minus(after.status5xx, before.status5xx);
  d.transportErrors = minus(after.transportErrors, before.transportErrors);
  d.circuitRejections = minus(after.circuitRejections, before.circuitRejections);
  d.bytesReceived = minus(after.bytesReceived, before.bytesReceived);
  d.retryAfterWaits = minus(after.retryAfterWaits, before.retryAfterWaits);
  d.waitedMillis = minus(after.waitedMillis, before.waitedMillis);
  d.rateLimitWaits = minus(after.rateLimitWaits, before.rateLimitWaits);
  d.connectionsOpened = minus(after.connectionsOpened, before.connectionsOpened);
  for (std::size_t i = 0; i < d.attemptLatency.counts.size(); ++i)
    d.attemptLatency.counts[i] =
        minus(after.attemptLatency.counts[i], before.attemptLatency.counts[i]);
  d.attemptLatency.sumSeconds =
      std::max(0.0, after.attemptLatency.sumSeconds - before.attemptLatency.sumSeconds);
  return d;
}

CircuitState HttpClient::circuit(std::string_view host) const {
  return impl_->engine->circuit(std::string(host));
}

const ClientOptions& HttpClient::options() const {
  return impl_->engine->options();
}

}  // namespace sinkron::connectors::http
