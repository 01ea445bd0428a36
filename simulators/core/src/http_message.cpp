#include "sinkron/sim/http_message.hpp"

#include <cctype>

namespace sinkron::sim {
namespace {

std::optional<std::string_view> findValue(const NameValues& list, std::string_view name) {
  for (const auto& [n, v] : list)
    if (n == name) return std::string_view(v);
  return std::nullopt;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void appendPairs(std::string_view text, NameValues& out) {
  while (!text.empty()) {
    std::size_t amp = text.find('&');
    std::string_view pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    std::string_view name = pair.substr(0, eq);
    std::string_view value =
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    out.emplace_back(percentDecode(name), percentDecode(value));
  }
}

}  // namespace

std::string percentDecode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%' && i + 2 < in.size() && hexValue(in[i + 1]) >= 0 &&
               hexValue(in[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hexValue(in[i + 1]) * 16 + hexValue(in[i + 2])));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

NameValues parseForm(std::string_view body) {
  NameValues out;
  appendPairs(body, out);
  return out;
}

std::optional<std::string_view> HttpRequest::queryParam(std::string_view name) const {
  return findValue(query, name);
}

std::optional<std::string_view> HttpRequest::header(std::string_view lowerName) const {
  return findValue(headers, lowerName);
}

std::string_view HttpRequest::param(std::string_view name) const {
  return findValue(params, name).value_or(std::string_view());
}

bool HttpRequest::parseTarget() {
  std::string_view t = target;
  if (t.empty() || t.front() != '/') return false;
  std::size_t q = t.find('?');
  std::string_view rawPath = t.substr(0, q);
  // '+' is literal in a path; decode only %XX there.
  path.clear();
  for (std::size_t i = 0; i < rawPath.size(); ++i) {
    if (rawPath[i] == '%' && i + 2 < rawPath.size() && hexValue(rawPath[i + 1]) >= 0 &&
        hexValue(rawPath[i + 2]) >= 0) {
      path.push_back(static_cast<char>(hexValue(rawPath[i + 1]) * 16 + hexValue(rawPath[i + 2])));
      i += 2;
    } else {
      path.push_back(rawPath[i]);
    }
  }
  query.clear();
  if (q != std::string_view::npos) appendPairs(t.substr(q + 1), query);
  return true;
}

HttpResponse HttpResponse::json(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

HttpResponse HttpResponse::text(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.contentType = "text/plain";
  r.body = std::move(body);
  return r;
}

std::string jsonQuote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static const char* hex = "0123456789abcdef";
          out += "\\u00";
          out.push_back(hex[(c >> 4) & 0xf]);
          out.push_back(hex[c & 0xf]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
  return out;
}

}  // namespace sinkron::sim
