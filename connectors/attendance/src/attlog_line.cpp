#include "sinkron/connectors/attendance/attlog_line.hpp"

#include <charconv>
#include <vector>

#include "sinkron/connectors/attendance/punch.hpp"

namespace sinkron::connectors::attendance {
namespace {

std::string_view trimBlanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> splitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    std::size_t end = line.find('\t', start);
    out.push_back(line.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

std::optional<int> smallInt(std::string_view text) {
  text = trimBlanks(text);
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0 || value > 255)
    return std::nullopt;
  return value;
}

bool validPin(std::string_view pin) {
  if (pin.empty() || pin.size() > 24) return false;
  for (char c : pin)
    if (!(c >= '0' && c <= '9') && !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z')) return false;
  return true;
}

bool inStatusRange(int value) {
  return value >= 0 && value <= kMaxStatus;
}

}  // namespace

Result<AttlogLine> parseAttlogLine(std::string_view line) {
  std::vector<std::string_view> columns = splitTabs(trimBlanks(line));
  if (columns.size() < 2)
    return Error::parse("expected PIN<TAB>YYYY-MM-DD HH:MM:SS<TAB>status<TAB>verify, found " +
                        std::to_string(columns.size()) + " column(s)");
  AttlogLine out;
  std::string_view pin = trimBlanks(columns[0]);
  if (!validPin(pin)) return Error::parse("PIN: not 1-24 letters or digits");
  out.pin = std::string(pin);
  std::string_view time = trimBlanks(columns[1]);
  if (!isPunchTime(time))
    return Error::parse("time: \"" + std::string(time.substr(0, 32)) +
                        "\" is not a valid YYYY-MM-DD HH:MM:SS");
  out.time = std::string(time);
  out.first = 0;
  out.second = 1;
  if (columns.size() > 2 && !trimBlanks(columns[2]).empty()) {
    auto value = smallInt(columns[2]);
    if (!value) return Error::parse("status: not a number 0..255");
    out.first = *value;
  }
  if (columns.size() > 3 && !trimBlanks(columns[3]).empty()) {
    auto value = smallInt(columns[3]);
    if (!value) return Error::parse("verify: not a number 0..255");
    out.second = *value;
  }
  if (columns.size() > 4 && !trimBlanks(columns[4]).empty())
    out.workcode = std::string(trimBlanks(columns[4]).substr(0, 32));
  return out;
}

std::string_view swapModeName(SwapMode mode) {
  switch (mode) {
    case SwapMode::kNo:
      return "false";
    case SwapMode::kYes:
      return "true";
    case SwapMode::kAuto:
      return "auto";
  }
  return "auto";
}

std::optional<SwapMode> swapModeFromName(std::string_view name) {
  if (name == "false" || name == "no") return SwapMode::kNo;
  if (name == "true" || name == "yes") return SwapMode::kYes;
  if (name == "auto") return SwapMode::kAuto;
  return std::nullopt;
}

std::optional<bool> detectSwapped(std::span<const AttlogLine> lines) {
  bool statusOutOfRange = false, verifyOutOfRange = false;
  bool zeroInStatus = false, zeroInVerify = false;
  for (const AttlogLine& line : lines) {
    if (!inStatusRange(line.first)) statusOutOfRange = true;
    if (!inStatusRange(line.second)) verifyOutOfRange = true;
    if (line.first == 0) zeroInStatus = true;
    if (line.second == 0) zeroInVerify = true;
  }
  if (statusOutOfRange) return true;
  if (verifyOutOfRange) return false;
  if (zeroInVerify && !zeroInStatus) return true;
  if (zeroInStatus && !zeroInVerify) return false;
  return std::nullopt;
}

}  // namespace sinkron::connectors::attendance
