// Runs Prometheus' own checker over a rendered registry. promtool comes with the Debian package
// `prometheus`; without it this test fails on purpose, so a missing checker is never mistaken for
// a pass.
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <string>

#include "sinkron/metrics/buckets.hpp"
#include "sinkron/metrics/registry.hpp"

using namespace sinkron::metrics;
namespace fs = std::filesystem;

namespace {

constexpr const char* kPromtool = "/usr/bin/promtool";

struct TempDir {
  fs::path path;
  TempDir() {
    std::random_device seed;
    path = fs::temp_directory_path() / ("sinkron-metrics-" + std::to_string(seed()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

struct CheckOutcome {
  int exitCode = -1;
  std::string output;
};

// Feeds `text` to `promtool check metrics` on stdin; its stdout and stderr go to a file.
CheckOutcome promtoolCheck(const std::string& text, const fs::path& dir) {
  fs::path outputFile = dir / "promtool.out";
  std::string command =
      std::string(kPromtool) + " check metrics > '" + outputFile.string() + "' 2>&1";
  CheckOutcome outcome;
  FILE* pipe = ::popen(command.c_str(), "w");
  if (pipe == nullptr) return outcome;
  std::fwrite(text.data(), 1, text.size(), pipe);
  int status = ::pclose(pipe);
  if (WIFEXITED(status)) outcome.exitCode = WEXITSTATUS(status);
  std::ifstream in(outputFile);
  std::ostringstream output;
  output << in.rdbuf();
  outcome.output = output.str();
  return outcome;
}

std::string everyKind() {
  MetricsRegistry registry;
  auto pulled = registry.addCounter("sinkron_records_pulled_total", "Records pulled per connector.",
                                    {"connector", "endpoint"});
  auto retries = registry.addCounter("sinkron_http_retries_total", "HTTP retries.");
  auto inflight = registry.addGauge("sinkron_push_in_flight", "Pushes in flight.", {"connector"});
  auto latency = registry.addHistogram("sinkron_http_request_duration_seconds",
                                       "HTTP request latency.", {"connector"}, latencyBuckets());
  auto runs = registry.addHistogram("sinkron_run_duration_seconds", "Sync run durations.", {},
                                    durationBuckets());
  REQUIRE(pulled);
  REQUIRE(retries);
  REQUIRE(inflight);
  REQUIRE(latency);
  REQUIRE(runs);
  REQUIRE(registry.registerCallbackGauge(
      "sinkron_outbox_depth", "Outbox entries waiting.", {"connector"}, [] {
        return std::vector<std::pair<LabelValues, double>>{{{"siasn"}, 12}, {{"simpeg"}, 0}};
      }));
  REQUIRE(registry.registerCallbackGauge("sinkron_last_success_timestamp_seconds",
                                         "Last successful run per job.", {"job"}, [] {
                                           return std::vector<std::pair<LabelValues, double>>{
                                               {{"sync"}, 1795430400.5}, {{"attendance"}, 0}};
                                         }));

  (*pulled)->labels({"siasn", "data-utama"}).inc(3000);
  (*pulled)->labels({"simpeg", "pegawai \"aktif\"\\\nbaru"}).inc(2);
  (*retries)->labels({}).add(1.5);
  (*inflight)->labels({"siasn"}).set(std::numeric_limits<double>::quiet_NaN());
  (*inflight)->labels({"simpeg"}).set(std::numeric_limits<double>::infinity());
  (*latency)->labels({"siasn"}).observe(0.042);
  (*latency)->labels({"siasn"}).observe(75.0);
  (*runs)->labels({}).observe(1234.5);
  return registry.render();
}

}  // namespace

TEST_CASE("metrics: promtool accepts a registry with every kind of metric", "[metrics][promtool]") {
  if (::access(kPromtool, X_OK) != 0) {
    FAIL("promtool not found at " << kPromtool
                                  << ": install the Debian package `prometheus` "
                                     "(apt-get install -y --no-install-recommends prometheus)");
  }
  TempDir dir;
  std::string text = everyKind();
  INFO(text);
  CheckOutcome outcome = promtoolCheck(text, dir.path);
  INFO("promtool said: " << outcome.output);
  CHECK(outcome.exitCode == 0);
  CHECK(outcome.output.empty());  // any line is a lint complaint
}

TEST_CASE("metrics: the promtool check itself catches a bad exposition", "[metrics][promtool]") {
  if (::access(kPromtool, X_OK) != 0) {
    FAIL("promtool not found at " << kPromtool << ": install the Debian package `prometheus`");
  }
  TempDir dir;
  // A counter without the _total suffix: promtool lints it, so the check above is not vacuous.
  CheckOutcome outcome =
      promtoolCheck("# HELP pulled Pulled.\n# TYPE pulled counter\npulled 1\n", dir.path);
  CHECK_FALSE(outcome.output.empty());
}
