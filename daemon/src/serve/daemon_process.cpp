#include "daemon_process.hpp"

#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <malloc.h>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdlib>
#include <future>
#include <map>
#include <mutex>
#include <thread>

#include "../sync/connector_set.hpp"
#include "daemon_admin.hpp"
#include "sinkron/attendance/daemon_punch_store.hpp"
#include "sinkron/connectors/attendance/adms_receiver.hpp"
#include "sinkron/daemon/sync/daemon_config.hpp"
#include "sinkron/process/logging.hpp"
#include "sinkron/process/signal_watcher.hpp"
#include "sinkron/process/systemd_notifier.hpp"
#include "sinkron/scheduler/job_scheduler.hpp"
#include "sinkron/security/masking.hpp"

namespace sinkron::daemon {
namespace {

constexpr const char* kSyncJob = "sync";

const char* triggerName(scheduler::TriggerKind k) {
  switch (k) {
    case scheduler::TriggerKind::kSchedule:
      return "schedule";
    case scheduler::TriggerKind::kCatchUp:
      return "catch-up";
    case scheduler::TriggerKind::kManual:
      return "manual";
  }
  return "manual";
}

int exitCodeOfCycle(const sync::CycleSummary& s) {
  return s.status == "ok" ? 0 : s.status == "partial" ? 2 : 1;
}

class Daemon {
 public:
  explicit Daemon(ServeOptions options)
      : opts_(std::move(options)), watchdogTimer_(io_), graceTimer_(io_), usr1_(io_, SIGUSR1) {}

  ~Daemon() {
    for (auto& [job, w] : workers_)
      if (w.joinable()) w.join();
  }

  Status start(sync::DaemonConfig config) {
    config_ = std::make_unique<sync::DaemonConfig>(std::move(config));
    auto store = store::StateStore::open(config_->store);
    if (!store) return store.error();
    store_ = std::move(*store);
    auto connectors = sync::ConnectorSet::create(*config_);
    if (!connectors) return connectors.error();
    connectors_ = std::move(*connectors);
    engine_ = std::make_unique<sync::SyncEngine>(*config_, *store_, *connectors_);
    auto recovered = engine_->recover();
    if (!recovered) return recovered.error();
    spdlog::info("state store schema v{} ({}); recovered: {}", store_->schemaVersion(),
                 config_->store.backend == store::Backend::kSqlite ? "SQLite" : "PostgreSQL",
                 *recovered);

    signals_ = std::make_unique<process::SignalWatcher>(
        io_.get_executor(),
        process::SignalWatcher::Handlers{
            [this](int sig) {
              spdlog::info("signal {}: shutting down", sig);
              beginShutdown();
            },
            [this] { reload(); },
            [](int sig) {
              spdlog::warn("signal {} again: exiting now (every committed batch is kept)", sig);
              std::_Exit(1);
            }});
    if (Status s = signals_->start(); !s) return s;
    armManualTrigger();
    if (config_->admin.enabled) {
      auto admin = DaemonAdmin::start(*config_, hooks());
      if (!admin) return admin.error();
      admin_ = std::move(*admin);
      spdlog::info("admin API at {}", admin_->baseUrl());
    }
    if (config_->attendance.adms) {
      // Devices push punches here; a batch is answered OK only once it is in the store.
      auto punches = attendance::openDaemonPunchStore(config_->store);
      if (!punches) return punches.error();
      auto receiver =
          connectors::attendance::AdmsReceiver::start(*config_->attendance.adms, *punches);
      if (!receiver) return receiver.error();
      adms_ = std::move(*receiver);
      spdlog::info("ADMS receiver for fingerprint devices at {}", adms_->baseUrl());
    }
    if (Status s = startScheduler(!opts_.once); !s) return s;
    if (opts_.once || opts_.runNow) {
      bool running = false;
      for (const auto& st : scheduler_->states()) running = running || st.running;
      if (!running) scheduler_->trigger(kSyncJob);
    }
    armWatchdog();
    (void)notifier_.ready(idleStatus());
    spdlog::info("sinkron serving {} ({}); sync schedule '{}'{}", config_->siteName,
                 config_->timeZone, config_->sync.schedule, opts_.once ? " (one cycle)" : "");
    return {};
  }

  ServeOutcome run() {
    io_.run();
    for (auto& [job, w] : workers_)
      if (w.joinable()) w.join();
    // A serving daemon stopped on request exited cleanly, whatever its last cycle did; with
    // --once the exit code is the cycle's.
    if (!opts_.once) outcome_.exitCode = 0;
    return outcome_;
  }

 private:
  Status startScheduler(bool withSchedule) {
    scheduler::SchedulerOptions so;
    scheduler_ = std::make_unique<scheduler::JobScheduler>(io_, so);
    scheduler::JobSpec spec;
    spec.name = kSyncJob;
    auto zone = scheduler::SiteTimeZone::byName(config_->timeZone);
    if (!zone) return zone.error();
    spec.zone = *zone;
    spec.misfire =
        config_->sync.misfireRunOnce ? scheduler::Misfire::kRunOnce : scheduler::Misfire::kSkip;
    if (withSchedule) {
      auto cron = scheduler::CronExpression::parse(config_->sync.schedule);
      if (!cron)
        return Error::invalid(config_->file.string() + ": sync.schedule: " + cron.error().message);
      spec.schedule = *cron;
    }
    if (Status s = scheduler_->add(spec,
                                   [this](scheduler::TriggerKind k, std::function<void()> done) {
                                     runCycle(k, sync::CycleScope::kFull, std::move(done));
                                   });
        !s)
      return s;
    for (const auto& [job, cronText] :
         withSchedule ? config_->sync.jobSchedules : std::map<std::string, std::string>{}) {
      scheduler::JobSpec extra = spec;
      extra.name = job;
      auto cron = scheduler::CronExpression::parse(cronText);
      if (!cron) return Error::invalid("sync.jobs." + job + ": " + cron.error().message);
      extra.schedule = *cron;
      extra.misfire = scheduler::Misfire::kSkip;  // the next slot comes soon enough
      const auto scope =
          job == "push" ? sync::CycleScope::kPushOnly : sync::CycleScope::kAttendanceOnly;
      if (Status s =
              scheduler_->add(extra,
                              [this, scope](scheduler::TriggerKind k, std::function<void()> done) {
                                runCycle(k, scope, std::move(done));
                              });
          !s)
        return s;
    }
    // The last run in the store tells the misfire rule whether a slot passed while we were down.
    return scheduler_->start([this](const std::string& job) -> std::optional<scheduler::TimePoint> {
      std::int64_t at = 0;
      soci::indicator ind = soci::i_null;
      try {
        store_->session() << "SELECT MAX(started_at) FROM runs WHERE job = :j", soci::use(job),
            soci::into(at, ind);
      } catch (const std::exception& e) {
        spdlog::warn("reading the last run: {}", e.what());
        return std::nullopt;
      }
      if (ind != soci::i_ok) return std::nullopt;
      return scheduler::TimePoint(std::chrono::milliseconds(at));
    });
  }

  void runCycle(scheduler::TriggerKind kind, sync::CycleScope scope, std::function<void()> done) {
    const std::string job(sync::jobName(scope));
    if (auto w = workers_.find(job); w != workers_.end() && w->second.joinable()) w->second.join();
    ++running_;
    (void)notifier_.status("running " + job + " (" + triggerName(kind) + ")");
    workers_[job] = std::thread([this, kind, scope, done = std::move(done)] {
      sync::CycleOptions o;
      o.trigger = triggerName(kind);
      o.scope = scope;
      o.dryRun = opts_.dryRun;
      o.stopRequested = [this] { return stopping_.load(); };
      o.progress = &progress_;
      o.onDelivery = [this](const std::string& connector, std::string_view outcome) {
        if (admin_) admin_->recordPush(connector, outcome);
      };
      Result<sync::CycleSummary> r = Error::internal("not run");
      {
        // Jobs share one store session: one job works at a time, the others wait their turn.
        std::lock_guard lock(engineMutex_);
        r = engine_->runCycle(o);
      }
      boost::asio::post(io_, [this, r = std::move(r), done, scope] {
        cycleDone(r, scope);
        done();
      });
    });
  }

  void cycleDone(const Result<sync::CycleSummary>& r, sync::CycleScope scope) {
    --running_;
    const std::string job(sync::jobName(scope));
    if (auto w = workers_.find(job); w != workers_.end() && w->second.joinable())
      w->second.join();  // it has posted this and is exiting
    if (r && admin_) admin_->recordRun(job, *r);
    if (scope != sync::CycleScope::kFull) {
      if (!r)
        spdlog::error("{} could not run: {}", job, security::maskIdsInText(r.error().message));
      if (running_ == 0 && pending_) applyReload();
      return;
    }
    // Between cycles (hours apart) the daemon holds no connections: the connectors' pools and
    // buffers are released and rebuilt for the next cycle, and freed pages go back to the
    // system, so the idle daemon stays small.
    if (auto fresh = running_ == 0 ? sync::ConnectorSet::create(*config_)
                                   : Result<std::unique_ptr<sync::ConnectorSet>>(
                                         Error::internal("a job is running"));
        fresh) {
      engine_.reset();
      replaceConnectors(std::move(*fresh));
      engine_ = std::make_unique<sync::SyncEngine>(*config_, *store_, *connectors_);
    }
    ::malloc_trim(0);
    if (r) {
      outcome_.lastCycle = *r;
      outcome_.exitCode = exitCodeOfCycle(*r);
      lastStatus_ = "last sync run " + std::to_string(r->runId) + " " + r->status;
    } else {
      outcome_.exitCode = 1;
      lastStatus_ = "last sync failed: " + security::maskIdsInText(r.error().message);
      spdlog::error("sync cycle could not run: {}", security::maskIdsInText(r.error().message));
    }
    if (opts_.once) {
      beginShutdown();
      return;
    }
    if (pending_ && running_ == 0) applyReload();
    (void)notifier_.status(idleStatus());
  }

  std::string idleStatus() const {
    return "idle; " + (lastStatus_.empty() ? std::string("no sync run yet") : lastStatus_);
  }

  void reload() {
    spdlog::info("SIGHUP: reading {} again", opts_.config.string());
    auto next = sync::loadDaemonConfig(opts_.config);
    if (!next) {
      spdlog::error("config reload rejected, the running config stays: {}", next.error().message);
      (void)notifier_.status("config reload rejected: " + next.error().message);
      return;
    }
    if (next->store.connect != config_->store.connect ||
        next->store.backend != config_->store.backend)
      spdlog::warn("config reload: a new state store takes a restart; the current one stays");
    next->store = config_->store;
    pending_ = std::make_unique<sync::DaemonConfig>(std::move(*next));
    if (running_ == 0)
      applyReload();
    else
      spdlog::info("config reload waits for the running cycle");
  }

  void applyReload() {
    std::unique_ptr<sync::DaemonConfig> next = std::move(pending_);
    (void)notifier_.reloading();
    auto connectors = sync::ConnectorSet::create(*next);
    if (!connectors) {
      spdlog::error("config reload rejected, the running config stays: {}",
                    connectors.error().message);
      (void)notifier_.reloaded(idleStatus());
      return;
    }
    // No cycle runs: the engine, connectors and scheduler can be replaced.
    scheduler_->stop();
    retired_.push_back(std::move(scheduler_));
    config_ = std::move(next);
    replaceConnectors(std::move(*connectors));
    engine_ = std::make_unique<sync::SyncEngine>(*config_, *store_, *connectors_);
    if (Status s = startScheduler(true); !s)
      spdlog::error("config reload: scheduler: {}", s.error().message);
    spdlog::info("config reloaded: schedule '{}', {} connectors", config_->sync.schedule,
                 connectors_->all().size());
    (void)notifier_.reloaded(idleStatus());
  }

  // What the admin API may ask: answered on this (the io) thread, waited for at most 5 s.
  template <typename T>
  T onDaemonThread(std::function<T()> work, T fallback) {
    auto promise = std::make_shared<std::promise<T>>();
    auto future = promise->get_future();
    boost::asio::post(io_, [promise, work = std::move(work)] { promise->set_value(work()); });
    if (future.wait_for(std::chrono::seconds(5)) != std::future_status::ready) return fallback;
    return future.get();
  }

  DaemonHooks hooks() {
    DaemonHooks h;
    h.jobs = [this] {
      return onDaemonThread<std::vector<scheduler::JobState>>(
          [this] { return scheduler_ ? scheduler_->states() : std::vector<scheduler::JobState>{}; },
          {});
    };
    h.trigger = [this](const std::string& job) {
      return onDaemonThread<scheduler::TriggerOutcome>(
          [this, job] {
            return stopping_ ? scheduler::TriggerOutcome::kStopping : scheduler_->trigger(job);
          },
          scheduler::TriggerOutcome::kStopping);
    };
    h.shuttingDown = [this] { return stopping_.load(); };
    h.progress = [this] { return progress_.snapshot(); };
    h.httpStats = [this] {
      std::lock_guard lock(connectorsMutex_);
      return std::make_pair(connectorsGeneration_,
                            connectors_ ? connectors_->httpStats()
                                        : std::map<std::string, connectors::http::ClientStats>{});
    };
    return h;
  }

  // On the io thread, with no job running. The admin API reads the set's stats from its own
  // thread: the swap happens under connectorsMutex_, and the generation tells it the counters
  // started again.
  void replaceConnectors(std::unique_ptr<sync::ConnectorSet> fresh) {
    std::lock_guard lock(connectorsMutex_);
    connectors_ = std::move(fresh);
    ++connectorsGeneration_;
  }

  // SIGUSR1: run a sync cycle now (queued once if one is running), for cron-less operations.
  void armManualTrigger() {
    usr1_.async_wait([this](const boost::system::error_code& ec, int) {
      if (ec || stopping_) return;
      auto outcome = scheduler_->trigger(kSyncJob);
      spdlog::info("SIGUSR1: sync cycle {}", outcome == scheduler::TriggerOutcome::kStarted
                                                 ? "started"
                                                 : "queued after the running one");
      armManualTrigger();
    });
  }

  void armWatchdog() {
    auto interval = notifier_.watchdogInterval();
    if (!interval) return;
    watchdogTimer_.expires_after(*interval / 2);
    watchdogTimer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      (void)notifier_.watchdog();
      armWatchdog();
    });
  }

  void beginShutdown() {
    if (stopping_.exchange(true)) return;
    (void)notifier_.stopping();
    graceTimer_.expires_after(opts_.stopGrace);
    graceTimer_.async_wait([](const boost::system::error_code& ec) {
      if (ec) return;
      spdlog::error("the running cycle did not stop in time; exiting (committed work is kept)");
      std::_Exit(1);
    });
    scheduler_->stop([this] {
      graceTimer_.cancel();
      watchdogTimer_.cancel();
      if (signals_) signals_->stop();
      usr1_.cancel();
      if (adms_) adms_->stop();
      if (admin_) admin_->stop();
      for (auto& s : retired_) s->stop();
      spdlog::info("sinkron stopped");
      io_.stop();
    });
  }

  ServeOptions opts_;
  boost::asio::io_context io_;
  std::unique_ptr<sync::DaemonConfig> config_, pending_;
  std::unique_ptr<store::StateStore> store_;
  std::unique_ptr<sync::ConnectorSet> connectors_;
  std::mutex connectorsMutex_;  // connectors_ swaps vs the admin API's stats reads
  std::uint64_t connectorsGeneration_ = 0;
  std::unique_ptr<sync::SyncEngine> engine_;
  std::unique_ptr<scheduler::JobScheduler> scheduler_;
  std::vector<std::unique_ptr<scheduler::JobScheduler>> retired_;
  process::SystemdNotifier notifier_;
  std::unique_ptr<process::SignalWatcher> signals_;
  std::unique_ptr<connectors::attendance::AdmsReceiver> adms_;
  sync::RunProgress progress_;  // of the job holding engineMutex_; read by the admin API
  std::unique_ptr<DaemonAdmin> admin_;
  boost::asio::steady_timer watchdogTimer_, graceTimer_;
  boost::asio::signal_set usr1_;
  std::atomic<bool> stopping_{false};
  int running_ = 0;  // jobs started and not yet done (io thread)
  std::map<std::string, std::thread> workers_;
  std::mutex engineMutex_;
  std::string lastStatus_;
  ServeOutcome outcome_;
};

}  // namespace

Result<ServeOutcome> serveDaemon(const ServeOptions& options) {
  // Delivery runs many threads; with an arena each, freed memory stays scattered and the idle
  // daemon keeps it. Two arenas keep the idle footprint small at no measurable cost.
  ::mallopt(M_ARENA_MAX, 2);
  auto config = sync::loadDaemonConfig(options.config);
  if (!config) return config.error();
  auto logOptions =
      process::parseLogOptions(config->log.format, config->log.level, config->log.file);
  if (!logOptions) return logOptions.error();
  if (Status s = process::setupLogging(*logOptions); !s) return s.error();
  Daemon daemon(options);
  if (Status s = daemon.start(std::move(*config)); !s) return s.error();
  return daemon.run();
}

}  // namespace sinkron::daemon
