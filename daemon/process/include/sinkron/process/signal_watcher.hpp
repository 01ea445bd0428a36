#pragma once
// SIGTERM/SIGINT and SIGHUP turned into calls on the daemon's io_context. The first terminate
// signal starts a graceful shutdown; another one while shutting down calls `force` (an operator
// pressing Ctrl-C twice, or systemd's stop timeout approaching). SIGHUP asks for a reload.
#include <functional>
#include <memory>

#include <boost/asio/any_io_executor.hpp>

#include "sinkron/result.hpp"

namespace sinkron::process {

namespace detail {
struct SignalWatcherState;
}

class SignalWatcher {
 public:
  struct Handlers {
    std::function<void(int signal)> terminate;  // first SIGTERM or SIGINT
    std::function<void()> reload;               // SIGHUP; ignored once shutting down
    std::function<void(int signal)> force;      // optional: SIGTERM/SIGINT while shutting down
  };

  SignalWatcher(boost::asio::any_io_executor executor, Handlers handlers);
  ~SignalWatcher();  // stops watching; the default dispositions come back
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

  // Registers the signals and waits for them (again after each one) until stop(). Handlers run
  // on the executor's thread; call start() and stop() there too (or before/after it runs).
  Status start();
  void stop();

  // True once a terminate signal arrived. Safe to read from any thread.
  bool shuttingDown() const;

 private:
  std::shared_ptr<detail::SignalWatcherState> state_;
};

}  // namespace sinkron::process
