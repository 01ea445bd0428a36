#pragma once
// Helpers for the tests that drive the admin API of `sinkron serve`: the daemon as a child
// process (stderr in a log; SIGTERM and reaped at the end) and one HTTP request over loopback.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <string>
#include <vector>

#include "daemon_test_support.hpp"

namespace sinkron::test {

// Prefix for CLI commands in tests: English, and no admin URL or token from the environment,
// whatever the machine's locale and variables (a test sets what it needs after it).
inline const std::string kCliEnv =
    "env -u LC_ALL -u LC_MESSAGES -u SINKRON_URL -u SINKRON_TOKEN -u SINKRON_TOKEN_FILE "
    "LANG=C.UTF-8 ";

struct Reply {
  int status = 0;
  std::string body;
};

// One request over a fresh loopback connection (Connection: close), bounded by a timeout.
inline Reply request(int port, const std::string& method, const std::string& path,
                     const std::string& token = "", const std::string& body = "") {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  std::string req = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (!token.empty()) req += "Authorization: Bearer " + token + "\r\n";
  req += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  REQUIRE(::send(fd, req.data(), req.size(), 0) == static_cast<ssize_t>(req.size()));
  std::string raw;
  char buf[8192];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) raw.append(buf, n);
  ::close(fd);
  Reply r;
  if (raw.size() > 12) r.status = std::stoi(raw.substr(9, 3));
  auto at = raw.find("\r\n\r\n");
  if (at != std::string::npos) r.body = raw.substr(at + 4);
  return r;
}

// A config with the admin API on a free port and SIMPEG and SIASN on a closed loopback port
// (every sync run ends partial), SQLite state next to it.
inline void writeClosedPortConfig(const std::filesystem::path& cfg) {
  const std::string mappings = std::string(SINKRON_SOURCE_DIR) + "/deploy/mappings";
  std::ofstream(cfg) << "store: {path: state.db}\n"
                        "admin: {port: 0}\n"
                        "connectors:\n"
                        "  simpeg: {type: simpeg-rest, base_url: 'http://127.0.0.1:9', api_key: k, "
                        "max_attempts: 1, mapping: "
                     << mappings
                     << "/simpeg-rest.yaml}\n"
                        "  siasn: {type: siasn, gateway_url: 'http://127.0.0.1:9', sso_url: "
                        "'http://127.0.0.1:9', consumer_key: c, consumer_secret: s, "
                        "sso_client_id: i, sso_username: u, sso_password: p, max_attempts: 1, "
                        "mapping: "
                     << mappings << "/siasn-data-utama.yaml}\n";
}

// `sinkron serve --config cfg` with its stderr in `log`, stopped (SIGTERM) and reaped when this
// goes out of scope; `beforeStop` runs first (e.g. to let go of a held test server).
class ServedDaemon {
 public:
  ServedDaemon(const std::string& bin, const std::filesystem::path& cfg,
               const std::filesystem::path& log, std::function<void()> beforeStop = {})
      : log_(log), beforeStop_(std::move(beforeStop)) {
    std::vector<std::string> args = {bin, "serve", "--config", cfg.string()};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int spawned = posix_spawn(&pid_, bin.c_str(), &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    REQUIRE(spawned == 0);
  }
  ~ServedDaemon() {
    if (beforeStop_) beforeStop_();
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
  ServedDaemon(const ServedDaemon&) = delete;
  ServedDaemon& operator=(const ServedDaemon&) = delete;

  // The admin API's port from the daemon's log line; 0 when it did not show within 20 s.
  int waitForAdminPort() {
    int port = 0;
    eventually([&] {
      std::smatch m;
      std::string text = slurp(log_);
      if (!std::regex_search(text, m, std::regex("admin API at http://127\\.0\\.0\\.1:(\\d+)")))
        return false;
      port = std::stoi(m[1]);
      return true;
    });
    return port;
  }
  pid_t pid() const { return pid_; }

 private:
  std::filesystem::path log_;
  std::function<void()> beforeStop_;
  pid_t pid_ = 0;
};

}  // namespace sinkron::test
