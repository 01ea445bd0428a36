#pragma once
// A `sinkron serve` with an operator and a helpdesk token, for tests that drive the CLI against
// the admin API: a fresh folder, the closed-port config (every sync run ends partial), the
// daemon started on demand, and `cli(args)` running `sinkron <args> --url URL` with a token.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "admin_test_support.hpp"
#include "daemon_test_support.hpp"
#include "sinkron/store/state_store.hpp"

namespace sinkron::test {

class CliSite {
 public:
  // `prefix` and `name` make the folder's name unique per test file and case.
  CliSite(const std::string& prefix, const std::string& name) {
    dir = std::filesystem::temp_directory_path() /
          (prefix + "-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    cfg = dir / "sinkron.yaml";
    log = dir / "log.txt";
    writeClosedPortConfig(cfg);
    operatorToken = token("ops", "operator");
    helpdeskToken = token("hd", "helpdesk");
  }
  ~CliSite() {
    served.reset();
    std::filesystem::remove_all(dir);
  }
  CliSite(const CliSite&) = delete;
  CliSite& operator=(const CliSite&) = delete;

  // A token file (0600) for a new token of `role`.
  std::filesystem::path token(const std::string& name, const std::string& role) {
    auto r = runCommand(std::string(SINKRON_BINARY) + " token create --config " + cfg.string() +
                        " --name " + name + " --role " + role + " 2>/dev/null");
    REQUIRE(r.exit == 0);
    std::filesystem::path file = dir / (name + ".token");
    std::ofstream(file) << r.out;
    std::filesystem::permissions(
        file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    return file;
  }

  // The daemon's state store, opened beside it (SQLite).
  std::unique_ptr<store::StateStore> store() {
    store::StoreOptions o;
    o.connect = (dir / "state.db").string();
    auto st = store::StateStore::open(o);
    REQUIRE(st);
    return std::move(*st);
  }

  void start() {
    served = std::make_unique<ServedDaemon>(SINKRON_BINARY, cfg, log);
    port = served->waitForAdminPort();
    REQUIRE(port > 0);
    url = "http://127.0.0.1:" + std::to_string(port);
  }

  // `sinkron <args> --url URL` with a token file (the operator's by default), in English and
  // without the machine's admin variables; stderr joins stdout.
  CommandRun cli(const std::string& args, const std::filesystem::path& tokenFile = {}) {
    const std::filesystem::path t = tokenFile.empty() ? operatorToken : tokenFile;
    return runCommand(kCliEnv + "SINKRON_TOKEN_FILE=" + t.string() + " " + SINKRON_BINARY + " " +
                      args + " --url " + url + " 2>&1");
  }

  std::filesystem::path dir, cfg, log;
  std::unique_ptr<ServedDaemon> served;
  int port = 0;
  std::string url;
  std::filesystem::path operatorToken, helpdeskToken;
};

}  // namespace sinkron::test
