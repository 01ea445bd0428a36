// HttpClient: option checks and the thin facade over the engine.
#include "sinkron/connectors/http_client.hpp"

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

CircuitState HttpClient::circuit(std::string_view host) const {
  return impl_->engine->circuit(std::string(host));
}

const ClientOptions& HttpClient::options() const {
  return impl_->engine->options();
}

}  // namespace sinkron::connectors::http
