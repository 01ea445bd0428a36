#include "sinkron/scheduler/job_scheduler.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <utility>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

namespace sinkron::scheduler {
namespace {

using namespace std::chrono;

// A step of the wall clock back by at most this much does not re-run a slot that already fired
// (an NTP correction just after 02:00); a larger step re-aims at the slots after the new time.
constexpr auto kBackStepTolerance = hours(3);

}  // namespace

struct JobScheduler::Impl : std::enable_shared_from_this<Impl> {
  struct Job {
    JobSpec spec;
    JobBody body;
    std::unique_ptr<boost::asio::steady_timer> timer;
    JobState state;
    std::optional<TimePoint> lastSlot;  // the last schedule slot that came due
  };

  Impl(boost::asio::io_context& io, SchedulerOptions options)
      : io(io), options(std::move(options)) {
    this->options.maxCheckInterval =
        std::max(this->options.maxCheckInterval, this->options.minCheckInterval);
  }

  TimePoint now() const { return options.clock(); }

  // Lock held, job not running.
  void beginRun(Job& job, TriggerKind kind) {
    job.state.running = true;
    job.state.queued = false;
    job.state.runs += 1;
    const TimePoint started = now();
    job.state.lastStarted = started;
    ++running;
    boost::asio::post(io, [weak = weak_from_this(), job = &job, kind, started] {
      if (auto self = weak.lock()) self->invokeBody(*job, kind, started);
    });
  }

  // io_context thread, no lock: bodies and hooks may call back into the scheduler.
  void invokeBody(Job& job, TriggerKind kind, TimePoint started) {
    if (options.onRunStarted) options.onRunStarted(job.spec.name, kind, started);
    auto called = std::make_shared<std::atomic<bool>>(false);
    std::function<void()> done = [weak = weak_from_this(), ioc = &io, job = &job, called] {
      if (called->exchange(true)) return;
      boost::asio::post(*ioc, [weak, job] {
        if (auto self = weak.lock()) self->finishRun(*job);
      });
    };
    try {
      job.body(kind, done);
    } catch (...) {
      done();  // a body that throws has finished; a later done() is ignored
    }
  }

  void finishRun(Job& job) {
    std::lock_guard lock(mutex);
    job.state.running = false;
    job.state.lastFinished = now();
    --running;
    if (job.state.queued && !stopping) beginRun(job, TriggerKind::kManual);
    if (stopping && running == 0) {
      for (auto& waiter : idleWaiters) boost::asio::post(io, std::move(waiter));
      idleWaiters.clear();
    }
  }

  // Lock held, io_context thread. Re-aims the timer from the clock at every check so that a clock
  // step re-plans instead of firing each missed slot in turn.
  void arm(Job& job, TimePoint current) {
    TimePoint from = current;
    if (job.lastSlot && *job.lastSlot > current && *job.lastSlot - current <= kBackStepTolerance) {
      from = *job.lastSlot;
    }
    auto due = nextRun(*job.spec.schedule, job.spec.zone, from);
    if (!due) {
      job.state.nextRun.reset();
      return;
    }
    job.state.nextRun = *due;
    const auto wait = std::clamp(ceil<milliseconds>(*due - current), options.minCheckInterval,
                                 options.maxCheckInterval);
    job.timer->expires_after(wait);
    job.timer->async_wait([weak = weak_from_this(), job = &job](boost::system::error_code ec) {
      if (ec) return;
      if (auto self = weak.lock()) self->onTimer(*job);
    });
  }

  void onTimer(Job& job) {
    std::lock_guard lock(mutex);
    if (stopping) return;
    const TimePoint current = now();
    if (job.state.nextRun && current >= *job.state.nextRun) {
      job.lastSlot = *job.state.nextRun;
      if (job.state.running) {
        job.state.skippedOverlaps += 1;
      } else {
        beginRun(job, TriggerKind::kSchedule);
      }
    }
    arm(job, current);
  }

  void startOnIo(const LastRunLookup& lastRun) {
    // The lookup may read the state store: ask before taking the lock.
    std::map<std::string, std::optional<TimePoint>> lastRuns;
    if (lastRun) {
      for (auto& [name, job] : jobs) {
        if (job.spec.schedule && job.spec.misfire == Misfire::kRunOnce) {
          lastRuns[name] = lastRun(name);
        }
      }
    }
    std::lock_guard lock(mutex);
    if (stopping) return;
    const TimePoint current = now();
    for (auto& [name, job] : jobs) {
      if (!job.spec.schedule) continue;
      if (auto found = lastRuns.find(name); found != lastRuns.end() && found->second) {
        auto missed = nextRun(*job.spec.schedule, job.spec.zone, *found->second);
        if (missed && *missed <= current && !job.state.running) {
          beginRun(job, TriggerKind::kCatchUp);
        }
      }
      arm(job, current);
    }
  }

  void cancelTimers() {
    std::lock_guard lock(mutex);
    for (auto& [name, job] : jobs) job.timer->cancel();
  }

  boost::asio::io_context& io;
  SchedulerOptions options;
  mutable std::mutex mutex;
  std::map<std::string, Job> jobs;  // nodes never move or go away: handlers hold Job*
  bool started = false;
  bool stopping = false;
  int running = 0;
  std::vector<std::function<void()>> idleWaiters;
};

JobScheduler::JobScheduler(boost::asio::io_context& io, SchedulerOptions options)
    : impl_(std::make_shared<Impl>(io, std::move(options))) {}

JobScheduler::~JobScheduler() {
  std::lock_guard lock(impl_->mutex);
  impl_->stopping = true;
}

Status JobScheduler::add(JobSpec spec, JobBody body) {
  std::lock_guard lock(impl_->mutex);
  if (impl_->started || impl_->stopping) {
    return Error::invalid("scheduler: job '" + spec.name + "' must be added before start()");
  }
  if (spec.name.empty()) return Error::invalid("scheduler: a job needs a name");
  if (!body) return Error::invalid("scheduler: job '" + spec.name + "' has no body");
  if (impl_->jobs.count(spec.name) != 0) {
    return Error::invalid("scheduler: job '" + spec.name + "' is already added");
  }
  if (spec.schedule) {
    auto first = nextRun(*spec.schedule, spec.zone, impl_->now());
    if (!first) {
      return Error::invalid("scheduler: job '" + spec.name + "': " + first.error().message);
    }
  }
  Impl::Job job;
  job.state.name = spec.name;
  job.spec = std::move(spec);
  job.body = std::move(body);
  job.timer = std::make_unique<boost::asio::steady_timer>(impl_->io);
  const std::string name = job.spec.name;
  impl_->jobs.emplace(name, std::move(job));
  return {};
}

Status JobScheduler::start(LastRunLookup lastRun) {
  std::lock_guard lock(impl_->mutex);
  if (impl_->stopping) return Error::invalid("scheduler: start() after stop()");
  if (impl_->started) return Error::invalid("scheduler: start() called twice");
  impl_->started = true;
  boost::asio::post(impl_->io, [weak = std::weak_ptr<Impl>(impl_), lastRun = std::move(lastRun)] {
    if (auto self = weak.lock()) self->startOnIo(lastRun);
  });
  return {};
}

TriggerOutcome JobScheduler::trigger(const std::string& job) {
  std::lock_guard lock(impl_->mutex);
  if (impl_->stopping) return TriggerOutcome::kStopping;
  auto found = impl_->jobs.find(job);
  if (found == impl_->jobs.end()) return TriggerOutcome::kUnknownJob;
  JobState& state = found->second.state;
  if (!state.running) {
    impl_->beginRun(found->second, TriggerKind::kManual);
    return TriggerOutcome::kStarted;
  }
  if (state.queued) return TriggerOutcome::kAlreadyQueued;
  state.queued = true;
  return TriggerOutcome::kQueued;
}

void JobScheduler::stop(std::function<void()> whenIdle) {
  std::lock_guard lock(impl_->mutex);
  impl_->stopping = true;
  for (auto& [name, job] : impl_->jobs) {
    job.state.queued = false;
    job.state.nextRun.reset();
  }
  // Cancel first: whenIdle, posted now or by the last finishRun, then runs after it.
  boost::asio::post(impl_->io, [weak = std::weak_ptr<Impl>(impl_)] {
    if (auto self = weak.lock()) self->cancelTimers();
  });
  if (whenIdle) {
    if (impl_->running == 0) {
      boost::asio::post(impl_->io, std::move(whenIdle));
    } else {
      impl_->idleWaiters.push_back(std::move(whenIdle));
    }
  }
}

std::vector<JobState> JobScheduler::states() const {
  std::lock_guard lock(impl_->mutex);
  std::vector<JobState> states;
  states.reserve(impl_->jobs.size());
  for (const auto& [name, job] : impl_->jobs) states.push_back(job.state);
  return states;
}

}  // namespace sinkron::scheduler
