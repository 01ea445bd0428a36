#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>

#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <vector>

#include "sinkron/process/signal_watcher.hpp"

using sinkron::process::SignalWatcher;
using namespace std::chrono_literals;

namespace {

// Runs the io_context until `done` holds; bounded so a lost signal fails instead of hanging.
bool runUntil(boost::asio::io_context& io, const std::function<bool()>& done) {
  for (int i = 0; i < 100 && !done(); ++i) {
    io.restart();
    io.run_one_for(50ms);
  }
  return done();
}

struct Calls {
  std::vector<int> terminate;
  int reload = 0;
  std::vector<int> force;
};

SignalWatcher::Handlers recordInto(Calls& calls, bool withForce = true) {
  SignalWatcher::Handlers handlers;
  handlers.terminate = [&calls](int signal) { calls.terminate.push_back(signal); };
  handlers.reload = [&calls] { ++calls.reload; };
  if (withForce) handlers.force = [&calls](int signal) { calls.force.push_back(signal); };
  return handlers;
}

// A second listener on the same signals: when it has seen a signal, the watcher has too, so a test
// can assert that the watcher did nothing. It also keeps the process alive once the watcher stops.
struct Probe {
  explicit Probe(boost::asio::io_context& io, std::initializer_list<int> signals) : set(io) {
    for (int s : signals) set.add(s);
    arm();
  }
  void arm() {
    set.async_wait([this](const boost::system::error_code& ec, int) {
      if (ec) return;
      ++seen;
      arm();
    });
  }
  boost::asio::signal_set set;
  int seen = 0;
};

}  // namespace

TEST_CASE("SIGHUP asks for a reload, every time", "[process][signals]") {
  boost::asio::io_context io;
  Calls calls;
  SignalWatcher watcher(io.get_executor(), recordInto(calls));
  REQUIRE(watcher.start());
  REQUIRE(watcher.start());  // a second start changes nothing

  std::raise(SIGHUP);
  REQUIRE(runUntil(io, [&] { return calls.reload == 1; }));
  std::raise(SIGHUP);
  REQUIRE(runUntil(io, [&] { return calls.reload == 2; }));
  CHECK(calls.terminate.empty());
  CHECK_FALSE(watcher.shuttingDown());
}

TEST_CASE("the first SIGTERM/SIGINT shuts down, the next one forces", "[process][signals]") {
  boost::asio::io_context io;
  Calls calls;
  SignalWatcher watcher(io.get_executor(), recordInto(calls));
  REQUIRE(watcher.start());

  int first = GENERATE(SIGTERM, SIGINT);
  std::raise(first);
  REQUIRE(runUntil(io, [&] { return calls.terminate.size() == 1; }));
  CHECK(calls.terminate[0] == first);
  CHECK(watcher.shuttingDown());
  CHECK(calls.force.empty());

  std::raise(SIGTERM);
  REQUIRE(runUntil(io, [&] { return calls.force.size() == 1; }));
  CHECK(calls.force[0] == SIGTERM);

  // A reload while shutting down is ignored; the SIGINT after it still forces.
  std::raise(SIGHUP);
  std::raise(SIGINT);
  REQUIRE(runUntil(io, [&] { return calls.force.size() == 2; }));
  CHECK(calls.force[1] == SIGINT);
  CHECK(calls.reload == 0);
  CHECK(calls.terminate.size() == 1);
}

TEST_CASE("without a force handler a repeated SIGTERM changes nothing", "[process][signals]") {
  boost::asio::io_context io;
  Calls calls;
  SignalWatcher watcher(io.get_executor(), recordInto(calls, /*withForce=*/false));
  REQUIRE(watcher.start());
  Probe probe(io, {SIGTERM});

  std::raise(SIGTERM);
  REQUIRE(runUntil(io, [&] { return calls.terminate.size() == 1 && probe.seen == 1; }));
  std::raise(SIGTERM);
  REQUIRE(runUntil(io, [&] { return probe.seen == 2; }));
  io.restart();
  io.poll();
  CHECK(calls.terminate.size() == 1);
  CHECK(watcher.shuttingDown());
}

TEST_CASE("a stopped watcher calls nothing", "[process][signals]") {
  boost::asio::io_context io;
  Calls calls;
  Probe probe(io, {SIGHUP});
  {
    SignalWatcher watcher(io.get_executor(), recordInto(calls));
    REQUIRE(watcher.start());
    std::raise(SIGHUP);
    REQUIRE(runUntil(io, [&] { return calls.reload == 1 && probe.seen == 1; }));
    watcher.stop();
    std::raise(SIGHUP);
    REQUIRE(runUntil(io, [&] { return probe.seen == 2; }));
  }
  std::raise(SIGHUP);  // the watcher is gone; its pending wait must not run a handler
  REQUIRE(runUntil(io, [&] { return probe.seen == 3; }));
  io.restart();
  io.poll();
  CHECK(calls.reload == 1);
}
