// The operations view of the admin API inside `sinkron serve`: GET /api/v1/runs/{id} (shape,
// steps, 404), the live progress of a running run, and the connectors in /api/v1/status.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "admin_test_support.hpp"
#include "daemon_test_support.hpp"
#include "scripted_server.hpp"

namespace fs = std::filesystem;
using sinkron::test::eventually;
using sinkron::test::Reply;
using sinkron::test::request;
using sinkron::test::slurp;
using sinkron::test::trimmed;

namespace {

const std::string kMappings = std::string(SINKRON_SOURCE_DIR) + "/deploy/mappings";

}  // namespace

TEST_CASE("serve: runs/{id} shows steps and live progress, status lists the connectors",
          "[serve][admin][ops]") {
  const fs::path dir = fs::temp_directory_path() / ("sinkron-ops-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  // Every connection is held, never answered, until release(): the pull step keeps running.
  sinkron::test::ScriptedServer simpeg(
      SIZE_MAX, [](const std::string&) { return sinkron::test::ScriptedAnswer{}; });
  const std::string simpegUrl = "http://127.0.0.1:" + std::to_string(simpeg.port());
  const fs::path cfg = dir / "sinkron.yaml";
  std::ofstream(cfg) << "store: {path: state.db}\n"
                        "admin: {port: 0}\n"
                        "connectors:\n"
                        "  simpeg: {type: simpeg-rest, base_url: '"
                     << simpegUrl << "', api_key: k, max_attempts: 1, mapping: " << kMappings
                     << "/simpeg-rest.yaml}\n"
                        "  siasn: {type: siasn, gateway_url: 'http://127.0.0.1:9', sso_url: "
                        "'http://127.0.0.1:9', consumer_key: c, consumer_secret: s, "
                        "sso_client_id: i, sso_username: u, sso_password: p, max_attempts: 1, "
                        "mapping: "
                     << kMappings << "/siasn-data-utama.yaml}\n";
  const std::string bin = SINKRON_BINARY;
  auto made = sinkron::test::runCommand(bin + " token create --config " + cfg.string() +
                                        " --name aud --role auditor 2>/dev/null");
  const std::string auditor = trimmed(made.out);
  made = sinkron::test::runCommand(bin + " token create --config " + cfg.string() +
                                   " --name ops --role operator 2>/dev/null");
  const std::string operatorToken = trimmed(made.out);
  REQUIRE(auditor.size() > 20);
  REQUIRE(operatorToken.size() > 20);

  const fs::path log = dir / "log.txt";
  sinkron::test::ServedDaemon daemon(bin, cfg, log, [&] { simpeg.release(); });
  const int port = daemon.waitForAdminPort();
  REQUIRE(port > 0);

  SECTION("unknown runs are 404, with the error shape") {
    Reply none = request(port, "GET", "/api/v1/runs/1", auditor);
    CHECK(none.status == 404);
    CHECK(none.body.find("\"code\":\"not_found\"") != std::string::npos);
    CHECK(request(port, "GET", "/api/v1/runs/abc", auditor).status == 404);
    CHECK(request(port, "GET", "/api/v1/runs/-3", auditor).status == 404);
    CHECK(request(port, "GET", "/api/v1/runs/1").status == 401);
  }

  SECTION("a running run shows its step and progress; a finished one its steps") {
    Reply idle = request(port, "GET", "/api/v1/status", auditor);
    REQUIRE(idle.status == 200);
    CHECK(idle.body.find("\"connectors\":[") != std::string::npos);
    CHECK(idle.body.find("{\"name\":\"simpeg\",\"type\":\"simpeg-rest\",\"base_url\":\"" +
                         simpegUrl + "\"}") != std::string::npos);
    CHECK(idle.body.find("\"name\":\"siasn\",\"type\":\"siasn\"") != std::string::npos);
    CHECK(idle.body.find("running_run_id") == std::string::npos);

    REQUIRE(request(port, "POST", "/api/v1/jobs/sync/run", operatorToken).status == 202);
    // The SIMPEG pull waits on the holding server: the run is running, at that step.
    REQUIRE(eventually([&] { return simpeg.held() > 0; }));
    Reply running;
    REQUIRE(eventually([&] {
      running = request(port, "GET", "/api/v1/runs/1", auditor);
      return running.body.find("\"progress\":") != std::string::npos;
    }));
    INFO(running.body);
    CHECK(running.status == 200);
    CHECK(running.body.find("\"run\":{\"id\":1,\"job\":\"sync\",\"trigger\":\"manual\","
                            "\"status\":\"running\"") != std::string::npos);
    CHECK(running.body.find("\"finished_at_ms\"") == std::string::npos);
    CHECK(running.body.find("\"progress\":{\"step\":\"pull simpeg/pegawai\",\"done\":0,"
                            "\"total\":0,\"rate_per_s\":0.0,\"eta_s\":-1.0}") != std::string::npos);
    CHECK(running.body.find("{\"step\":\"pull simpeg/pegawai\",\"status\":\"running\"") !=
          std::string::npos);
    CHECK(request(port, "GET", "/api/v1/status", auditor).body.find("\"running_run_id\":1") !=
          std::string::npos);

    // Released: the pull fails, the rest of the cycle runs on what the store holds.
    simpeg.release();
    Reply done;
    REQUIRE(eventually(
        [&] {
          done = request(port, "GET", "/api/v1/runs/1", auditor);
          return done.body.find("\"status\":\"running\"") == std::string::npos &&
                 done.body.find("\"finished_at_ms\"") != std::string::npos;
        },
        std::chrono::seconds(60)));
    INFO(done.body);
    CHECK(done.body.find("\"progress\"") == std::string::npos);
    CHECK(done.body.find("\"summary\":{") != std::string::npos);
    CHECK(done.body.find("{\"step\":\"pull simpeg/pegawai\",\"status\":\"failed\"") !=
          std::string::npos);
    CHECK(done.body.find("\"detail\":\"") != std::string::npos);
    CHECK(request(port, "GET", "/api/v1/status", auditor).body.find("running_run_id") ==
          std::string::npos);
  }
  fs::remove_all(dir);
}
