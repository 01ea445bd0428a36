#include "sinkron/process/signal_watcher.hpp"

#include <atomic>
#include <csignal>
#include <string>

#include <boost/asio/signal_set.hpp>

namespace sinkron::process {

// Shared with the pending wait, so a signal completing after ~SignalWatcher touches no freed
// memory.
struct detail::SignalWatcherState {
  SignalWatcherState(boost::asio::any_io_executor executor, SignalWatcher::Handlers h)
      : signals(std::move(executor)), handlers(std::move(h)) {}

  boost::asio::signal_set signals;
  SignalWatcher::Handlers handlers;
  std::atomic<bool> shuttingDown{false};
  bool started = false;
  std::atomic<bool> stopped{false};
};

namespace {

void onSignal(const std::shared_ptr<detail::SignalWatcherState>& state, int signal);

void arm(const std::shared_ptr<detail::SignalWatcherState>& state) {
  state->signals.async_wait([state](const boost::system::error_code& ec, int signal) {
    if (ec || state->stopped) return;
    onSignal(state, signal);
    if (!state->stopped) arm(state);
  });
}

void onSignal(const std::shared_ptr<detail::SignalWatcherState>& state, int signal) {
  auto& handlers = state->handlers;
  if (signal == SIGHUP) {
    if (!state->shuttingDown && handlers.reload) handlers.reload();
    return;
  }
  if (state->shuttingDown.exchange(true)) {
    if (handlers.force) handlers.force(signal);
    return;
  }
  if (handlers.terminate) handlers.terminate(signal);
}

}  // namespace

SignalWatcher::SignalWatcher(boost::asio::any_io_executor executor, Handlers handlers)
    : state_(
          std::make_shared<detail::SignalWatcherState>(std::move(executor), std::move(handlers))) {}

SignalWatcher::~SignalWatcher() {
  stop();
}

Status SignalWatcher::start() {
  if (state_->started) return {};
  for (int signal : {SIGTERM, SIGINT, SIGHUP}) {
    boost::system::error_code ec;
    state_->signals.add(signal, ec);
    if (ec) {
      boost::system::error_code ignored;
      state_->signals.clear(ignored);
      return Error::internal("watching signal " + std::to_string(signal) + ": " + ec.message());
    }
  }
  state_->started = true;
  arm(state_);
  return {};
}

void SignalWatcher::stop() {
  if (!state_->started || state_->stopped) return;
  state_->stopped = true;
  boost::system::error_code ignored;
  state_->signals.cancel(ignored);
  state_->signals.clear(ignored);
}

bool SignalWatcher::shuttingDown() const {
  return state_->shuttingDown;
}

}  // namespace sinkron::process
