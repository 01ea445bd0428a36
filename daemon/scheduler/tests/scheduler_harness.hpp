#pragma once
// A JobScheduler on a real io_context thread with a clock the test sets, and a body whose runs
// wait until the test releases them. Every wait is bounded.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include "sinkron/scheduler/job_scheduler.hpp"

namespace sinkron::scheduler::testing {

class FakeClock {
 public:
  explicit FakeClock(TimePoint start) : nanos_(toNanos(start)) {}
  TimePoint now() {
    reads_.fetch_add(1);
    return TimePoint(
        std::chrono::duration_cast<TimePoint::duration>(std::chrono::nanoseconds(nanos_.load())));
  }
  void set(TimePoint t) { nanos_.store(toNanos(t)); }
  std::uint64_t reads() const { return reads_.load(); }

 private:
  static std::int64_t toNanos(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
  }
  std::atomic<std::int64_t> nanos_;
  std::atomic<std::uint64_t> reads_{0};
};

// Polls `done` every millisecond for up to 5 s.
inline bool waitFor(const std::function<bool()>& done) {
  for (int i = 0; i < 5000; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return done();
}

// Bodies that record their trigger kind and hold `done` until the test releases them.
class HeldRuns {
 public:
  JobBody body() {
    return [this](TriggerKind kind, std::function<void()> done) {
      std::lock_guard lock(mutex_);
      kinds_.push_back(kind);
      pending_.push_back(std::move(done));
      maxHeld_ = std::max(maxHeld_, pending_.size());
    };
  }
  // Finishes the oldest held run; false when none is held.
  bool releaseOne() {
    std::function<void()> done;
    {
      std::lock_guard lock(mutex_);
      if (pending_.empty()) return false;
      done = std::move(pending_.front());
      pending_.pop_front();
    }
    done();
    return true;
  }
  std::size_t started() {
    std::lock_guard lock(mutex_);
    return kinds_.size();
  }
  std::vector<TriggerKind> kinds() {
    std::lock_guard lock(mutex_);
    return kinds_;
  }
  std::size_t maxHeld() {
    std::lock_guard lock(mutex_);
    return maxHeld_;
  }

 private:
  std::mutex mutex_;
  std::vector<TriggerKind> kinds_;
  std::deque<std::function<void()>> pending_;
  std::size_t maxHeld_ = 0;
};

// Members in construction order: the clock and the io_context outlive the scheduler, whose
// io_context thread is joined before anything is destroyed.
struct SchedulerHarness {
  explicit SchedulerHarness(TimePoint start, SchedulerOptions options = {})
      : clock(start), scheduler(io, withTestClock(std::move(options))) {
    thread = std::thread([this] { io.run(); });
  }
  ~SchedulerHarness() {
    work.reset();
    io.stop();
    thread.join();
  }

  JobState state(const std::string& name) const {
    for (const JobState& s : scheduler.states()) {
      if (s.name == name) return s;
    }
    return JobState{};
  }

  // Waits until the io_context has run every handler posted before this call.
  bool sync() {
    auto reached = std::make_shared<std::atomic<bool>>(false);
    boost::asio::post(io, [reached] { *reached = true; });
    return waitFor([&] { return reached->load(); });
  }

  // Lets the schedule timers read the clock a few more times (only while a schedule is armed),
  // then syncs.
  bool settle() {
    const auto before = clock.reads();
    return waitFor([&] { return clock.reads() >= before + 5; }) && sync();
  }

  SchedulerOptions withTestClock(SchedulerOptions options) {
    options.clock = [this] { return clock.now(); };
    options.minCheckInterval = std::chrono::milliseconds(1);
    options.maxCheckInterval = std::chrono::milliseconds(2);
    return options;
  }

  FakeClock clock;
  boost::asio::io_context io;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work =
      boost::asio::make_work_guard(io);
  JobScheduler scheduler;
  std::thread thread;
};

}  // namespace sinkron::scheduler::testing
