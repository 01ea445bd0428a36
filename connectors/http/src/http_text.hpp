#pragma once
// Small text helpers of the HTTP client: the host:port of a URL, a server's own error message,
// percent-encoding, and masked URLs for messages.
#include <string>
#include <string_view>

namespace sinkron::connectors::http::detail {

// "https://host:8443/path?q" -> "host:8443"; "http://host/x" -> "host".
std::string authorityOf(std::string_view url);

// The message a server put in its error body: `message`, `data`, `error_description` or
// `error` of a JSON object, else the first 200 characters of the body. Personal ids masked.
std::string serverMessage(std::string_view body);

// The URL as it may appear in logs and errors: NIP/NIK masked, query secrets untouched (callers
// never put secrets in URLs).
std::string displayUrl(std::string_view url);

}  // namespace sinkron::connectors::http::detail
