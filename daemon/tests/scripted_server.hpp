#pragma once
// A loopback "system" for the admin API tests: the first `hold` connections are accepted and
// never answered until release() (a pull from them keeps its run's step running), every later
// one gets the answer `answer(request line)` gives — after its delay — and is closed.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sinkron::test {

struct ScriptedAnswer {
  int status = 200;
  std::string body;
  std::chrono::milliseconds delay{0};
};

class ScriptedServer {
 public:
  using Script = std::function<ScriptedAnswer(const std::string& requestLine)>;

  ScriptedServer(std::size_t hold, Script answer) : hold_(hold), answer_(std::move(answer)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    ::listen(listener_, 16);
    acceptor_ = std::thread([this] { acceptLoop(); });
  }
  ~ScriptedServer() {
    release();
    if (acceptor_.joinable()) acceptor_.join();
    std::lock_guard lock(mutex_);
    for (auto& t : answering_)
      if (t.joinable()) t.join();
  }
  ScriptedServer(const ScriptedServer&) = delete;
  ScriptedServer& operator=(const ScriptedServer&) = delete;

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::size_t held() {
    std::lock_guard lock(mutex_);
    return held_.size();
  }
  // The request lines answered or being answered, in arrival order.
  std::vector<std::string> seen() {
    std::lock_guard lock(mutex_);
    return seen_;
  }
  // Closes the held connections (their requests fail); later connections are answered.
  void letGo() {
    std::lock_guard lock(mutex_);
    for (int fd : held_) ::close(fd);
    held_.clear();
    hold_ = 0;
  }
  // Closes the held connections (their requests fail) and stops accepting.
  void release() { released_ = true; }

 private:
  void acceptLoop() {
    // Bounded: at most 10 minutes of 100 ms polls.
    for (int i = 0; i < 6000 && !released_; ++i) {
      pollfd p{listener_, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      int fd = ::accept(listener_, nullptr, nullptr);
      if (fd < 0) continue;
      std::lock_guard lock(mutex_);
      if (held_.size() < hold_) {
        held_.push_back(fd);
        continue;
      }
      answering_.emplace_back([this, fd] { answer(fd); });
    }
    std::lock_guard lock(mutex_);
    for (int fd : held_) ::close(fd);
    ::close(listener_);
  }

  void answer(int fd) {
    std::string raw;
    char buf[4096];
    // Bounded: the head of one request, at most 64 reads of up to 5 s.
    for (int i = 0; i < 64 && raw.find("\r\n\r\n") == std::string::npos; ++i) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 5000) <= 0) break;
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      raw.append(buf, static_cast<std::size_t>(n));
    }
    const std::string line = raw.substr(0, raw.find("\r\n"));
    {
      std::lock_guard lock(mutex_);
      seen_.push_back(line);
    }
    ScriptedAnswer a = answer_(line);
    std::this_thread::sleep_for(a.delay);
    std::string out = "HTTP/1.1 " + std::to_string(a.status) +
                      " X\r\nContent-Type: application/json\r\nConnection: close\r\n"
                      "Content-Length: " +
                      std::to_string(a.body.size()) + "\r\n\r\n" + a.body;
    (void)::send(fd, out.data(), out.size(), MSG_NOSIGNAL);
    ::close(fd);
  }

  std::size_t hold_;
  Script answer_;
  int listener_ = -1, port_ = 0;
  std::atomic<bool> released_{false};
  std::mutex mutex_;
  std::vector<int> held_;
  std::vector<std::string> seen_;
  std::vector<std::thread> answering_;
  std::thread acceptor_;
};

}  // namespace sinkron::test
