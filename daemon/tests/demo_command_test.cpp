// `sinkron demo` end to end with a small population: the simulators start, one sync cycle runs
// against them, the summary names the config, the state DB and the agency report, and both are
// on disk; the simulators are gone afterwards. A missing simulator binary fails cleanly.
#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <string>

#include "daemon_test_support.hpp"

namespace fs = std::filesystem;
using sinkron::test::runCommand;
using sinkron::test::slurp;

namespace {

const std::string kBin = SINKRON_BINARY;
const std::string kEnv = "env -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 ";

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("demo: simulators, one sync cycle and the agency report", "[cli][e2e][demo]") {
  const fs::path dir = fs::temp_directory_path() / ("sinkron-demo-" + std::to_string(::getpid()));
  fs::remove_all(dir);

  auto demo =
      runCommand(kEnv + kBin + " demo --dir " + dir.string() + " --people 200 --seed 7 2>&1");
  INFO(demo.out);
  CHECK((demo.exit == 0 || demo.exit == 2));  // 2: a step partial, the rest ran
  CHECK(has(demo.out, "demo: 200 people; simulators at http://127.0.0.1:"));
  CHECK(has(demo.out, "sync cycle: run 1 "));
  CHECK(has(demo.out, "demo: state         " + (dir / "state" / "sinkron.db").string()));
  std::smatch report;
  REQUIRE(std::regex_search(demo.out, report, std::regex("demo: agency report (\\S+\\.html)")));
  CHECK(fs::is_regular_file(report[1].str()));
  CHECK(has(slurp(report[1].str()), "<svg"));
  CHECK(fs::file_size(dir / "state" / "sinkron.db") > 0);
  CHECK(fs::is_regular_file(dir / "sinkron.yaml"));
  CHECK(fs::file_size(dir / "pins.csv") > 0);
  CHECK(has(slurp(dir / "daemon.log"), "sync"));
  // The secrets reached the config through the environment, never written in it.
  CHECK_FALSE(has(slurp(dir / "sinkron.yaml"), "demo-secret"));
  // The simulators stopped: their ports file is removed on exit.
  CHECK(sinkron::test::eventually([&] { return !fs::exists(dir / "ports.json"); }));

  // A second run in the same folder starts afresh (run 1 again, not run 2).
  auto again =
      runCommand(kEnv + kBin + " demo --dir " + dir.string() + " --people 50 --seed 3 2>&1");
  INFO(again.out);
  CHECK((again.exit == 0 || again.exit == 2));
  CHECK(has(again.out, "sync cycle: run 1 "));
  fs::remove_all(dir);
}

TEST_CASE("demo: a missing simulator or template folder is a usage error", "[cli][demo]") {
  const fs::path dir =
      fs::temp_directory_path() / ("sinkron-demo-bad-" + std::to_string(::getpid()));
  auto noSim = runCommand(kEnv + kBin + " demo --dir " + dir.string() +
                          " --sim /nonexistent/sinkron-sim 2>&1");
  CHECK(noSim.exit == 1);
  CHECK(has(noSim.out, "/nonexistent/sinkron-sim"));
  auto noTemplates = runCommand(kEnv + kBin + " demo --dir " + dir.string() + " --templates " +
                                dir.string() + "/none 2>&1");
  CHECK(noTemplates.exit == 1);
  CHECK(has(noTemplates.out, "--templates"));
  fs::remove_all(dir);
}
