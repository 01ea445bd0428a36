#include "pull_params.hpp"

#include <algorithm>
#include <charconv>

namespace sinkron::connectors::ekinerja {

Result<std::string> streamParam(const PullRequest& request, std::string_view name,
                                const std::string& where, std::size_t digits) {
  auto it = request.params.find(std::string(name));
  if (it == request.params.end() || it->second.empty())
    return Error::invalid(where + ": parameter " + std::string(name) + " is required");
  const std::string& value = it->second;
  if (digits > 0 && (value.size() != digits || !std::all_of(value.begin(), value.end(), [](char c) {
                       return c >= '0' && c <= '9';
                     })))
    return Error::invalid(where + ": parameter " + std::string(name) + " must be " +
                          std::to_string(digits) + " digits, got '" + value + "'");
  return value;
}

Result<std::uint64_t> numericCursor(const std::string& cursor, std::uint64_t empty,
                                    const std::string& where, std::string_view meaning) {
  if (cursor.empty()) return empty;
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), value);
  if (ec != std::errc() || end != cursor.data() + cursor.size())
    return Error::parse(where + ": cursor '" + cursor + "': expected " + std::string(meaning) +
                        " (digits) or empty");
  return value;
}

bool isNipBaru(std::string_view text) {
  return text.size() == 18 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace sinkron::connectors::ekinerja
