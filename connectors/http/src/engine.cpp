// The engine: lifecycle of the I/O thread, the request queue (concurrency limit, circuit, token
// bucket) and the per-request curl options. The curl <-> asio glue is engine_io.cpp; what happens
// when an attempt ends is engine_outcomes.cpp.
#include "engine.hpp"

#include <strings.h>

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>

#include "http_text.hpp"
#include "sinkron/security/masking.hpp"

namespace sinkron::connectors::http::detail {
namespace asio = boost::asio;
using std::chrono::duration_cast;
using std::chrono::milliseconds;

namespace {

std::shared_ptr<spdlog::logger> loggerNamed(const std::string& name) {
  if (auto existing = spdlog::get(name)) return existing;
  auto fallback = spdlog::default_logger();
  auto logger =
      std::make_shared<spdlog::logger>(name, fallback->sinks().begin(), fallback->sinks().end());
  logger->set_level(fallback->level());
  return logger;
}

}  // namespace

Engine::Engine(ClientOptions options)
    : options_(std::move(options)),
      log_(loggerNamed(options_.name)),
      work_(asio::make_work_guard(io_)),
      curlTimer_(io_),
      rateTimer_(io_),
      bucket_(options_.rate.requestsPerSecond, options_.rate.burst),
      breakers_(options_.circuit,
                [log = log_](const std::string& host, CircuitState from, CircuitState to) {
                  auto level =
                      to == CircuitState::kOpen ? spdlog::level::warn : spdlog::level::info;
                  log->log(level, "circuit for {}: {} -> {}", host, circuitStateName(from),
                           circuitStateName(to));
                }),
      random_(std::random_device{}()) {
  multi_ = curl_multi_init();
  curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &Engine::onSocket);
  curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
  curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &Engine::onTimer);
  curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
  curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, static_cast<long>(options_.maxConcurrency + 4));
  curl_multi_setopt(multi_, CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_MULTIPLEX));
}

Engine::~Engine() {
  // shutdown() ran cancelAll() on the I/O thread; this only covers a client never started.
  if (multi_) curl_multi_cleanup(multi_);
  for (CURL* easy : idleHandles_) curl_easy_cleanup(easy);
}

void Engine::run() {
  auto self = shared_from_this();
  std::promise<void> ready;
  auto started = ready.get_future();
  thread_ = std::thread([self, &ready] {
    self->threadId_ = std::this_thread::get_id();
    ready.set_value();
    self->io_.run();
  });
  started.wait();
}

void Engine::shutdown() {
  std::call_once(shutdownOnce_, [this] {
    if (onIoThread()) {
      cancelAll();
      thread_.detach();  // the thread holds the engine until run() returns
      return;
    }
    asio::post(io_, [this] { cancelAll(); });
    if (thread_.joinable()) thread_.join();
  });
}

ClientStats Engine::stats() const {
  ClientStats out;
  {
    std::lock_guard lock(statsMutex_);
    out = stats_;
  }
  std::tie(out.circuitsOpen, out.circuitsHalfOpen) = breakers_.openAndHalfOpen();
  return out;
}

void Engine::start(Request request, HttpClient::Callback done) {
  auto t = std::make_unique<Transfer>();
  t->request = std::move(request);
  t->done = std::move(done);
  if (stopping_) {
    std::string what = t->what();
    if (t->done) t->done(Error::unavailable(what + ": HTTP client is shut down"));
    return;
  }
  asio::post(io_, [this, t = std::move(t)]() mutable { admit(std::move(t)); });
}

void Engine::admit(std::unique_ptr<Transfer> t) {
  if (stopping_) {
    std::string what = t->what();
    if (t->done) t->done(Error::unavailable(what + ": HTTP client is shut down"));
    return;
  }
  count([](ClientStats& s) { ++s.requests; });
  publishStats();  // a request shows in the stats (and /metrics) while it is in flight
  t->started = Clock::now();
  t->host = authorityOf(t->request.url);
  t->maxBytes = options_.maxResponseBytes;
  Transfer* raw = t.get();
  live_.emplace(raw, std::move(t));
  queue_.push_back(raw);
  pump();
}

void Engine::pump() {
  while (!queue_.empty() && inFlight_ < static_cast<std::size_t>(options_.maxConcurrency)) {
    Transfer* t = queue_.front();
    auto now = Clock::now();
    bool probe = false;
    if (!breakers_.admit(t->host, now, &probe)) {
      queue_.pop_front();
      count([](ClientStats& s) { ++s.circuitRejections; });
      std::string message = t->what() + ": circuit open for " + t->host;
      if (!t->response.body.empty() || t->response.status != 0)
        message += " (last answer HTTP " + std::to_string(t->response.status) + ")";
      finish(t, Error::unavailable(message, t->response.status));
      continue;
    }
    if (!bucket_.take(now)) {
      if (probe) breakers_.onProbeAbandoned(t->host);
      armRateTimer();
      return;
    }
    queue_.pop_front();
    t->probe = probe;
    launch(t);
  }
}

void Engine::armRateTimer() {
  if (rateTimerArmed_) return;
  rateTimerArmed_ = true;
  count([](ClientStats& s) { ++s.rateLimitWaits; });
  publishStats();
  rateTimer_.expires_after(bucket_.waitFor(Clock::now()));
  rateTimer_.async_wait([this](boost::system::error_code ec) {
    rateTimerArmed_ = false;
    if (!ec && !stopping_) pump();
  });
}

void Engine::launch(Transfer* t) {
  if (idleHandles_.empty()) {
    t->easy = curl_easy_init();
    configureHandle(t->easy);
  } else {
    t->easy = idleHandles_.back();
    idleHandles_.pop_back();
  }
  ++t->attempt;
  t->response = Response{};
  t->tooLarge = false;
  t->errorBuffer[0] = 0;
  configure(t);
  ++inFlight_;
  count([this](ClientStats& s) {
    ++s.attempts;
    s.maxInFlight = std::max<std::uint64_t>(s.maxInFlight, inFlight_);
  });
  CURLMcode added = curl_multi_add_handle(multi_, t->easy);
  if (added != CURLM_OK) {
    --inFlight_;
    idleHandles_.push_back(t->easy);
    t->easy = nullptr;
    finish(t,
           Error::internal(t->what() + ": curl_multi_add_handle: " + curl_multi_strerror(added)));
  }
}

// Options that are the same for every request: set once per pooled easy handle (setting
// strings copies them, so not doing it per request saves allocations).
void Engine::configureHandle(CURL* e) {
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &onBodyBytes);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &onHeaderLine);
  curl_easy_setopt(e, CURLOPT_CLOSESOCKETFUNCTION, &Engine::onCloseSocket);
  curl_easy_setopt(e, CURLOPT_CLOSESOCKETDATA, this);
  curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, &Engine::onOpenSocket);
  curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, this);
  curl_easy_setopt(e, CURLOPT_USERAGENT, options_.userAgent.c_str());
  // gzip is asked for in the headers and decoded by the engine (GzipDecoder), not by libcurl.
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, nullptr);

  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options_.connectTimeout.count()));
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.totalTimeout.count()));
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, options_.lowSpeedBytesPerSecond);
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options_.lowSpeedTime.count()));
  curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
                   static_cast<curl_off_t>(options_.maxResponseBytes));

  // Only the configured proxy; "" also keeps libcurl from reading http_proxy & co.
  curl_easy_setopt(e, CURLOPT_PROXY, options_.proxy.c_str());
  curl_easy_setopt(e, CURLOPT_NOPROXY, "");

  curl_easy_setopt(e, CURLOPT_HTTP_VERSION,
                   options_.http2 ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_1_1);
  curl_easy_setopt(e, CURLOPT_PIPEWAIT, options_.http2 ? 1L : 0L);
  curl_easy_setopt(e, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);

  const TlsOptions& tls = options_.tls;
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(e, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  if (!tls.caFile.empty()) curl_easy_setopt(e, CURLOPT_CAINFO, tls.caFile.c_str());
  if (!tls.clientCertFile.empty()) curl_easy_setopt(e, CURLOPT_SSLCERT, tls.clientCertFile.c_str());
  if (!tls.clientKeyFile.empty()) curl_easy_setopt(e, CURLOPT_SSLKEY, tls.clientKeyFile.c_str());
  if (!tls.clientKeyPassword.empty())
    curl_easy_setopt(e, CURLOPT_KEYPASSWD, tls.clientKeyPassword.reveal().c_str());
}

// What changes per request; every option set here is set (or cleared) on every request.
void Engine::configure(Transfer* t) {
  CURL* e = t->easy;
  const Request& r = t->request;
  curl_easy_setopt(e, CURLOPT_URL, r.url.c_str());
  curl_easy_setopt(e, CURLOPT_PRIVATE, t);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errorBuffer);

  if (r.method == "GET") {
    curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);  // also clears POST and NOBODY
    curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, nullptr);
  } else if (r.method == "HEAD") {
    curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, nullptr);
    curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
  } else {
    curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r.method == "POST" ? nullptr : r.method.c_str());
    if (r.method == "POST" || !r.body.empty()) {
      curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
      curl_easy_setopt(e, CURLOPT_POSTFIELDS, r.body.data());
    }
  }
  if (!t->headerList) {
    // "Expect:" turns off 100-continue (a round trip for every POST); GET and HEAD never send
    // one, and every extra header costs libcurl a scan per header it might add itself.
    if (r.method != "GET" && r.method != "HEAD")
      t->headerList = curl_slist_append(nullptr, "Expect:");
    bool encoding = false;
    for (const auto& [name, value] : r.headers)
      encoding =
          encoding || (name.size() == 15 && strncasecmp(name.c_str(), "Accept-Encoding", 15) == 0);
    if (!encoding && options_.gzip)
      t->headerList = curl_slist_append(t->headerList, "Accept-Encoding: gzip");
    for (const auto& [name, value] : r.headers) {
      std::string line = value.empty() ? name + ";" : name + ": " + value;
      t->headerList = curl_slist_append(t->headerList, line.c_str());
    }
  }
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headerList);
}

void Engine::cancelAll() {
  stopping_ = true;
  std::vector<Transfer*> all;
  all.reserve(live_.size());
  for (auto& [raw, owned] : live_) all.push_back(raw);
  for (Transfer* t : all) {
    if (t->easy) {
      curl_multi_remove_handle(multi_, t->easy);
      idleHandles_.push_back(t->easy);
      t->easy = nullptr;
      --inFlight_;
    }
    if (t->retryTimer) t->retryTimer->cancel();
  }
  queue_.clear();
  for (Transfer* t : all)
    finish(t, Error::unavailable(t->what() + ": cancelled (client shut down)"));
  curlTimer_.cancel();
  rateTimer_.cancel();
  if (multi_) {
    curl_multi_cleanup(multi_);  // closes cached connections through onCloseSocket
    multi_ = nullptr;
  }
  for (CURL* easy : idleHandles_) curl_easy_cleanup(easy);
  idleHandles_.clear();
  for (auto& [fd, w] : sockets_) {
    w->closed = true;
    w->descriptor.release();
  }
  sockets_.clear();
  work_.reset();
  io_.stop();
}

}  // namespace sinkron::connectors::http::detail
