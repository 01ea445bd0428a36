#include "transfer.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "http_text.hpp"

namespace sinkron::connectors::http::detail {

std::string Transfer::what() const {
  return request.method + " " + displayUrl(request.url);
}

std::size_t onBodyBytes(char* data, std::size_t size, std::size_t count, void* userdata) {
  auto* t = static_cast<Transfer*>(userdata);
  std::size_t bytes = size * count;
  if (t->response.body.size() + bytes > t->maxBytes) {
    t->tooLarge = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  t->response.body.append(data, bytes);
  return bytes;
}

std::size_t onHeaderLine(char* data, std::size_t size, std::size_t count, void* userdata) {
  auto* t = static_cast<Transfer*>(userdata);
  std::size_t bytes = size * count;
  std::string_view line(data, bytes);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.starts_with("HTTP/")) {
    t->response.headers.clear();
    t->response.headers.reserve(16);  // a new answer (after 100 Continue or a proxy CONNECT)
    return bytes;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return bytes;
  std::string name(line.substr(0, colon));
  for (char& c : name)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  if (name == "content-length") {
    // Sized once instead of grown by doubling as the body arrives; a claimed size is only
    // trusted up to 1 MiB (beyond that the body grows as it really arrives).
    std::size_t length = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), length);
    if (ec == std::errc() && length <= t->maxBytes)
      t->response.body.reserve(std::min<std::size_t>(length, 1u << 20));
  }
  t->response.headers.emplace_back(std::move(name), std::string(value));
  return bytes;
}

}  // namespace sinkron::connectors::http::detail
