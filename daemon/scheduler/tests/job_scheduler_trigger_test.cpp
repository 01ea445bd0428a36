#include <catch2/catch.hpp>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include "scheduler_harness.hpp"
#include "test_time.hpp"

using namespace sinkron::scheduler;
using namespace sinkron::scheduler::testing;

namespace {

const TimePoint kStart = utc(2026, 11, 23, 10, 2, 30);

JobSpec manualJob(const std::string& name) {
  return JobSpec{name, std::nullopt, {}, {}};
}

JobBody immediateBody(std::vector<TriggerKind>* kinds = nullptr) {
  return [kinds](TriggerKind kind, std::function<void()> done) {
    if (kinds) kinds->push_back(kind);  // bodies run on the one io_context thread
    done();
  };
}

CronExpression cron(const std::string& text) {
  auto parsed = CronExpression::parse(text);
  REQUIRE(parsed);
  return *parsed;
}

}  // namespace

TEST_CASE("scheduler: a manual trigger runs the body once", "[scheduler]") {
  std::vector<std::tuple<std::string, TriggerKind, TimePoint>> started;
  SchedulerOptions options;
  options.onRunStarted = [&](const std::string& job, TriggerKind kind, TimePoint at) {
    started.emplace_back(job, kind, at);
  };
  std::vector<TriggerKind> kinds;
  SchedulerHarness h(kStart, options);
  REQUIRE(h.scheduler.add(manualJob("siasn-pull"), immediateBody(&kinds)));
  REQUIRE(h.scheduler.start());

  CHECK(h.scheduler.trigger("siasn-pull") == TriggerOutcome::kStarted);
  REQUIRE(waitFor([&] { return h.state("siasn-pull").lastFinished.has_value(); }));
  REQUIRE(h.sync());

  const JobState state = h.state("siasn-pull");
  CHECK(state.runs == 1);
  CHECK_FALSE(state.running);
  CHECK_FALSE(state.queued);
  CHECK(state.lastStarted == kStart);
  CHECK(state.lastFinished == kStart);
  CHECK_FALSE(state.nextRun);
  CHECK(kinds == std::vector<TriggerKind>{TriggerKind::kManual});
  REQUIRE(started.size() == 1);
  CHECK(started[0] == std::make_tuple(std::string("siasn-pull"), TriggerKind::kManual, kStart));
}

TEST_CASE("scheduler: triggers during a run are coalesced into one queued run", "[scheduler]") {
  HeldRuns held;
  SchedulerHarness h(kStart);
  REQUIRE(h.scheduler.add(manualJob("simpeg-pull"), held.body()));
  REQUIRE(h.scheduler.start());

  CHECK(h.scheduler.trigger("simpeg-pull") == TriggerOutcome::kStarted);
  REQUIRE(waitFor([&] { return held.started() == 1; }));
  CHECK(h.scheduler.trigger("simpeg-pull") == TriggerOutcome::kQueued);
  CHECK(h.scheduler.trigger("simpeg-pull") == TriggerOutcome::kAlreadyQueued);
  CHECK(h.scheduler.trigger("simpeg-pull") == TriggerOutcome::kAlreadyQueued);
  CHECK(h.state("simpeg-pull").queued);

  REQUIRE(held.releaseOne());
  REQUIRE(waitFor([&] { return held.started() == 2; }));
  CHECK_FALSE(h.state("simpeg-pull").queued);
  CHECK(h.state("simpeg-pull").running);
  REQUIRE(held.releaseOne());
  REQUIRE(waitFor([&] { return !h.state("simpeg-pull").running; }));
  REQUIRE(h.sync());

  CHECK(h.state("simpeg-pull").runs == 2);
  CHECK(held.started() == 2);
  CHECK(held.maxHeld() == 1);  // never two runs at once
  CHECK(held.kinds() == std::vector<TriggerKind>{TriggerKind::kManual, TriggerKind::kManual});
}

TEST_CASE("scheduler: triggers from many threads never overlap and none is lost", "[scheduler]") {
  SchedulerHarness h(kStart);
  // Bodies finish on a worker thread, as real jobs do.
  boost::asio::io_context worker;
  auto workerGuard = boost::asio::make_work_guard(worker);
  std::thread workerThread([&] { worker.run(); });
  std::atomic<int> active{0};
  std::atomic<int> maxActive{0};
  std::atomic<int> bodies{0};
  REQUIRE(h.scheduler.add(manualJob("attendance"), [&](TriggerKind, std::function<void()> done) {
    const int now = ++active;
    int seen = maxActive.load();
    while (now > seen && !maxActive.compare_exchange_weak(seen, now)) {
    }
    ++bodies;
    boost::asio::post(worker, [&active, done] {
      --active;
      done();
    });
  }));
  REQUIRE(h.scheduler.start());

  std::atomic<int> acceptedRuns{0};  // kStarted + kQueued: each must become exactly one run
  std::vector<std::thread> callers;
  for (int t = 0; t < 4; ++t) {
    callers.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        const auto outcome = h.scheduler.trigger("attendance");
        if (outcome == TriggerOutcome::kStarted || outcome == TriggerOutcome::kQueued) {
          ++acceptedRuns;
        }
      }
    });
  }
  for (auto& caller : callers) caller.join();
  REQUIRE(waitFor([&] {
    const JobState s = h.state("attendance");
    return !s.running && !s.queued;
  }));
  REQUIRE(h.sync());
  workerGuard.reset();
  workerThread.join();

  CHECK(maxActive.load() == 1);
  CHECK(bodies.load() == acceptedRuns.load());
  CHECK(h.state("attendance").runs == static_cast<std::uint64_t>(acceptedRuns.load()));
}

TEST_CASE("scheduler: stop() lets the running body finish and starts nothing new", "[scheduler]") {
  HeldRuns held;
  SchedulerHarness h(kStart);
  REQUIRE(h.scheduler.add(manualJob("ekinerja-pull"), held.body()));
  REQUIRE(h.scheduler.add(JobSpec{"nightly", cron("0 2 * * *"), {}, Misfire::kRunOnce},
                          immediateBody()));
  REQUIRE(h.scheduler.start());
  REQUIRE(waitFor([&] { return h.state("nightly").nextRun.has_value(); }));

  CHECK(h.scheduler.trigger("ekinerja-pull") == TriggerOutcome::kStarted);
  REQUIRE(waitFor([&] { return held.started() == 1; }));
  CHECK(h.scheduler.trigger("ekinerja-pull") == TriggerOutcome::kQueued);

  std::atomic<bool> idle{false};
  h.scheduler.stop([&] { idle = true; });
  CHECK(h.scheduler.trigger("ekinerja-pull") == TriggerOutcome::kStopping);
  CHECK(h.scheduler.trigger("nightly") == TriggerOutcome::kStopping);
  REQUIRE(h.sync());
  CHECK_FALSE(idle.load());  // the body still runs
  CHECK(h.state("ekinerja-pull").running);
  CHECK_FALSE(h.state("ekinerja-pull").queued);  // the queued run was dropped
  CHECK_FALSE(h.state("nightly").nextRun);

  // The schedule's slot passes while stopping: its timer was cancelled.
  h.clock.set(utc(2026, 11, 24, 2, 0));
  REQUIRE(h.sync());

  REQUIRE(held.releaseOne());
  REQUIRE(waitFor([&] { return idle.load(); }));
  REQUIRE(h.sync());
  CHECK(h.state("ekinerja-pull").runs == 1);
  CHECK(held.started() == 1);
  CHECK(h.state("nightly").runs == 0);

  CHECK_FALSE(h.scheduler.start());
  std::atomic<bool> idleAgain{false};
  h.scheduler.stop([&] { idleAgain = true; });  // a second stop() is answered at once
  CHECK(waitFor([&] { return idleAgain.load(); }));
}

TEST_CASE("scheduler: stop() with nothing running calls back at once", "[scheduler]") {
  SchedulerHarness h(kStart);
  REQUIRE(h.scheduler.add(manualJob("a"), immediateBody()));
  REQUIRE(h.scheduler.start());
  std::atomic<bool> idle{false};
  h.scheduler.stop([&] { idle = true; });
  CHECK(waitFor([&] { return idle.load(); }));
}

TEST_CASE("scheduler: a body that throws, or calls done twice, still finishes once",
          "[scheduler]") {
  SchedulerHarness h(kStart);
  REQUIRE(h.scheduler.add(manualJob("throws"), [](TriggerKind, std::function<void()>) {
    throw std::runtime_error("connector exploded");
  }));
  REQUIRE(h.scheduler.add(manualJob("twice"), [](TriggerKind, std::function<void()> done) {
    done();
    done();
  }));
  REQUIRE(h.scheduler.start());

  CHECK(h.scheduler.trigger("throws") == TriggerOutcome::kStarted);
  REQUIRE(waitFor([&] { return h.state("throws").lastFinished.has_value(); }));
  CHECK(h.scheduler.trigger("twice") == TriggerOutcome::kStarted);
  REQUIRE(waitFor([&] { return h.state("twice").lastFinished.has_value(); }));
  REQUIRE(h.sync());
  CHECK(h.scheduler.trigger("throws") == TriggerOutcome::kStarted);
  REQUIRE(waitFor([&] { return h.state("throws").runs == 2 && !h.state("throws").running; }));

  // Had the second done() counted, the scheduler would never be idle.
  std::atomic<bool> idle{false};
  h.scheduler.stop([&] { idle = true; });
  CHECK(waitFor([&] { return idle.load(); }));
  CHECK(h.state("twice").runs == 1);
}

TEST_CASE("scheduler: unknown jobs and invalid set-up are refused", "[scheduler]") {
  SchedulerHarness h(kStart);
  REQUIRE(h.scheduler.add(manualJob("siasn-push"), immediateBody()));

  SECTION("unknown job") {
    CHECK(h.scheduler.trigger("no-such-job") == TriggerOutcome::kUnknownJob);
  }
  SECTION("duplicate name") {
    auto status = h.scheduler.add(manualJob("siasn-push"), immediateBody());
    REQUIRE_FALSE(status);
    CHECK(status.error().code == sinkron::ErrorCode::kInvalidArgument);
    CHECK(status.error().message == "scheduler: job 'siasn-push' is already added");
  }
  SECTION("empty name, missing body") {
    auto noName = h.scheduler.add(manualJob(""), immediateBody());
    REQUIRE_FALSE(noName);
    CHECK(noName.error().message == "scheduler: a job needs a name");
    auto noBody = h.scheduler.add(manualJob("x"), JobBody{});
    REQUIRE_FALSE(noBody);
    CHECK(noBody.error().message == "scheduler: job 'x' has no body");
  }
  SECTION("a schedule that never matches") {
    auto status = h.scheduler.add(JobSpec{"never", cron("0 0 30 2 *"), {}, Misfire::kRunOnce},
                                  immediateBody());
    REQUIRE_FALSE(status);
    CHECK(status.error().message ==
          "scheduler: job 'never': cron '0 0 30 2 *': no matching minute within 8 years after "
          "2026-11-23 10:02 UTC");
  }
  SECTION("add after start, start twice") {
    REQUIRE(h.scheduler.start());
    auto late = h.scheduler.add(manualJob("late"), immediateBody());
    REQUIRE_FALSE(late);
    CHECK(late.error().message == "scheduler: job 'late' must be added before start()");
    auto again = h.scheduler.start();
    REQUIRE_FALSE(again);
    CHECK(again.error().message == "scheduler: start() called twice");
  }
  SECTION("states are sorted by name") {
    REQUIRE(h.scheduler.add(manualJob("attendance"), immediateBody()));
    const auto states = h.scheduler.states();
    REQUIRE(states.size() == 2);
    CHECK(states[0].name == "attendance");
    CHECK(states[1].name == "siasn-push");
  }
}

TEST_CASE("scheduler: may be destroyed after stop()'s callback while the io_context runs",
          "[scheduler]") {
  boost::asio::io_context io;
  auto guard = boost::asio::make_work_guard(io);
  std::thread ioThread([&] { io.run(); });
  SchedulerOptions options;
  options.minCheckInterval = std::chrono::milliseconds(1);
  options.maxCheckInterval = std::chrono::milliseconds(1);
  auto scheduler = std::make_unique<JobScheduler>(io, options);
  REQUIRE(
      scheduler->add(JobSpec{"minutely", cron("* * * * *"), {}, Misfire::kSkip}, immediateBody()));
  REQUIRE(scheduler->start());
  std::atomic<bool> idle{false};
  scheduler->stop([&] { idle = true; });
  REQUIRE(waitFor([&] { return idle.load(); }));
  scheduler.reset();
  std::atomic<bool> stillRunning{false};
  boost::asio::post(io, [&] { stillRunning = true; });
  CHECK(waitFor([&] { return stillRunning.load(); }));
  guard.reset();
  ioThread.join();
}
