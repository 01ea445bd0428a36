#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "sinkron/process/logging.hpp"
#include "test_support.hpp"

using namespace sinkron::process;
using namespace sinkron::process::testing;
using sinkron::ErrorCode;

namespace {

std::vector<std::string> linesOf(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

LogOptions fileOnly(const std::filesystem::path& file, LogOptions::Format format,
                    std::string level = "info") {
  LogOptions options;
  options.format = format;
  options.level = std::move(level);
  options.file = file;
  options.toStderr = false;
  return options;
}

// Forgets the test's loggers and puts a stderr-only default logger back, so later tests neither
// collide with a registered name nor write into a deleted temp dir.
struct RestoreLogging {
  ~RestoreLogging() {
    spdlog::drop_all();
    (void)setupLogging(LogOptions{});
  }
};

}  // namespace

TEST_CASE("log levels and formats are checked with a clear error", "[process][logging]") {
  using spdlog::level::level_enum;
  auto [name, level] = GENERATE(table<const char*, level_enum>({
      {"trace", level_enum::trace},
      {"debug", level_enum::debug},
      {"info", level_enum::info},
      {"warn", level_enum::warn},
      {"warning", level_enum::warn},
      {"error", level_enum::err},
      {"critical", level_enum::critical},
      {"off", level_enum::off},
  }));
  auto parsed = parseLogLevel(name);
  REQUIRE(parsed);
  CHECK(*parsed == level);

  for (const char* bad : {"verbose", "INFO", "", "err"}) {
    auto rejected = parseLogLevel(bad);
    REQUIRE_FALSE(rejected);
    CHECK(rejected.error().code == ErrorCode::kInvalidArgument);
    CHECK_THAT(rejected.error().message,
               Catch::Contains(std::string("\"") + bad + "\"") &&
                   Catch::Contains("trace, debug, info, warn, error, critical, off"));
  }
}

TEST_CASE("parseLogOptions accepts good settings and names the bad one", "[process][logging]") {
  auto options = parseLogOptions("json", "debug", std::filesystem::path("/var/log/sinkron/x.log"));
  REQUIRE(options);
  CHECK(options->format == LogOptions::Format::kJson);
  CHECK(options->level == "debug");
  CHECK(options->file == std::filesystem::path("/var/log/sinkron/x.log"));
  CHECK(parseLogOptions("text", "info")->format == LogOptions::Format::kText);

  auto badFormat = parseLogOptions("xml", "info");
  REQUIRE_FALSE(badFormat);
  CHECK_THAT(badFormat.error().message,
             Catch::Contains("\"xml\"") && Catch::Contains("text, json"));
  auto badLevel = parseLogOptions("text", "loud");
  REQUIRE_FALSE(badLevel);
  CHECK_THAT(badLevel.error().message, Catch::Contains("\"loud\""));
  CHECK_FALSE(parseLogOptions("text", "info", std::filesystem::path()));
}

TEST_CASE("setupLogging masks whatever callers log, however they log it", "[process][logging]") {
  RestoreLogging restore;
  TempDir dir;
  auto file = dir.path() / "sinkron.log";
  // A logger made before setup, as a connector might: it must not keep its unmasked sink.
  std::ostringstream earlyStream;
  auto early = std::make_shared<spdlog::logger>(
      "early", std::make_shared<spdlog::sinks::ostream_sink_mt>(earlyStream));
  spdlog::register_logger(early);

  auto format = GENERATE(LogOptions::Format::kText, LogOptions::Format::kJson);
  REQUIRE(setupLogging(fileOnly(file, format)));
  spdlog::info("pegawai {} pindah unit", "199001312015031002");
  spdlog::set_pattern("%v");  // would drop masking with a pattern-based sink
  spdlog::warn("nik 3404017101900001 tidak valid");
  componentLogger("siasn")->error("record 199001312015031002 rejected");
  early->info("early 3404017101900001");
  spdlog::debug("below the level 199001312015031002");

  std::string written = readFile(file);
  CHECK(written.find("199001312015031002") == std::string::npos);
  CHECK(written.find("3404017101900001") == std::string::npos);
  CHECK(earlyStream.str().empty());
  auto lines = linesOf(written);
  REQUIRE(lines.size() == 4);

  if (format == LogOptions::Format::kText) {
    const std::regex prefix(
        R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d [A-Z]+ \[.*\] .*$)");
    for (const auto& line : lines) CHECK(std::regex_match(line, prefix));
    CHECK_THAT(lines[0], Catch::EndsWith(" INFO [sinkron] pegawai 19900131******1002 pindah unit"));
    CHECK_THAT(lines[1], Catch::EndsWith(" WARN [sinkron] nik 340401******0001 tidak valid"));
    CHECK_THAT(lines[2], Catch::EndsWith(" ERROR [siasn] record 19900131******1002 rejected"));
    CHECK_THAT(lines[3], Catch::EndsWith(" INFO [early] early 340401******0001"));
  } else {
    CHECK_THAT(lines[0],
               Catch::StartsWith("{\"ts\":\"") &&
                   Catch::EndsWith("\",\"level\":\"info\",\"logger\":\"sinkron\","
                                   "\"msg\":\"pegawai 19900131******1002 pindah unit\"}"));
    CHECK_THAT(lines[2], Catch::Contains("\"level\":\"error\",\"logger\":\"siasn\""));
    CHECK_THAT(lines[3], Catch::Contains("\"logger\":\"early\""));
  }

  struct stat info {};
  REQUIRE(::stat(file.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
}

TEST_CASE("setupLogging applies the level and appends to an existing file", "[process][logging]") {
  RestoreLogging restore;
  TempDir dir;
  auto file = dir.path() / "sinkron.log";
  {
    std::ofstream existing(file);
    existing << "older line\n";
  }
  REQUIRE(setupLogging(fileOnly(file, LogOptions::Format::kText, "warn")));
  spdlog::info("not written");
  spdlog::warn("written");
  auto lines = linesOf(readFile(file));
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "older line");
  CHECK_THAT(lines[1], Catch::EndsWith("WARN [sinkron] written"));
}

TEST_CASE("setupLogging refuses a bad level or a file it cannot open", "[process][logging]") {
  RestoreLogging restore;
  TempDir dir;

  auto badLevel = setupLogging(fileOnly(dir.path() / "a.log", LogOptions::Format::kText, "chatty"));
  REQUIRE_FALSE(badLevel);
  CHECK(badLevel.error().code == ErrorCode::kInvalidArgument);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "a.log"));

  auto missingDir = dir.path() / "no-such-dir" / "sinkron.log";
  auto badFile = setupLogging(fileOnly(missingDir, LogOptions::Format::kJson));
  REQUIRE_FALSE(badFile);
  CHECK(badFile.error().code == ErrorCode::kIo);
  CHECK_THAT(badFile.error().message,
             Catch::Contains(missingDir.string()) && Catch::Contains("No such file"));
}

TEST_CASE("reopenLogFile continues in a fresh file after rotation", "[process][logging]") {
  RestoreLogging restore;
  TempDir dir;
  auto file = dir.path() / "sinkron.log";
  REQUIRE(setupLogging(fileOnly(file, LogOptions::Format::kText)));
  spdlog::info("before rotation");
  std::filesystem::rename(file, dir.path() / "sinkron.log.1");
  REQUIRE(reopenLogFile());
  spdlog::info("after rotation");

  auto rotated = linesOf(readFile(dir.path() / "sinkron.log.1"));
  auto fresh = linesOf(readFile(file));
  REQUIRE(rotated.size() == 1);
  REQUIRE(fresh.size() == 1);
  CHECK_THAT(rotated[0], Catch::EndsWith("before rotation"));
  CHECK_THAT(fresh[0], Catch::EndsWith("after rotation"));
}

TEST_CASE("componentLogger shares the default logger's sink and level", "[process][logging]") {
  RestoreLogging restore;
  TempDir dir;
  auto file = dir.path() / "sinkron.log";
  REQUIRE(setupLogging(fileOnly(file, LogOptions::Format::kText, "error")));
  auto scheduler = componentLogger("scheduler");
  CHECK(componentLogger("scheduler") == scheduler);
  CHECK(scheduler->level() == spdlog::level::err);
  scheduler->warn("filtered");
  scheduler->error("kept");
  auto lines = linesOf(readFile(file));
  REQUIRE(lines.size() == 1);
  CHECK_THAT(lines[0], Catch::EndsWith("ERROR [scheduler] kept"));
}
