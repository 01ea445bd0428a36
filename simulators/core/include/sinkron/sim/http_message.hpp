#pragma once
// The simulator's view of one HTTP exchange, free of Beast types so that handlers can be unit
// tested by calling Router::dispatch without a socket.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sinkron::sim {

using NameValues = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as received: "/a/b?x=1"
  std::string path;    // percent-decoded path without the query: "/a/b"
  NameValues query;    // percent-decoded query parameters, in order
  NameValues headers;  // header names lower-case
  std::string body;
  NameValues params;           // route captures, e.g. {"nip", "1985..."} for ".../{nip}"
  std::uint64_t sequence = 0;  // per-server request number, for seeded fault decisions
  bool fieldDrift = false;     // a field-drift fault is active for this request

  std::optional<std::string_view> queryParam(std::string_view name) const;
  std::optional<std::string_view> header(std::string_view lowerName) const;
  std::string_view param(std::string_view name) const;  // empty when absent
  // Splits the target into path and query (percent-decoding both). False when malformed.
  bool parseTarget();
};

struct HttpResponse {
  int status = 200;
  std::string contentType = "application/json";
  NameValues headers;  // extra headers (Retry-After, WWW-Authenticate, ...)
  std::string body;

  static HttpResponse json(int status, std::string body);
  static HttpResponse text(int status, std::string body);
};

// Parses an application/x-www-form-urlencoded body.
NameValues parseForm(std::string_view body);
std::string percentDecode(std::string_view in);
// A JSON string literal (with quotes) for `s`, escaping as RFC 8259 requires.
std::string jsonQuote(std::string_view s);

}  // namespace sinkron::sim
