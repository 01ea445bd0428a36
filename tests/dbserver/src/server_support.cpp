#include "server_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <soci/soci.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <random>
#include <thread>

namespace sinkron::test {

Result<std::filesystem::path> makeTempFolder(const std::string& prefix) {
  std::error_code ec;
  std::filesystem::path base = std::filesystem::temp_directory_path(ec);
  // Unix socket paths are limited to 107 bytes, and the postgres user must reach the folder: a
  // long or private TMPDIR falls back to /tmp.
  bool othersEnter = !ec && (std::filesystem::status(base, ec).permissions() &
                             std::filesystem::perms::others_exec) != std::filesystem::perms::none;
  if (ec || !othersEnter || base.string().size() > 60) base = "/tmp";
  std::string pattern = (base / (prefix + "XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr)
    return Error::io("cannot create a temporary folder " + pattern + ": " + std::strerror(errno));
  return std::filesystem::path(pattern);
}

Result<std::uint16_t> freeLoopbackPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Error::io(std::string("socket: ") + std::strerror(errno));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    int err = errno;
    ::close(fd);
    return Error::io(std::string("no free port on 127.0.0.1: ") + std::strerror(err));
  }
  ::close(fd);
  return static_cast<std::uint16_t>(ntohs(addr.sin_port));
}

std::string randomSecret() {
  static constexpr char kHex[] = "0123456789abcdef";
  std::random_device device;
  std::string out;
  for (int i = 0; i < 24; ++i) out.push_back(kHex[device() % 16]);
  return out;
}

std::filesystem::path firstExecutable(const std::vector<std::filesystem::path>& candidates) {
  for (const auto& c : candidates)
    if (!c.empty() && ::access(c.c_str(), X_OK) == 0) return c;
  return {};
}

WaitOutcome waitUntilConnects(const soci::backend_factory& backend, const std::string& connect,
                              ChildProcess& child, std::chrono::seconds timeout,
                              std::string* lastError) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (child.exited()) return WaitOutcome::kExited;
    try {
      soci::session probe(backend, connect);
      return WaitOutcome::kReady;
    } catch (const std::exception& e) {
      if (lastError) *lastError = e.what();
    }
    if (std::chrono::steady_clock::now() >= deadline) return WaitOutcome::kTimedOut;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

namespace {

// The statement for an error message, without the password it may set.
std::string redacted(const std::string& statement) {
  for (const char* secret : {"PASSWORD '", "IDENTIFIED BY '"}) {
    std::size_t at = statement.find(secret);
    if (at != std::string::npos) return statement.substr(0, at + std::strlen(secret)) + "***'";
  }
  return statement;
}

}  // namespace

Status runSql(const soci::backend_factory& backend, const std::string& connect,
              std::initializer_list<std::string> statements) {
  std::string current = "connect";
  try {
    soci::session sql(backend, connect);
    for (const std::string& s : statements) {
      current = redacted(s);
      sql << s;
    }
  } catch (const std::exception& e) {
    return Error::io("test database server: " + current + ": " + e.what());
  }
  return {};
}

}  // namespace sinkron::test
