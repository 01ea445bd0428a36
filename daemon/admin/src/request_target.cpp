#include "request_target.hpp"

namespace sinkron::admin {
namespace {

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// `plusIsSpace` for query strings (form encoding).
bool percentDecode(std::string_view in, bool plusIsSpace, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = hexValue(in[i + 1]), lo = hexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plusIsSpace) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return true;
}

}  // namespace

bool parseRequestTarget(std::string_view target, RequestTarget& out) {
  out = {};
  if (target.empty() || target.front() != '/') return false;
  std::size_t q = target.find('?');
  std::string_view rawPath = target.substr(0, q);
  if (std::size_t hash = rawPath.find('#'); hash != std::string_view::npos)
    rawPath = rawPath.substr(0, hash);
  if (!percentDecode(rawPath, false, out.path)) return false;
  if (q == std::string_view::npos) return true;
  std::string_view rest = target.substr(q + 1);
  if (std::size_t hash = rest.find('#'); hash != std::string_view::npos)
    rest = rest.substr(0, hash);
  while (!rest.empty()) {
    std::size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    std::string key, value;
    if (!percentDecode(pair.substr(0, eq), true, key)) return false;
    if (eq != std::string_view::npos && !percentDecode(pair.substr(eq + 1), true, value))
      return false;
    out.query[key] = value;  // a repeated key keeps its last value
  }
  return true;
}

}  // namespace sinkron::admin
