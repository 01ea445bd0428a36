#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>
#include <optional>
#include <string>

#include "sinkron/process/systemd_notifier.hpp"
#include "test_support.hpp"

using sinkron::process::SystemdNotifier;
using namespace sinkron::process::testing;
using namespace std::chrono_literals;

namespace {

// What systemd listens on: a unix datagram socket named by NOTIFY_SOCKET.
class NotifySocket {
 public:
  explicit NotifySocket(const std::filesystem::path& path) : path_(path) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    REQUIRE(path.string().size() < sizeof(address.sun_path));
    std::strncpy(address.sun_path, path.c_str(), sizeof(address.sun_path) - 1);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
    timeval timeout{5, 0};  // bounds a receive that would otherwise hang a broken test
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  }
  ~NotifySocket() { ::close(fd_); }

  std::optional<std::string> receive() {
    char buffer[4096];
    ssize_t n = ::recv(fd_, buffer, sizeof(buffer), 0);
    if (n < 0) return std::nullopt;
    return std::string(buffer, static_cast<std::size_t>(n));
  }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace

TEST_CASE("SystemdNotifier sends each state as a datagram to NOTIFY_SOCKET", "[process][systemd]") {
  TempDir dir;
  NotifySocket socket(dir.path() / "notify");
  EnvVar notifySocket("NOTIFY_SOCKET");
  notifySocket.set((dir.path() / "notify").string());
  SystemdNotifier notifier;
  REQUIRE(notifier.enabled());

  SECTION("ready with a status") {
    REQUIRE(notifier.ready("3 connectors up"));
    CHECK(socket.receive() == "READY=1\nSTATUS=3 connectors up");
  }
  SECTION("ready without a status") {
    REQUIRE(notifier.ready());
    CHECK(socket.receive() == "READY=1");
  }
  SECTION("status, watchdog, stopping") {
    REQUIRE(notifier.status("pulling siasn"));
    REQUIRE(notifier.watchdog());
    REQUIRE(notifier.stopping());
    CHECK(socket.receive() == "STATUS=pulling siasn");
    CHECK(socket.receive() == "WATCHDOG=1");
    CHECK(socket.receive() == "STOPPING=1");
  }
  SECTION("reload: RELOADING=1 with the monotonic clock, then READY=1") {
    REQUIRE(notifier.reloading());
    REQUIRE(notifier.reloaded("configuration reloaded"));
    auto reloading = socket.receive();
    REQUIRE(reloading);
    CHECK(reloading->rfind("RELOADING=1\nMONOTONIC_USEC=", 0) == 0);
    CHECK(reloading->size() > std::strlen("RELOADING=1\nMONOTONIC_USEC="));
    CHECK(socket.receive() == "READY=1\nSTATUS=configuration reloaded");
  }
  SECTION("extend timeout") {
    REQUIRE(notifier.extendTimeout(90s));
    CHECK(socket.receive() == "EXTEND_TIMEOUT_USEC=90000000");
  }
  SECTION("a status is one line with ids masked: it cannot forge another assignment") {
    REQUIRE(notifier.status("stuck on 199001312015031002\nREADY=1"));
    CHECK(socket.receive() == "STATUS=stuck on 19900131******1002 READY=1");
  }
}

TEST_CASE("SystemdNotifier does nothing, successfully, without NOTIFY_SOCKET",
          "[process][systemd]") {
  EnvVar notifySocket("NOTIFY_SOCKET");
  notifySocket.unset();
  SystemdNotifier notifier;
  CHECK_FALSE(notifier.enabled());
  CHECK(notifier.ready("up"));
  CHECK(notifier.status("x"));
  CHECK(notifier.reloading());
  CHECK(notifier.reloaded());
  CHECK(notifier.watchdog());
  CHECK(notifier.stopping());
}

TEST_CASE("SystemdNotifier reports a socket nobody listens on", "[process][systemd]") {
  TempDir dir;
  EnvVar notifySocket("NOTIFY_SOCKET");
  notifySocket.set((dir.path() / "nobody").string());
  auto status = SystemdNotifier().ready();
  REQUIRE_FALSE(status);
  CHECK(status.error().code == sinkron::ErrorCode::kIo);
  CHECK_THAT(status.error().message, Catch::Contains("sd_notify(READY=1)"));
}

TEST_CASE("SystemdNotifier reads the watchdog interval meant for this process",
          "[process][systemd]") {
  EnvVar usec("WATCHDOG_USEC");
  EnvVar pid("WATCHDOG_PID");
  SystemdNotifier notifier;

  SECTION("enabled for this pid") {
    usec.set("30000000");
    pid.set(std::to_string(::getpid()));
    CHECK(notifier.watchdogInterval() == std::chrono::microseconds(30s));
  }
  SECTION("enabled without WATCHDOG_PID") {
    usec.set("5000000");
    pid.unset();
    CHECK(notifier.watchdogInterval() == std::chrono::microseconds(5s));
  }
  SECTION("meant for another process") {
    usec.set("30000000");
    pid.set(std::to_string(::getpid() + 1));
    CHECK_FALSE(notifier.watchdogInterval());
  }
  SECTION("not enabled or garbage") {
    pid.unset();
    usec.unset();
    CHECK_FALSE(notifier.watchdogInterval());
    usec.set("soon");
    CHECK_FALSE(notifier.watchdogInterval());
  }
}

TEST_CASE("SystemdNotifier pings the watchdog over the socket", "[process][systemd]") {
  TempDir dir;
  NotifySocket socket(dir.path() / "notify");
  EnvVar notifySocket("NOTIFY_SOCKET");
  EnvVar usec("WATCHDOG_USEC");
  EnvVar pid("WATCHDOG_PID");
  notifySocket.set((dir.path() / "notify").string());
  usec.set("30000000");
  pid.set(std::to_string(::getpid()));

  SystemdNotifier notifier;
  auto interval = notifier.watchdogInterval();
  REQUIRE(interval);
  REQUIRE(notifier.ready());
  REQUIRE(notifier.watchdog());
  CHECK(socket.receive() == "READY=1");
  CHECK(socket.receive() == "WATCHDOG=1");
}
