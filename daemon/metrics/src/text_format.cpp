#include "sinkron/metrics/text_format.hpp"

#include <charconv>
#include <cmath>

namespace sinkron::metrics {
namespace {

// Below this every integral double is exact and prints shorter than its exponent form.
constexpr double kPlainIntegerLimit = 1e15;

bool isNameStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::string formatValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buffer[32];
  std::to_chars_result written;
  if (value == std::trunc(value) && std::fabs(value) < kPlainIntegerLimit) {
    written = std::to_chars(buffer, buffer + sizeof buffer, static_cast<long long>(value));
  } else {
    written = std::to_chars(buffer, buffer + sizeof buffer, value);  // shortest round-trip
  }
  return std::string(buffer, written.ptr);
}

std::string formatValue(std::uint64_t value) {
  char buffer[24];
  auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, written.ptr);
}

std::string escapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string escapeHelp(std::string_view help) {
  std::string out;
  out.reserve(help.size());
  for (char c : help) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

bool isValidMetricName(std::string_view name) {
  if (name.empty() || !(isNameStart(name[0]) || name[0] == ':')) return false;
  for (char c : name) {
    if (!(isNameStart(c) || isDigit(c) || c == ':')) return false;
  }
  return true;
}

bool isValidLabelName(std::string_view name) {
  if (name.empty() || !isNameStart(name[0]) || name.starts_with("__")) return false;
  for (char c : name) {
    if (!(isNameStart(c) || isDigit(c))) return false;
  }
  return true;
}

}  // namespace sinkron::metrics
