// The sinkron-sim program as a user runs it: every system answers on its port, SIGTERM stops it
// cleanly, bad options are refused with a message, and the certs tool writes its files.
#include <fcntl.h>
#include <rapidjson/document.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "../../core/tests/test_http_client.hpp"

extern char** environ;

namespace fs = std::filesystem;
using namespace sinkron::sim::testing;

namespace {

constexpr auto kStartLimit = std::chrono::seconds(60);
constexpr auto kStopLimit = std::chrono::seconds(20);

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "sinkron_sim_app_XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The sinkron-sim binary as a child process, its output in `log`. Killed if still running when
// destroyed.
class SimProcess {
 public:
  SimProcess(std::vector<std::string> args, const fs::path& log) {
    args.insert(args.begin(), SINKRON_SIM_BINARY);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(rc == 0);
  }
  ~SimProcess() {
    if (!exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  // The exit status once the process ended within `limit`, else nullopt.
  std::optional<int> waitExit(std::chrono::milliseconds limit) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return std::nullopt;
  }
  bool running() {
    int status = 0;
    return !exited_ && ::waitpid(pid_, &status, WNOHANG) == 0;
  }
  void signal(int sig) { ::kill(pid_, sig); }

 private:
  pid_t pid_ = 0;
  bool exited_ = false;
};

// Waits (bounded) until `path` exists or the process ended.
bool waitForFile(SimProcess& process, const fs::path& path) {
  auto deadline = std::chrono::steady_clock::now() + kStartLimit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (fs::exists(path)) return true;
    if (!process.running()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

std::uint16_t portOf(const std::string& url) {
  return static_cast<std::uint16_t>(std::stoi(url.substr(url.rfind(':') + 1)));
}

}  // namespace

TEST_CASE("sinkron-sim serves every system until SIGTERM", "[sim][app]") {
  TempDir dir;
  fs::path portsFile = dir.path / "ports.json";
  fs::path log = dir.path / "log.txt";
  SimProcess sim({"--people", "300", "--threads", "1", "--ports-file", portsFile.string()}, log);
  REQUIRE(waitForFile(sim, portsFile));
  INFO(readFile(log));

  rapidjson::Document ports;
  std::string text = readFile(portsFile);
  ports.Parse(text.c_str());
  REQUIRE_FALSE(ports.HasParseError());
  std::vector<std::string> names;
  for (const auto& m : ports.GetObject()) {
    names.push_back(m.name.GetString());
    std::string url = m.value.GetString();
    CHECK(url.rfind("http://127.0.0.1:", 0) == 0);
    Response res;
    REQUIRE_FALSE(fetch(portOf(url), http::verb::get, "/_sim/health", res));
    CHECK(res.result_int() == 200);
    CHECK(res.body() == R"({"status":"ok","people":300})");
  }
  CHECK(names == std::vector<std::string>{"siasn", "sso", "ekinerja", "simpeg", "training",
                                          "fingerspot", "epresensi"});

  sim.signal(SIGTERM);
  std::optional<int> status = sim.waitExit(kStopLimit);
  REQUIRE(status);
  CHECK(*status == 0);
  CHECK_FALSE(fs::exists(portsFile));
  CHECK(readFile(log).find("SIGTERM received, stopping") != std::string::npos);
}

TEST_CASE("sinkron-sim serves HTTPS with --tls", "[sim][app][tls]") {
  TempDir dir;
  fs::path portsFile = dir.path / "ports.json";
  fs::path tlsDir = dir.path / "tls";
  SimProcess sim({"--people", "100", "--threads", "1", "--tls", "--tls-dir", tlsDir.string(),
                  "--ports-file", portsFile.string()},
                 dir.path / "log.txt");
  REQUIRE(waitForFile(sim, portsFile));
  rapidjson::Document ports;
  std::string text = readFile(portsFile);
  ports.Parse(text.c_str());
  REQUIRE_FALSE(ports.HasParseError());
  std::string url = ports["simpeg"].GetString();
  CHECK(url.rfind("https://127.0.0.1:", 0) == 0);

  ssl::context ctx(ssl::context::tls_client);
  ctx.load_verify_file((tlsDir / "ca.pem").string());
  ctx.set_verify_mode(ssl::verify_peer);
  TestClient client(portOf(url), &ctx);
  REQUIRE_FALSE(client.connect());
  Response res;
  REQUIRE_FALSE(client.request(http::verb::get, "/_sim/health", res));
  CHECK(res.result_int() == 200);

  sim.signal(SIGINT);
  std::optional<int> status = sim.waitExit(kStopLimit);
  REQUIRE(status);
  CHECK(*status == 0);
}

TEST_CASE("sinkron-sim refuses bad options with a message", "[sim][app]") {
  TempDir dir;
  fs::path log = dir.path / "log.txt";
  SECTION("a non-loopback bind address") {
    SimProcess sim({"--bind", "0.0.0.0"}, log);
    CHECK(sim.waitExit(kStopLimit) == 1);
    CHECK(readFile(log).find("--bind 0.0.0.0: not a loopback address") != std::string::npos);
  }
  SECTION("a faults file with a bad rule") {
    fs::path faults = dir.path / "faults.json";
    std::ofstream(faults) << R"({"faults":[{"kind":"melt"}]})";
    SimProcess sim({"--people", "100", "--faults", faults.string()}, log);
    CHECK(sim.waitExit(kStopLimit) == 1);
    std::string out = readFile(log);
    CHECK(out.find(faults.string()) != std::string::npos);
    CHECK(out.find("faults[0].kind") != std::string::npos);
  }
  SECTION("--help documents the flags and subcommands") {
    SimProcess sim({"--help"}, log);
    CHECK(sim.waitExit(kStopLimit) == 0);
    std::string help = readFile(log);
    for (const char* flag :
         {"--seed", "--people", "--corruption", "--bind", "--base-port", "--ports-file", "--tls",
          "--tls-dir", "--threads", "--gateway-token-lifetime", "--sso-token-lifetime",
          "--api-token-lifetime", "--faults", "--fault-seed", "--allow-non-loopback", "certs",
          "simpeg-db", "adms"})
      CHECK(help.find(flag) != std::string::npos);
  }
}

TEST_CASE("sinkron-sim certs writes a CA, a chain and a private key", "[sim][app][tls]") {
  TempDir dir;
  SimProcess sim({"certs", "--out", (dir.path / "certs").string()}, dir.path / "log.txt");
  CHECK(sim.waitExit(kStopLimit) == 0);
  for (const char* name : {"ca.pem", "server.pem", "server.key"})
    CHECK(fs::file_size(dir.path / "certs" / name) > 100);
  std::string chain = readFile(dir.path / "certs" / "server.pem");
  CHECK(chain.find("BEGIN CERTIFICATE") != chain.rfind("BEGIN CERTIFICATE"));  // two certificates
}
