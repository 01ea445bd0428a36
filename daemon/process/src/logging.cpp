#include "sinkron/process/logging.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <utility>

#include "masking_line_sink.hpp"

namespace sinkron::process {
namespace {

constexpr std::string_view kDefaultLoggerName = "sinkron";

std::mutex installedMutex;
std::shared_ptr<MaskingLineSink> installedSink;  // for reopenLogFile()

}  // namespace

Result<LogOptions::Format> parseLogFormat(std::string_view name) {
  if (name == "text") return LogOptions::Format::kText;
  if (name == "json") return LogOptions::Format::kJson;
  return Error::invalid("log format \"" + std::string(name) + "\" is not one of text, json");
}

Result<spdlog::level::level_enum> parseLogLevel(std::string_view name) {
  using spdlog::level::level_enum;
  static constexpr std::array<std::pair<std::string_view, level_enum>, 8> kLevels{{
      {"trace", level_enum::trace},
      {"debug", level_enum::debug},
      {"info", level_enum::info},
      {"warn", level_enum::warn},
      {"warning", level_enum::warn},
      {"error", level_enum::err},
      {"critical", level_enum::critical},
      {"off", level_enum::off},
  }};
  for (const auto& [levelName, level] : kLevels)
    if (levelName == name) return level;
  return Error::invalid("log level \"" + std::string(name) +
                        "\" is not one of trace, debug, info, warn, error, critical, off");
}

Result<LogOptions> parseLogOptions(std::string_view format, std::string_view level,
                                   std::optional<std::filesystem::path> file) {
  auto parsedFormat = parseLogFormat(format);
  if (!parsedFormat) return parsedFormat.error();
  auto parsedLevel = parseLogLevel(level);
  if (!parsedLevel) return parsedLevel.error();
  if (file && file->empty()) return Error::invalid("log file: empty path");
  LogOptions options;
  options.format = *parsedFormat;
  options.level = std::string(level);
  options.file = std::move(file);
  return options;
}

Status setupLogging(const LogOptions& options) {
  auto level = parseLogLevel(options.level);
  if (!level) return level.error();
  auto sink = MaskingLineSink::open(options);
  if (!sink) return sink.error();

  auto logger = std::make_shared<spdlog::logger>(std::string(kDefaultLoggerName), *sink);
  logger->set_level(*level);
  // Loggers made before this point (connectors, tests) must not keep an unmasked sink.
  spdlog::apply_all([&](const std::shared_ptr<spdlog::logger>& existing) {
    existing->sinks().assign(1, *sink);
    existing->set_level(*level);
  });
  spdlog::drop(std::string(kDefaultLoggerName));
  spdlog::set_default_logger(logger);

  std::lock_guard<std::mutex> lock(installedMutex);
  installedSink = *sink;
  return {};
}

Status reopenLogFile() {
  std::shared_ptr<MaskingLineSink> sink;
  {
    std::lock_guard<std::mutex> lock(installedMutex);
    sink = installedSink;
  }
  return sink ? sink->reopen() : Status{};
}

std::shared_ptr<spdlog::logger> componentLogger(const std::string& component) {
  if (auto existing = spdlog::get(component)) return existing;
  if (!spdlog::default_logger()) (void)setupLogging(LogOptions{});  // stderr only: cannot fail
  auto fallback = spdlog::default_logger();
  auto logger = std::make_shared<spdlog::logger>(component, fallback->sinks().begin(),
                                                 fallback->sinks().end());
  logger->set_level(fallback->level());
  try {
    spdlog::register_logger(logger);
  } catch (const spdlog::spdlog_ex&) {
    // Another thread registered it first: use that one.
    if (auto existing = spdlog::get(component)) return existing;
  }
  return logger;
}

}  // namespace sinkron::process
