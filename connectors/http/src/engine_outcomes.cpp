// What happens when an attempt ends: classification, retry with backoff or Retry-After, the
// circuit breaker's bookkeeping, and the one error message per failed request.
#include <spdlog/spdlog.h>

#include "engine.hpp"
#include "http_text.hpp"
#include "sinkron/security/masking.hpp"

namespace sinkron::connectors::http::detail {
namespace asio = boost::asio;
using std::chrono::duration_cast;
using std::chrono::milliseconds;

namespace {

bool isTransportCodeBeforeSending(CURLcode code) {
  return code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST ||
         code == CURLE_COULDNT_RESOLVE_PROXY;
}

}  // namespace

void Engine::collectDone() {
  int left = 0;
  bool any = false;
  while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
    if (msg->msg != CURLMSG_DONE) continue;
    any = true;
    CURL* easy = msg->easy_handle;
    CURLcode code = msg->data.result;
    Transfer* t = nullptr;
    long status = 0, requestSize = 0, newConnections = 0;
    curl_easy_getinfo(easy, CURLINFO_PRIVATE, reinterpret_cast<char**>(&t));
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(easy, CURLINFO_REQUEST_SIZE, &requestSize);
    curl_easy_getinfo(easy, CURLINFO_NUM_CONNECTS, &newConnections);
    long version = 0;
    curl_easy_getinfo(easy, CURLINFO_HTTP_VERSION, &version);
    t->response.httpVersion = version == CURL_HTTP_VERSION_2_0 ? 2
                              : version == CURL_HTTP_VERSION_3 ? 3
                                                               : 1;
    curl_off_t totalMicros = 0;
    curl_easy_getinfo(easy, CURLINFO_TOTAL_TIME_T, &totalMicros);
    count([&](ClientStats& s) {
      s.connectionsOpened += static_cast<std::uint64_t>(std::max(0L, newConnections));
      s.attemptLatency.observe(static_cast<double>(totalMicros) / 1e6);
    });
    curl_multi_remove_handle(multi_, easy);
    idleHandles_.push_back(easy);
    --inFlight_;
    t->easy = nullptr;
    bool nothingSent = isTransportCodeBeforeSending(code) || (status == 0 && requestSize == 0);
    attemptDone(t, status, code, nothingSent);
  }
  if (any) pump();
}

std::chrono::milliseconds Engine::backoff(int attempt) {
  // Full jitter: uniform in [0, min(maxDelay, baseDelay * 2^(attempt-1))].
  double cap = static_cast<double>(options_.retry.baseDelay.count()) *
               static_cast<double>(1ull << std::min(attempt - 1, 30));
  cap = std::min(cap, static_cast<double>(options_.retry.maxDelay.count()));
  std::uniform_real_distribution<double> pick(0.0, cap);
  return milliseconds(static_cast<long long>(pick(random_)));
}

void Engine::attemptDone(Transfer* t, long status, CURLcode code, bool nothingSent) {
  Response& response = t->response;
  response.status = status;
  if (code == CURLE_OK && !t->tooLarge && !response.body.empty() &&
      response.header("content-encoding") == "gzip") {
    switch (gzip_.decode(response.body, t->maxBytes)) {
      case GzipDecoder::Status::kOk:
        break;
      case GzipDecoder::Status::kTooLarge:
        t->tooLarge = true;
        break;
      case GzipDecoder::Status::kCorrupt:
        code = CURLE_BAD_CONTENT_ENCODING;
        break;
    }
  }
  count([&](ClientStats& s) {
    s.bytesReceived += response.body.size();
    if (status == 429) ++s.status429;
    if (status >= 500) ++s.status5xx;
    if (code != CURLE_OK && !t->tooLarge) ++s.transportErrors;
  });
  Classification c = t->tooLarge ? Classification{Outcome::kFail, milliseconds(0), "too large"}
                                 : classify(status, code, response.header("retry-after"));
  auto now = Clock::now();
  if (c.outcome == Outcome::kOk) {
    breakers_.onSuccess(t->host);
    response.attempts = t->attempt;
    response.seconds = std::chrono::duration<double>(now - t->started).count();
    finish(t, std::move(response));
    return;
  }
  if (c.outcome == Outcome::kRetry) {
    breakers_.onRetryableFailure(t->host, now);
  } else if (status != 0) {
    breakers_.onSuccess(t->host);  // the host answered; the request was wrong
  } else if (t->probe) {
    breakers_.onProbeAbandoned(t->host);
  }
  t->probe = false;

  std::string detail = t->errorBuffer[0] ? std::string(t->errorBuffer) : c.reason;
  if (c.outcome == Outcome::kRetry) {
    // 429 means the server did not act on the request, so even a non-idempotent one may repeat.
    bool mayRepeat = t->request.idempotent || nothingSent || status == 429;
    if (mayRepeat && t->attempt < options_.retry.maxAttempts) {
      milliseconds delay = c.retryAfter.count() > 0 ? c.retryAfter : backoff(t->attempt);
      auto elapsed = duration_cast<milliseconds>(now - t->started);
      if (elapsed + delay <= options_.retry.budget) {
        log_->debug("{}: {} (attempt {}), retrying in {} ms", t->what(), c.reason, t->attempt,
                    delay.count());
        count([&](ClientStats& s) {
          ++s.retries;
          s.waitedMillis += static_cast<std::uint64_t>(delay.count());
          if (c.retryAfter.count() > 0) ++s.retryAfterWaits;
        });
        retryLater(t, delay);
        return;
      }
    }
    std::string message = t->what() + ": " + c.reason + " after " + std::to_string(t->attempt) +
                          (t->attempt == 1 ? " attempt" : " attempts");
    if (status != 0 && code == CURLE_OK && !response.body.empty())
      message += ": " + serverMessage(response.body);
    else if (detail != c.reason)
      message += " (" + security::maskIdsInText(detail) + ")";
    if (!mayRepeat) message += "; not repeated: the request is not idempotent";
    finish(t, Error::unavailable(std::move(message), status));
    return;
  }

  // Fail: no retry.
  if (t->tooLarge || code == CURLE_FILESIZE_EXCEEDED) {
    finish(t, Error::unavailable(t->what() + ": response larger than " +
                                     std::to_string(options_.maxResponseBytes) +
                                     " bytes (max_response_bytes)",
                                 status));
  } else if (status == 0 && c.reason.starts_with("TLS verification failed")) {
    finish(t, Error::unavailable("TLS verification failed for " + t->host + ": " + detail +
                                 "; configure ca_file (" + t->what() + ")"));
  } else if (status >= 400 && status < 500) {
    finish(t, Error::rejected(t->what() + ": HTTP " + std::to_string(status) + ": " +
                                  serverMessage(response.body),
                              status));
  } else if (status != 0) {
    finish(t, Error::unavailable(t->what() + ": HTTP " + std::to_string(status) + ": " +
                                     serverMessage(response.body),
                                 status));
  } else {
    finish(t, Error::unavailable(t->what() + ": " + security::maskIdsInText(detail)));
  }
}

void Engine::retryLater(Transfer* t, milliseconds delay) {
  t->retryTimer = std::make_unique<asio::steady_timer>(io_, delay);
  t->retryTimer->async_wait([this, t](boost::system::error_code ec) {
    if (ec || stopping_) return;  // cancelAll() answers the transfer
    queue_.push_front(t);
    pump();
  });
}

void Engine::finish(Transfer* t, Result<Response> result) {
  auto node = live_.extract(t);
  std::unique_ptr<Transfer> owned = std::move(node.mapped());
  if (result.ok())
    count([](ClientStats& s) { ++s.ok; });
  else
    count([](ClientStats& s) { ++s.failed; });
  HttpClient::Callback done = std::move(owned->done);
  owned.reset();
  publishStats();
  if (!done) return;
  try {
    done(std::move(result));
  } catch (const std::exception& e) {
    log_->error("a request callback threw: {}", e.what());
  } catch (...) {
    log_->error("a request callback threw");
  }
}

}  // namespace sinkron::connectors::http::detail
