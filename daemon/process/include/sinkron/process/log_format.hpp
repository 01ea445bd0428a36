#pragma once
// One log record -> one line of text or one JSON object (pure functions; the sink writes them).
// Both mask every NIP/NIK in the message and the logger name: no formatting path skips it.
#include <chrono>
#include <string>
#include <string_view>

#include <spdlog/common.h>

namespace sinkron::process {

struct LogLine {
  std::chrono::system_clock::time_point time;
  spdlog::level::level_enum level = spdlog::level::info;
  std::string_view logger;  // the component, e.g. "siasn" or "scheduler"
  std::string_view message;
};

// Local time with milliseconds and UTC offset: "2026-11-23T10:00:00.123+07:00".
std::string formatTimestamp(std::chrono::system_clock::time_point time);

// "2026-11-23T10:00:00.123+07:00 INFO [siasn] message\n". Control characters in the message are
// escaped (\n, \r, \xNN) so a record is always exactly one line.
std::string formatTextLine(const LogLine& line);

// {"ts":"...","level":"info","logger":"siasn","msg":"..."}\n
std::string formatJsonLine(const LogLine& line);

// The inside of a JSON string: quotes, backslashes and control characters escaped, invalid UTF-8
// replaced by U+FFFD.
std::string jsonEscape(std::string_view text);

}  // namespace sinkron::process
