// `sinkron serve` as a process: systemd readiness, SIGHUP reload (an invalid config is rejected
// and the old one kept), SIGTERM shutdown, and --once against systems that cannot be reached.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>
#include "daemon_test_support.hpp"

extern char** environ;

namespace fs = std::filesystem;
using sinkron::test::eventually;
using sinkron::test::slurp;

namespace {

const std::string kMappings = std::string(SINKRON_SOURCE_DIR) + "/deploy/mappings";

// Systems on the discard port: every connection is refused at once.
std::string config(const std::string& schedule) {
  return "site: {name: Serve test, time_zone: Asia/Jayapura}\n"
         "store: {path: state.db}\n"
         "log: {format: text, level: info}\n"
         "connectors:\n"
         "  simpeg: {type: simpeg-rest, base_url: 'http://127.0.0.1:9', api_key: k, "
         "max_attempts: 1, mapping: " +
         kMappings +
         "/simpeg-rest.yaml}\n"
         "  siasn: {type: siasn, gateway_url: 'http://127.0.0.1:9', sso_url: "
         "'http://127.0.0.1:9', consumer_key: c, consumer_secret: s, sso_client_id: i, "
         "sso_username: u, sso_password: p, max_attempts: 1, mapping: " +
         kMappings +
         "/siasn-data-utama.yaml}\n"
         "sync: {schedule: '" +
         schedule + "'}\n";
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("sinkron-serve-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

class Child {
 public:
  Child(const std::vector<std::string>& args, const fs::path& out, const fs::path& err,
        const std::vector<std::string>& extraEnv) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<std::string> envText(extraEnv);
    for (char** e = environ; *e; ++e) envText.emplace_back(*e);
    std::vector<char*> envp;
    for (auto& e : envText) envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    REQUIRE(posix_spawn(&pid_, args[0].c_str(), &fa, nullptr, argv.data(), envp.data()) == 0);
    posix_spawn_file_actions_destroy(&fa);
  }
  ~Child() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  pid_t pid() const { return pid_; }
  bool alive() {
    if (pid_ <= 0) return false;
    int status = 0;
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      pid_ = -1;
      exit_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      return false;
    }
    return true;
  }
  int exitCode() const { return exit_; }

 private:
  pid_t pid_ = -1;
  int exit_ = -1;
};

// A datagram socket standing in for systemd's notify socket.
class NotifySocket {
 public:
  explicit NotifySocket(const fs::path& path) : path_(path) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path.c_str());
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  }
  ~NotifySocket() { ::close(fd_); }
  // Everything received so far, appended to `seen`.
  const std::string& poll() {
    char buf[4096];
    for (ssize_t n; (n = ::recv(fd_, buf, sizeof buf, 0)) > 0;)
      seen_.append(buf, n).push_back('\n');
    return seen_;
  }

 private:
  fs::path path_;
  int fd_ = -1;
  std::string seen_;
};

}  // namespace

TEST_CASE("serve: ready, SIGHUP keeps the old config when the new one is invalid, SIGTERM stops",
          "[serve]") {
  TempDir dir;
  const fs::path cfg = dir.path / "sinkron.yaml";
  std::ofstream(cfg) << config("0 2 * * *");
  NotifySocket notify(dir.path / "notify.sock");
  Child daemon({SINKRON_BINARY, "serve", "--config", cfg.string()}, dir.path / "out.txt",
               dir.path / "log.txt", {"NOTIFY_SOCKET=" + (dir.path / "notify.sock").string()});
  const fs::path log = dir.path / "log.txt";
  REQUIRE(eventually([&] { return notify.poll().find("READY=1") != std::string::npos; }));
  CHECK(notify.poll().find("STATUS=idle") != std::string::npos);

  ::kill(daemon.pid(), SIGUSR1);  // a cycle now, against systems that refuse connections
  REQUIRE(eventually(
      [&] { return slurp(log).find("run 1: sync cycle partial") != std::string::npos; }));
  CHECK(slurp(log).find("SIGUSR1: sync cycle started") != std::string::npos);
  CHECK(daemon.alive());

  std::ofstream(cfg) << "site: {name: broken\n";  // not YAML any more
  ::kill(daemon.pid(), SIGHUP);
  REQUIRE(
      eventually([&] { return slurp(log).find("config reload rejected") != std::string::npos; }));
  CHECK(daemon.alive());
  CHECK(slurp(log).find("sinkron.yaml") != std::string::npos);

  std::ofstream(cfg) << config("15 3 * * 1-5");
  ::kill(daemon.pid(), SIGHUP);
  REQUIRE(eventually([&] {
    return slurp(log).find("config reloaded: schedule '15 3 * * 1-5'") != std::string::npos;
  }));
  CHECK(daemon.alive());
  CHECK(notify.poll().find("RELOADING=1") != std::string::npos);

  ::kill(daemon.pid(), SIGTERM);
  REQUIRE(eventually([&] { return !daemon.alive(); }));
  CHECK(daemon.exitCode() == 0);
  CHECK(notify.poll().find("STOPPING=1") != std::string::npos);
  CHECK(slurp(log).find("sinkron stopped") != std::string::npos);
}

TEST_CASE("serve --once: unreachable systems make a partial run with the failures named",
          "[serve]") {
  TempDir dir;
  const fs::path cfg = dir.path / "sinkron.yaml";
  std::ofstream(cfg) << config("0 2 * * *");
  Child daemon({SINKRON_BINARY, "serve", "--config", cfg.string(), "--once"}, dir.path / "out.txt",
               dir.path / "log.txt", {});
  REQUIRE(eventually([&] { return !daemon.alive(); }, std::chrono::seconds(60)));
  const std::string out = slurp(dir.path / "out.txt");
  INFO(out << slurp(dir.path / "log.txt"));
  CHECK(daemon.exitCode() == 2);
  CHECK(out.find("partial") != std::string::npos);
  CHECK(out.find("problem: pull simpeg/pegawai") != std::string::npos);
  CHECK(out.find("127.0.0.1:9") != std::string::npos);
}

TEST_CASE("serve: a config that cannot start is refused before serving", "[serve]") {
  TempDir dir;
  const fs::path cfg = dir.path / "sinkron.yaml";
  std::ofstream(cfg) << config("0 25 * * *");
  Child daemon({SINKRON_BINARY, "serve", "--config", cfg.string()}, dir.path / "out.txt",
               dir.path / "log.txt", {});
  REQUIRE(eventually([&] { return !daemon.alive(); }));
  CHECK(daemon.exitCode() == 1);
  CHECK(slurp(dir.path / "log.txt").find("sinkron.yaml:") != std::string::npos);
}
