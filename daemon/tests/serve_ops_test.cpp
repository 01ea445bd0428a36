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

namespace fs = std::filesystem;
using sinkron::test::eventually;
using sinkron::test::Reply;
using sinkron::test::request;
using sinkron::test::slurp;

namespace {

const std::string kMappings = std::string(SINKRON_SOURCE_DIR) + "/deploy/mappings";

// A loopback "system" that accepts connections and never answers until released: a pull from
// it keeps its step running for as long as the test needs.
class HoldingServer {
 public:
  HoldingServer() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    ::listen(listener_, 16);
    thread_ = std::thread([this] {
      // Bounded: at most 10 minutes of 100 ms polls.
      for (int i = 0; i < 6000 && !released_; ++i) {
        pollfd p{listener_, POLLIN, 0};
        if (::poll(&p, 1, 100) > 0) {
          int fd = ::accept(listener_, nullptr, nullptr);
          std::lock_guard lock(mutex_);
          if (fd >= 0) held_.push_back(fd);
        }
      }
      std::lock_guard lock(mutex_);
      for (int fd : held_) ::close(fd);
      held_.clear();
      ::close(listener_);
    });
  }
  ~HoldingServer() {
    release();
    if (thread_.joinable()) thread_.join();
  }
  int port() const { return port_; }
  std::size_t connections() {
    std::lock_guard lock(mutex_);
    return held_.size();
  }
  // Closes the held connections (the waiting request fails) and stops accepting.
  void release() { released_ = true; }

 private:
  int listener_ = -1, port_ = 0;
  std::atomic<bool> released_{false};
  std::mutex mutex_;
  std::vector<int> held_;
  std::thread thread_;
};

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace

TEST_CASE("serve: runs/{id} shows steps and live progress, status lists the connectors",
          "[serve][admin][ops]") {
  const fs::path dir = fs::temp_directory_path() / ("sinkron-ops-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  HoldingServer simpeg;
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
    REQUIRE(eventually([&] { return simpeg.connections() > 0; }));
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
