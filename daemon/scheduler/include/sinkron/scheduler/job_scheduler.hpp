#pragma once
// JobScheduler: runs the daemon's named jobs on cron schedules and on demand, on an io_context
// the caller owns and runs on one thread.
//
// Rules:
//  - Never two runs of one job at once. A schedule tick while the job runs is dropped and counted
//    (skippedOverlaps); a manual trigger while it runs queues ONE follow-up run (coalesced).
//  - Timers are re-armed from the clock at every check (at least minCheckInterval, at most
//    maxCheckInterval apart), so a wall-clock step never fires missed slots in a loop: after a
//    jump forward the due slot runs once, then the next slot after "now" is awaited.
//  - After downtime (start() sees a slot between the job's last run and now) Misfire::kRunOnce
//    runs exactly one catch-up run, Misfire::kSkip runs none.
//  - stop(): no new run starts, queued runs are dropped, running bodies finish; a callback says
//    when the last one did.
//
// Threading: trigger(), stop() and states() may be called from any thread. add() and start()
// before the io_context runs or on its thread. Bodies are invoked on the io_context thread and
// should hand long work to another thread; `done` may be called from any thread.
// Lifetime: the io_context outlives the scheduler. Destroy the scheduler after stop()'s callback
// ran (its timers are cancelled by then) or once the io_context no longer runs; handlers still
// pending hold only weak references and then do nothing.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "sinkron/result.hpp"
#include "sinkron/scheduler/cron_expression.hpp"
#include "sinkron/scheduler/site_time_zone.hpp"

namespace sinkron::scheduler {

using TimePoint = std::chrono::system_clock::time_point;

// What to do about scheduled slots missed while the daemon was down.
enum class Misfire { kRunOnce, kSkip };

struct JobSpec {
  std::string name;                        // unique; "siasn-pull"
  std::optional<CronExpression> schedule;  // nullopt: manual triggers only
  SiteTimeZone zone;                       // the schedule's civil time (default UTC)
  Misfire misfire = Misfire::kRunOnce;
};

enum class TriggerKind {
  kSchedule,  // a cron slot came due
  kManual,    // trigger(), or the follow-up run it queued
  kCatchUp,   // start() found a slot missed while the daemon was down (Misfire::kRunOnce)
};

// The job's work. It MUST call done() exactly once when finished (later calls are ignored); it
// may call it from another thread. A body that throws counts as finished.
using JobBody = std::function<void(TriggerKind kind, std::function<void()> done)>;

enum class TriggerOutcome {
  kStarted,        // a run was started
  kQueued,         // the job is running; one follow-up run will start when it finishes
  kAlreadyQueued,  // a follow-up run was already queued; nothing more is queued
  kUnknownJob,
  kStopping,  // stop() was called
};

struct JobState {
  std::string name;
  bool running = false;
  bool queued = false;
  std::optional<TimePoint> nextRun;  // next scheduled slot (nullopt: manual only, or stopped)
  std::optional<TimePoint> lastStarted;
  std::optional<TimePoint> lastFinished;
  std::uint64_t runs = 0;             // runs started, of every kind
  std::uint64_t skippedOverlaps = 0;  // schedule ticks dropped because the job was running
};

struct SchedulerOptions {
  std::function<TimePoint()> clock = std::chrono::system_clock::now;
  std::chrono::milliseconds minCheckInterval{1000};
  std::chrono::milliseconds maxCheckInterval{60000};  // bounds the delay to notice a clock jump
  // Called on the io_context thread as each run starts, e.g. to persist when the job last ran
  // (what start()'s lookup returns after a restart).
  std::function<void(const std::string& job, TriggerKind kind, TimePoint started)> onRunStarted;
};

// When the job last started a run (as recorded through onRunStarted), nullopt if never.
using LastRunLookup = std::function<std::optional<TimePoint>(const std::string& job)>;

class JobScheduler {
 public:
  explicit JobScheduler(boost::asio::io_context& io, SchedulerOptions options = {});
  ~JobScheduler();
  JobScheduler(const JobScheduler&) = delete;
  JobScheduler& operator=(const JobScheduler&) = delete;

  // Error for a duplicate or empty name, a missing body, a schedule that never matches, or
  // after start().
  Status add(JobSpec spec, JobBody body);

  // Arms the schedules and runs the catch-ups the misfire rule asks for (on the io_context).
  // Error when called twice or after stop().
  Status start(LastRunLookup lastRun = {});

  // Starts a manual run now (kManual), or queues one follow-up run if the job is running.
  // Works before start() too; the run begins once the io_context runs.
  TriggerOutcome trigger(const std::string& job);

  // whenIdle runs on the io_context thread once the timers are cancelled and no body is running.
  void stop(std::function<void()> whenIdle = {});

  std::vector<JobState> states() const;  // sorted by name

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace sinkron::scheduler
