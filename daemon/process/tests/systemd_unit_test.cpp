// The shipped unit, sysusers and tmpfiles files: the hardening the deployment relies on is present
// and the three files agree. (systemd_unit_verify, where systemd-analyze exists, checks syntax.)
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

using sinkron::process::testing::readFile;

namespace {

const std::filesystem::path kSystemdDir =
    std::filesystem::path(SINKRON_SOURCE_DIR) / "deploy/systemd";

// "Section.Key" -> every value given, in order (a key may repeat, e.g. SystemCallFilter=).
std::map<std::string, std::vector<std::string>> parseUnit(const std::string& text) {
  std::map<std::string, std::vector<std::string>> keys;
  std::istringstream in(text);
  std::string section;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line.front() == '[' && line.back() == ']') {
      section = line.substr(1, line.size() - 2);
      continue;
    }
    auto eq = line.find('=');
    REQUIRE(eq != std::string::npos);
    keys[section + "." + line.substr(0, eq)].push_back(line.substr(eq + 1));
  }
  return keys;
}

std::vector<std::string> linesWithout(const std::string& text, char comment) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != comment) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("sinkron.service runs the daemon as a notify service with a watchdog",
          "[process][systemd]") {
  auto unit = parseUnit(readFile(kSystemdDir / "sinkron.service"));
  auto [key, value] = GENERATE(table<const char*, const char*>({
      {"Service.Type", "notify"},
      {"Service.User", "sinkron"},
      {"Service.ExecStart", "/usr/local/bin/sinkron serve --config /etc/sinkron/sinkron.yaml"},
      {"Service.ExecReload", "/bin/kill -HUP $MAINPID"},
      {"Service.WatchdogSec", "30"},
      {"Service.Restart", "on-failure"},
      {"Service.TimeoutStopSec", "60"},
      {"Service.StateDirectory", "sinkron"},
      {"Service.LogsDirectory", "sinkron"},
      {"Service.ConfigurationDirectory", "sinkron"},
      {"Service.ReadWritePaths", "/var/lib/sinkron"},
      {"Service.UMask", "0077"},
  }));
  INFO(key);
  REQUIRE(unit.count(key) == 1);
  CHECK(unit[key] == std::vector<std::string>{value});
}

TEST_CASE("sinkron.service carries the hardening settings", "[process][systemd]") {
  auto unit = parseUnit(readFile(kSystemdDir / "sinkron.service"));
  auto [key, value] = GENERATE(table<const char*, const char*>({
      {"Service.NoNewPrivileges", "yes"},
      {"Service.ProtectSystem", "strict"},
      {"Service.ProtectHome", "yes"},
      {"Service.PrivateTmp", "yes"},
      {"Service.PrivateDevices", "yes"},
      {"Service.ProtectKernelTunables", "yes"},
      {"Service.ProtectKernelModules", "yes"},
      {"Service.ProtectKernelLogs", "yes"},
      {"Service.ProtectControlGroups", "yes"},
      {"Service.ProtectClock", "yes"},
      {"Service.ProtectHostname", "yes"},
      {"Service.RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX"},
      {"Service.RestrictNamespaces", "yes"},
      {"Service.RestrictRealtime", "yes"},
      {"Service.RestrictSUIDSGID", "yes"},
      {"Service.LockPersonality", "yes"},
      {"Service.MemoryDenyWriteExecute", "yes"},
      {"Service.SystemCallArchitectures", "native"},
      {"Service.CapabilityBoundingSet", ""},
  }));
  INFO(key);
  REQUIRE(unit.count(key) == 1);
  CHECK(unit[key] == std::vector<std::string>{value});

  auto filters = unit["Service.SystemCallFilter"];
  REQUIRE_FALSE(filters.empty());
  CHECK(filters.front() == "@system-service");  // the allow list first; later lines only deny
  for (std::size_t i = 1; i < filters.size(); ++i) CHECK(filters[i].rfind('~', 0) == 0);
  // Writable: the state dir only (plus LogsDirectory=, which systemd opens up itself).
  CHECK(unit["Service.ReadWritePaths"].size() == 1);
}

TEST_CASE("sysusers and tmpfiles agree with the unit", "[process][systemd]") {
  auto sysusers = linesWithout(readFile(kSystemdDir / "sinkron.sysusers.conf"), '#');
  REQUIRE(sysusers ==
          std::vector<std::string>{"u sinkron - \"sinkron sync daemon\" /var/lib/sinkron"});

  auto tmpfiles = linesWithout(readFile(kSystemdDir / "sinkron.tmpfiles.conf"), '#');
  auto unit = parseUnit(readFile(kSystemdDir / "sinkron.service"));
  auto hasLine = [&](const std::string& path, const std::string& mode, const std::string& owner,
                     const std::string& group) {
    for (const auto& line : tmpfiles) {
      std::istringstream fields(line);
      std::string type, p, m, u, g;
      fields >> type >> p >> m >> u >> g;
      if (type == "d" && p == path) return m == mode && u == owner && g == group;
    }
    return false;
  };
  CHECK(
      hasLine("/var/lib/sinkron", unit["Service.StateDirectoryMode"].at(0), "sinkron", "sinkron"));
  CHECK(hasLine("/var/log/sinkron", unit["Service.LogsDirectoryMode"].at(0), "sinkron", "sinkron"));
  CHECK(
      hasLine("/etc/sinkron", unit["Service.ConfigurationDirectoryMode"].at(0), "root", "sinkron"));
}
