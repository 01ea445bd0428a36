// The shipped example config stays valid; a typo is reported with file:line.
#include <cstdlib>
#include <fstream>

#include <catch2/catch.hpp>

#include "sinkron/connectors/attendance/attendance_config.hpp"
#include "test_support.hpp"

using namespace sinkron::connectors::attendance;

TEST_CASE("deploy/attendance.example.yaml loads", "[config]") {
  ::setenv("SINKRON_FINGERSPOT_TOKEN", "example-token", 1);
  auto config = loadAttendanceConfig(std::filesystem::path(SINKRON_SOURCE_DIR) /
                                     "deploy/attendance.example.yaml");
  REQUIRE(config);
  CHECK(config->store == "/var/lib/sinkron/punches.db");
  REQUIRE(config->adms);
  CHECK(config->adms->port == 8081);
  CHECK(config->adms->defaultSwap == SwapMode::kAuto);
  REQUIRE(config->fingerspot);
  CHECK(config->fingerspot->windowDays == 2);
  CHECK(config->fingerspot->token.reveal() == "example-token");
}

TEST_CASE("An unknown key in a nested section names the file and line", "[config]") {
  attendance_test::TempDir dir;
  std::ofstream(dir / "a.yaml") << "store: p.db\nadms:\n  port: 1\n  bind_adress: 0.0.0.0\n";
  auto config = loadAttendanceConfig(dir / "a.yaml");
  REQUIRE_FALSE(config);
  CHECK(config.error().message.find((dir / "a.yaml").string() + ":4: unknown key 'bind_adress'") ==
        0);
  std::ofstream(dir / "b.yaml") << "store: p.db\n";
  auto minimal = loadAttendanceConfig(dir / "b.yaml");
  REQUIRE(minimal);
  CHECK(minimal->store == dir / "p.db");
  CHECK_FALSE(minimal->adms);
}
