#pragma once
// One request on its way through the client: the caller's request and callback, the answer
// being received, and the retry state. Owned by the engine from start() to the callback.
#include <curl/curl.h>

#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "sinkron/connectors/http_client.hpp"

namespace sinkron::connectors::http::detail {

struct Transfer {
  using Clock = std::chrono::steady_clock;

  Request request;
  HttpClient::Callback done;
  std::string host;  // host:port, the circuit breaker's key
  std::size_t maxBytes = 0;
  int attempt = 0;  // attempts started so far
  Clock::time_point started;
  Response response;
  CURL* easy = nullptr;  // while in curl's hands
  curl_slist* headerList = nullptr;
  char errorBuffer[CURL_ERROR_SIZE] = {0};
  bool tooLarge = false;
  bool probe = false;  // the half-open circuit's probe
  std::unique_ptr<boost::asio::steady_timer> retryTimer;

  ~Transfer() {
    if (headerList) curl_slist_free_all(headerList);
  }
  // What errors and logs call this request: "GET https://host/path" with ids masked.
  std::string what() const;
};

// libcurl callbacks that fill the response.
std::size_t onBodyBytes(char* data, std::size_t size, std::size_t count, void* transfer);
std::size_t onHeaderLine(char* data, std::size_t size, std::size_t count, void* transfer);

}  // namespace sinkron::connectors::http::detail
