#pragma once
// The engine behind HttpClient: one io_context on one thread drives a libcurl multi handle
// through its socket and timer callbacks (asio descriptors and a steady_timer; no polling).
// Everything below runs on that thread except start(), shutdown(), stats() and circuit().
#include <curl/curl.h>
#include <spdlog/logger.h>

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "circuit_breaker.hpp"
#include "gzip_decoder.hpp"
#include "sinkron/connectors/http_client.hpp"
#include "token_bucket.hpp"
#include "transfer.hpp"

namespace sinkron::connectors::http::detail {

class Engine : public std::enable_shared_from_this<Engine> {
 public:
  explicit Engine(ClientOptions options);
  ~Engine();
  void run();  // starts the I/O thread
  void start(Request request, HttpClient::Callback done);
  void shutdown();  // cancels everything and ends the I/O thread
  bool onIoThread() const { return std::this_thread::get_id() == threadId_; }

  ClientStats stats() const;
  CircuitState circuit(const std::string& host) const { return breakers_.state(host); }
  const ClientOptions& options() const { return options_; }

 private:
  using Clock = std::chrono::steady_clock;
  struct SocketWatch {
    SocketWatch(boost::asio::io_context& io, curl_socket_t fd) : descriptor(io), fd(fd) {}
    boost::asio::posix::stream_descriptor descriptor;
    curl_socket_t fd;
    int wanted = 0;  // CURL_POLL_IN / OUT / INOUT
    bool readArmed = false, writeArmed = false, closed = false;
  };

  static int onSocket(CURL* easy, curl_socket_t fd, int what, void* engine, void* socketp);
  static int onTimer(CURLM* multi, long timeoutMs, void* engine);
  static int onCloseSocket(void* engine, curl_socket_t fd);
  static curl_socket_t onOpenSocket(void* engine, curlsocktype purpose, curl_sockaddr* address);

  void admit(std::unique_ptr<Transfer> transfer);
  void pump();
  void launch(Transfer* t);
  void configureHandle(CURL* easy);
  void configure(Transfer* t);
  void watch(curl_socket_t fd, int what);
  void arm(const std::shared_ptr<SocketWatch>& w);
  void forgetSocket(curl_socket_t fd);
  void socketAction(curl_socket_t fd, int events);
  void collectDone();
  void attemptDone(Transfer* t, long status, CURLcode code, bool nothingSent);
  void retryLater(Transfer* t, std::chrono::milliseconds delay);
  void finish(Transfer* t, Result<Response> result);
  void armRateTimer();
  void armCurlTimer(Clock::time_point at);
  void onCurlTimer();
  void cancelAll();
  std::chrono::milliseconds backoff(int attempt);
  // Counters change on the I/O thread only (no lock); publishStats() makes them visible to
  // stats() once per admitted and once per finished request, before its callback runs.
  template <typename F>
  void count(F&& update) {
    update(working_);
  }
  void publishStats() {
    std::lock_guard lock(statsMutex_);
    stats_ = working_;
  }

  ClientOptions options_;
  std::shared_ptr<spdlog::logger> log_;
  boost::asio::io_context io_{1};  // concurrency hint: one thread runs it
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  boost::asio::steady_timer curlTimer_, rateTimer_;
  std::thread thread_;
  std::thread::id threadId_;
  std::atomic<bool> stopping_{false};
  std::once_flag shutdownOnce_;

  CURLM* multi_ = nullptr;
  std::vector<CURL*> idleHandles_;
  std::unordered_map<curl_socket_t, std::shared_ptr<SocketWatch>> sockets_;
  std::unordered_set<curl_socket_t> ownSockets_;  // opened by onOpenSocket, closed by onCloseSocket
  std::unordered_map<Transfer*, std::unique_ptr<Transfer>> live_;
  std::deque<Transfer*> queue_;
  std::size_t inFlight_ = 0;
  bool rateTimerArmed_ = false;
  Clock::time_point curlDeadline_ = Clock::time_point::max();  // what curl asked for
  Clock::time_point curlTimerAt_{};                            // where curlTimer_ is set
  bool curlTimerArmed_ = false, timeoutPosted_ = false;
  TokenBucket bucket_;
  CircuitBreakers breakers_;
  std::mt19937_64 random_;
  GzipDecoder gzip_;  // I/O thread only

  mutable std::mutex statsMutex_;
  ClientStats stats_;    // published copy
  ClientStats working_;  // I/O thread's own
};

}  // namespace sinkron::connectors::http::detail
