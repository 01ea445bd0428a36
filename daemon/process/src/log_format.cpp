#include "sinkron/process/log_format.hpp"

#include <fmt/format.h>

#include <ctime>

#include "sinkron/security/masking.hpp"

namespace sinkron::process {
namespace {

std::string_view upperLevel(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
      return "TRACE";
    case spdlog::level::debug:
      return "DEBUG";
    case spdlog::level::info:
      return "INFO";
    case spdlog::level::warn:
      return "WARN";
    case spdlog::level::err:
      return "ERROR";
    case spdlog::level::critical:
      return "CRITICAL";
    default:
      return "OFF";
  }
}

std::string_view lowerLevel(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
      return "trace";
    case spdlog::level::debug:
      return "debug";
    case spdlog::level::info:
      return "info";
    case spdlog::level::warn:
      return "warn";
    case spdlog::level::err:
      return "error";
    case spdlog::level::critical:
      return "critical";
    default:
      return "off";
  }
}

// Length of the valid UTF-8 sequence starting at text[i], or 0 when it is not valid.
std::size_t utf8SequenceLength(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned char minSecond = 0x80, maxSecond = 0xBF;  // rejects overlongs and surrogates
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) minSecond = 0xA0;
    if (lead == 0xED) maxSecond = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) minSecond = 0x90;
    if (lead == 0xF4) maxSecond = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < minSecond || byte(i + 1) > maxSecond) return 0;
  for (std::size_t k = 2; k < length; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  return length;
}

std::string escapeControls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if ((u < 0x20 && c != '\t') || u == 0x7F) {
      out += fmt::format("\\x{:02x}", u);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::string formatTimestamp(std::chrono::system_clock::time_point time) {
  using namespace std::chrono;
  auto since = time.time_since_epoch();
  auto secs = floor<seconds>(since);
  auto millis = duration_cast<milliseconds>(since - secs).count();
  std::time_t t = static_cast<std::time_t>(secs.count());
  std::tm local{};
  ::localtime_r(&t, &local);
  long offset = local.tm_gmtoff;
  char sign = offset < 0 ? '-' : '+';
  if (offset < 0) offset = -offset;
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}{}{:02}:{:02}", local.tm_year + 1900,
                     local.tm_mon + 1, local.tm_mday, local.tm_hour, local.tm_min, local.tm_sec,
                     millis, sign, offset / 3600, (offset % 3600) / 60);
}

std::string formatTextLine(const LogLine& line) {
  std::string out = formatTimestamp(line.time);
  out += ' ';
  out += upperLevel(line.level);
  out += " [";
  out += escapeControls(security::maskIdsInText(line.logger));
  out += "] ";
  out += escapeControls(security::maskIdsInText(line.message));
  out += '\n';
  return out;
}

std::string formatJsonLine(const LogLine& line) {
  std::string out = "{\"ts\":\"";
  out += formatTimestamp(line.time);
  out += "\",\"level\":\"";
  out += lowerLevel(line.level);
  out += "\",\"logger\":\"";
  out += jsonEscape(security::maskIdsInText(line.logger));
  out += "\",\"msg\":\"";
  out += jsonEscape(security::maskIdsInText(line.message));
  out += "\"}\n";
  return out;
}

std::string jsonEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      std::size_t length = utf8SequenceLength(text, i);
      if (length == 0) {
        out += "\\ufffd";
        ++i;
      } else {
        out.append(text.substr(i, length));
        i += length;
      }
      continue;
    }
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
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (u < 0x20 || u == 0x7F)
          out += fmt::format("\\u{:04x}", u);
        else
          out.push_back(c);
    }
    ++i;
  }
  return out;
}

}  // namespace sinkron::process
