// The one table that says what an answer means: Ok, Retry (after Retry-After or a backoff) or
// Fail. Statuses first, then libcurl's transport codes.
#include <curl/curl.h>

#include <cctype>
#include <charconv>
#include <ctime>
#include <string>

#include "sinkron/connectors/http_client.hpp"

namespace sinkron::connectors::http {
namespace {

// Retry-After is either delay-seconds or an HTTP-date.
std::chrono::milliseconds parseRetryAfter(std::string_view value) {
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front())))
    value.remove_prefix(1);
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back())))
    value.remove_suffix(1);
  if (value.empty()) return std::chrono::milliseconds(0);
  long long seconds = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec == std::errc() && end == value.data() + value.size())
    return std::chrono::milliseconds(seconds < 0 ? 0 : seconds * 1000);
  std::string date(value);
  time_t when = curl_getdate(date.c_str(), nullptr);
  if (when < 0) return std::chrono::milliseconds(0);
  long long delta = static_cast<long long>(when) - static_cast<long long>(std::time(nullptr));
  return std::chrono::milliseconds(delta > 0 ? delta * 1000 : 0);
}

Classification retry(std::string reason) {
  return {Outcome::kRetry, std::chrono::milliseconds(0), std::move(reason)};
}
Classification fail(std::string reason) {
  return {Outcome::kFail, std::chrono::milliseconds(0), std::move(reason)};
}

Classification classifyTransport(int curlCode) {
  const std::string text = curl_easy_strerror(static_cast<CURLcode>(curlCode));
  switch (static_cast<CURLcode>(curlCode)) {
    case CURLE_OK:
      return fail("no HTTP status");
    // Nothing or not all of the answer arrived: try again.
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:          // Content-Length mismatch: truncated body
    case CURLE_BAD_CONTENT_ENCODING:  // a gzip body that does not decode (damaged in transit)
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:  // handshake broken off (not a verification failure)
      return retry(text);
    // TLS verification: never retried, the configuration must change.
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
      return fail("TLS verification failed: " + text);
    case CURLE_WRITE_ERROR:
    case CURLE_FILESIZE_EXCEEDED:
      return fail("response too large");
    default:
      return fail(text);
  }
}

}  // namespace

Classification classify(long status, int curlCode, std::string_view retryAfterHeader) {
  if (status == 0) return classifyTransport(curlCode);
  if (curlCode != CURLE_OK) {
    // A status arrived but the body did not (reset, truncation, timeout mid-body).
    Classification transport = classifyTransport(curlCode);
    transport.reason = "HTTP " + std::to_string(status) + ", then " + transport.reason;
    return transport;
  }
  if (status >= 200 && status < 400) return {Outcome::kOk, std::chrono::milliseconds(0), ""};
  std::string reason = "HTTP " + std::to_string(status);
  switch (status) {
    case 429:
    case 503:
      return {Outcome::kRetry, parseRetryAfter(retryAfterHeader), reason};
    case 408:
    case 425:
    case 500:
    case 502:
    case 504:
      return retry(reason);
    default:
      return fail(reason);
  }
}

}  // namespace sinkron::connectors::http
