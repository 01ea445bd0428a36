#pragma once
// The daemon's logging: spdlog's default logger writes text or JSON lines to stderr (journald
// captures it) and optionally to a file. Every line passes through NIP/NIK masking inside the sink
// itself, so neither spdlog::info(...) nor set_pattern() can bypass it.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <spdlog/common.h>
#include <spdlog/logger.h>

#include "sinkron/result.hpp"

namespace sinkron::process {

struct LogOptions {
  enum class Format { kText, kJson };
  Format format = Format::kText;
  std::string level = "info";                 // trace, debug, info, warn, error, critical, off
  std::optional<std::filesystem::path> file;  // appended to, created 0600
  bool toStderr = true;                       // off only where the file alone is wanted (tests)
};

// "text" or "json".
Result<LogOptions::Format> parseLogFormat(std::string_view name);
// trace, debug, info, warn (or warning), error, critical, off; anything else is an error.
Result<spdlog::level::level_enum> parseLogLevel(std::string_view name);
// Checks the three settings as given on the command line or in the config file.
Result<LogOptions> parseLogOptions(std::string_view format, std::string_view level,
                                   std::optional<std::filesystem::path> file = std::nullopt);

// Installs the default logger "sinkron" and moves every already registered logger onto the same
// masking sink. Fails on a bad level or a log file that cannot be opened. Call it at startup,
// before other threads log (it swaps the sinks of existing loggers).
Status setupLogging(const LogOptions& options);

// Reopens the log file after rotation (call on SIGHUP); ok when there is no log file.
Status reopenLogFile();

// The logger of one component ("siasn", "scheduler", ...): shares the default logger's sinks and
// level; created once, then looked up.
std::shared_ptr<spdlog::logger> componentLogger(const std::string& component);

}  // namespace sinkron::process
