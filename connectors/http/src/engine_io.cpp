// The libcurl <-> Boost.Asio glue: curl's sockets watched with asio descriptors, curl's timer
// on one steady_timer, and curl_multi_socket_action when either fires.
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/post.hpp>

#include "engine.hpp"

namespace sinkron::connectors::http::detail {
namespace asio = boost::asio;
using std::chrono::duration_cast;
using std::chrono::milliseconds;

int Engine::onSocket(CURL*, curl_socket_t fd, int what, void* engine, void*) {
  auto* self = static_cast<Engine*>(engine);
  if (what != CURL_POLL_REMOVE) {
    self->watch(fd, what);
  } else if (self->ownSockets_.count(fd)) {
    // A connection going idle in curl's cache: stay registered with epoll (saves an
    // epoll_ctl ADD/DEL and an ioctl per request); onCloseSocket forgets it.
    auto it = self->sockets_.find(fd);
    if (it != self->sockets_.end()) it->second->wanted = 0;
  } else {
    self->forgetSocket(fd);  // e.g. a resolver's socket, closed by curl without onCloseSocket
  }
  return 0;
}

curl_socket_t Engine::onOpenSocket(void* engine, curlsocktype, curl_sockaddr* address) {
  curl_socket_t fd = ::socket(address->family, address->socktype, address->protocol);
  if (fd != CURL_SOCKET_BAD) static_cast<Engine*>(engine)->ownSockets_.insert(fd);
  return fd;
}

int Engine::onCloseSocket(void* engine, curl_socket_t fd) {
  auto* self = static_cast<Engine*>(engine);
  self->forgetSocket(fd);
  self->ownSockets_.erase(fd);
  return ::close(fd);
}

int Engine::onTimer(CURLM*, long timeoutMs, void* engine) {
  // Called often with deadlines that mostly move later; re-arming a timer each time costs a
  // timerfd_settime system call. So the asio timer is only moved earlier here, and when it
  // fires before curl's current deadline it is re-armed for it (see onCurlTimer).
  auto* self = static_cast<Engine*>(engine);
  if (timeoutMs < 0) {
    self->curlDeadline_ = Clock::time_point::max();
    return 0;
  }
  if (timeoutMs == 0) {
    self->curlDeadline_ = Clock::time_point::max();
    if (!self->timeoutPosted_) {
      self->timeoutPosted_ = true;
      asio::post(self->io_, [self] {
        self->timeoutPosted_ = false;
        self->socketAction(CURL_SOCKET_TIMEOUT, 0);
      });
    }
    return 0;
  }
  self->curlDeadline_ = Clock::now() + milliseconds(timeoutMs);
  if (!self->curlTimerArmed_ || self->curlTimerAt_ > self->curlDeadline_)
    self->armCurlTimer(self->curlDeadline_);
  return 0;
}

void Engine::armCurlTimer(Clock::time_point at) {
  curlTimerArmed_ = true;
  curlTimerAt_ = at;
  curlTimer_.expires_at(at);
  curlTimer_.async_wait([this](boost::system::error_code ec) {
    if (ec) return;  // moved or cancelled; the new wait owns curlTimerArmed_
    curlTimerArmed_ = false;
    onCurlTimer();
  });
}

void Engine::onCurlTimer() {
  if (curlDeadline_ == Clock::time_point::max()) return;
  if (Clock::now() < curlDeadline_) {
    armCurlTimer(curlDeadline_);
    return;
  }
  curlDeadline_ = Clock::time_point::max();  // curl tells the next one during the action
  socketAction(CURL_SOCKET_TIMEOUT, 0);
}

void Engine::watch(curl_socket_t fd, int what) {
  auto& slot = sockets_[fd];
  if (!slot) {
    slot = std::make_shared<SocketWatch>(io_, fd);
    boost::system::error_code ec;
    slot->descriptor.assign(fd, ec);
    if (ec) {
      log_->error("cannot watch socket {}: {}", fd, ec.message());
      sockets_.erase(fd);
      return;
    }
  }
  slot->wanted = what;
  arm(slot);
}

void Engine::arm(const std::shared_ptr<SocketWatch>& w) {
  if (w->closed) return;
  if ((w->wanted & CURL_POLL_IN) && !w->readArmed) {
    w->readArmed = true;
    w->descriptor.async_wait(asio::posix::descriptor_base::wait_read,
                             [this, w](boost::system::error_code ec) {
                               w->readArmed = false;
                               if (ec || w->closed) return;
                               if (w->wanted & CURL_POLL_IN) socketAction(w->fd, CURL_CSELECT_IN);
                               arm(w);
                             });
  }
  if ((w->wanted & CURL_POLL_OUT) && !w->writeArmed) {
    w->writeArmed = true;
    w->descriptor.async_wait(asio::posix::descriptor_base::wait_write,
                             [this, w](boost::system::error_code ec) {
                               w->writeArmed = false;
                               if (ec || w->closed) return;
                               if (w->wanted & CURL_POLL_OUT) socketAction(w->fd, CURL_CSELECT_OUT);
                               arm(w);
                             });
  }
}

void Engine::forgetSocket(curl_socket_t fd) {
  auto it = sockets_.find(fd);
  if (it == sockets_.end()) return;
  it->second->closed = true;
  it->second->descriptor.release();  // deregisters from epoll; curl keeps (or closes) the fd
  sockets_.erase(it);
}

void Engine::socketAction(curl_socket_t fd, int events) {
  if (!multi_) return;
  int running = 0;
  curl_multi_socket_action(multi_, fd, events, &running);
  collectDone();
}

}  // namespace sinkron::connectors::http::detail
