// The daemon's config file: the shipped examples load, secrets come from ${env:}/${file:}, and
// every mistake is refused with file:line.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "sinkron/daemon/sync/daemon_config.hpp"

using namespace sinkron;
using namespace sinkron::daemon::sync;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("sinkron-config-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return path / name;
  }
};

const std::string kMappings = std::string(SINKRON_SOURCE_DIR) + "/deploy/mappings";

std::string minimal(const std::string& extra = "", const std::string& syncExtra = "") {
  return "site: {name: Test, time_zone: Asia/Makassar}\n"
         "store: {backend: sqlite, path: state.db}\n"
         "connectors:\n"
         "  simpeg: {type: simpeg-rest, base_url: 'http://127.0.0.1:9', api_key: k, mapping: " +
         kMappings +
         "/simpeg-rest.yaml}\n"
         "  siasn:\n"
         "    type: siasn\n"
         "    gateway_url: 'http://127.0.0.1:9'\n"
         "    sso_url: 'http://127.0.0.1:9'\n"
         "    consumer_key: c\n"
         "    consumer_secret: ${env:SINKRON_TEST_SECRET}\n"
         "    sso_client_id: s\n"
         "    sso_username: u\n"
         "    sso_password: ${file:pw.txt}\n"
         "    mapping: " +
         kMappings + "/siasn-data-utama.yaml\n" + extra + "sync:\n  schedule: '30 1 * * *'\n" +
         syncExtra;
}

}  // namespace

TEST_CASE("daemon config: a minimal site loads with secrets from env and file", "[config]") {
  TempDir dir;
  ::setenv("SINKRON_TEST_SECRET", "from-env", 1);
  dir.write("pw.txt", "from-file\n");
  auto cfg = loadDaemonConfig(dir.write("sinkron.yaml", minimal()));
  INFO((cfg ? "" : cfg.error().message));
  REQUIRE(cfg);
  CHECK(cfg->timeZone == "Asia/Makassar");
  CHECK(cfg->store.connect == (dir.path / "state.db").lexically_normal().string());
  CHECK(cfg->siasn.at("siasn").consumerSecret.reveal() == "from-env");
  CHECK(cfg->siasn.at("siasn").ssoPassword.reveal() == "from-file");
  CHECK(cfg->sync.schedule == "30 1 * * *");
  CHECK(cfg->sync.misfireRunOnce);
  CHECK(cfg->sync.push.modeOf("siasn") == PushMode::kLive);
  CHECK_FALSE(cfg->attendance.enabled());
}

TEST_CASE("daemon config: mistakes name the file and line", "[config]") {
  TempDir dir;
  ::setenv("SINKRON_TEST_SECRET", "x", 1);
  dir.write("pw.txt", "y");
  auto fails = [&](const std::string& text, const std::string& expected) {
    auto cfg = loadDaemonConfig(dir.write("bad.yaml", text));
    REQUIRE_FALSE(cfg);
    INFO(cfg.error().message);
    CHECK(cfg.error().message.find(expected) != std::string::npos);
    CHECK(cfg.error().message.find("bad.yaml") != std::string::npos);
  };
  fails(minimal("", "  colour: blue\n"), "colour");
  fails(minimal("", "  schedule2: x\n"), "unknown key");
  fails(minimal("", "  misfire: sometimes\n"), "misfire");
  fails(minimal("", "  owners: {nama: bkn}\n"), "simpeg or siasn");
  fails(minimal("", "  owners: {shoe_size: simpeg}\n"), "shoe_size");
  fails(minimal("", "  push: {mode: maybe}\n"), "live or preview");
  fails(minimal("  x: {type: fax}\n"), "unknown type 'fax'");
  fails(minimal("", "  jobs: {reconcile: '* * * * *'}\n"), "unknown job 'reconcile'");
  fails(minimal("", "  jobs: {push: '61 * * * *'}\n"), "sync.jobs.push");
  std::string badCron = minimal();
  badCron.replace(badCron.find("30 1 * * *"), 10, "30 25 * * *");
  fails(badCron, "hour");
  std::string badZone = minimal();
  badZone.replace(badZone.find("Asia/Makassar"), 13, "Europe/Paris");
  fails(badZone, "time_zone");
  ::unsetenv("SINKRON_TEST_SECRET");
  fails(minimal(), "SINKRON_TEST_SECRET");
  CHECK_FALSE(loadDaemonConfig(dir.path / "missing.yaml"));
}

TEST_CASE("daemon config: preview mode per connector and attendance rules", "[config]") {
  TempDir dir;
  ::setenv("SINKRON_TEST_SECRET", "x", 1);
  ::setenv("SINKRON_TEST_FS_TOKEN", "t", 1);
  dir.write("pw.txt", "y");
  auto cfg = loadDaemonConfig(dir.write(
      "sinkron.yaml",
      minimal("",
              "  push: {mode: live, modes: {siasn: preview}, max_attempts: 3}\n"
              "  jobs: {push: '*/15 * * * *', attendance: '5 * * * *'}\n") +
          "attendance:\n  days_back: 3\n  grace_minutes: 10\n  holidays: ['2026-12-25']\n"
          "  fingerspot: {base_url: 'http://127.0.0.1:9', token_env: SINKRON_TEST_FS_TOKEN, "
          "cloud_ids: [C1]}\n"));
  INFO((cfg ? "" : cfg.error().message));
  REQUIRE(cfg);
  CHECK(cfg->sync.push.modeOf("siasn") == PushMode::kPreview);
  CHECK(cfg->sync.push.modeOf("simpeg") == PushMode::kLive);
  CHECK(cfg->sync.push.maxAttempts == 3);
  CHECK(cfg->sync.jobSchedules.at("push") == "*/15 * * * *");
  CHECK(cfg->sync.jobSchedules.at("attendance") == "5 * * * *");
  CHECK(cfg->attendance.enabled());
  CHECK(cfg->attendance.daysBack == 3);
  CHECK(cfg->attendance.rules.graceMinutes == 10);
  CHECK(cfg->attendance.rules.timeZone == "Asia/Makassar");
  CHECK(cfg->attendance.rules.holidays.count("2026-12-25") == 1);
}

TEST_CASE("daemon config: the shipped example configs load", "[config]") {
  for (const char* name : {"sinkron.example.yaml", "sinkron.postgresql.example.yaml"}) {
    ::setenv("SINKRON_SIMPEG_API_KEY", "k", 1);
    ::setenv("SINKRON_SIASN_CONSUMER_SECRET", "s", 1);
    ::setenv("SINKRON_SIASN_SSO_PASSWORD", "p", 1);
    ::setenv("SINKRON_TRAINING_API_KEY", "t", 1);
    ::setenv("SINKRON_EKINERJA_CLIENT_SECRET", "e", 1);
    ::setenv("SINKRON_FINGERSPOT_TOKEN", "f", 1);
    ::setenv("SINKRON_STORE_DSN", "host=127.0.0.1 dbname=sinkron user=sinkron", 1);
    auto cfg = loadDaemonConfig(fs::path(SINKRON_SOURCE_DIR) / "deploy" / name);
    INFO(name << ": " << (cfg ? "" : cfg.error().message));
    CHECK(cfg);
  }
}
