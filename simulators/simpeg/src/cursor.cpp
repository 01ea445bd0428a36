#include "cursor.hpp"

#include <charconv>

namespace sinkron::sim::simpeg {

namespace {
constexpr std::string_view kVersion = "v1:";
constexpr char kHex[] = "0123456789abcdef";
}  // namespace

std::string encodeCursor(const RowKey& key) {
  std::string plain(kVersion);
  plain.append(std::to_string(key.first)).push_back(':');
  plain.append(std::to_string(key.second));
  std::string out;
  for (unsigned char c : plain) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

std::optional<RowKey> decodeCursor(std::string_view cursor) {
  if (cursor.size() % 2 != 0 || cursor.size() > 120) return std::nullopt;
  std::string plain;
  for (std::size_t i = 0; i < cursor.size(); i += 2) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(cursor.data() + i, cursor.data() + i + 2, value, 16);
    if (ec != std::errc() || end != cursor.data() + i + 2) return std::nullopt;
    plain.push_back(static_cast<char>(value));
  }
  if (!plain.starts_with(kVersion)) return std::nullopt;
  std::string_view rest = std::string_view(plain).substr(kVersion.size());
  std::size_t colon = rest.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  RowKey key;
  auto a = std::from_chars(rest.data(), rest.data() + colon, key.first);
  auto b = std::from_chars(rest.data() + colon + 1, rest.data() + rest.size(), key.second);
  if (a.ec != std::errc() || a.ptr != rest.data() + colon || b.ec != std::errc() ||
      b.ptr != rest.data() + rest.size())
    return std::nullopt;
  return key;
}

}  // namespace sinkron::sim::simpeg
