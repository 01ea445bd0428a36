#include "outbox_delivery.hpp"

#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "sinkron/security/masking.hpp"

namespace sinkron::daemon::sync {
namespace {

struct Outcome {
  store::OutboxEntry entry;
  bool ok = false, alreadyPresent = false, permanent = false;
  std::string targetId, error;
};

bool isPermanent(const Error& e) {
  return e.code == ErrorCode::kRejected || e.code == ErrorCode::kInvalidArgument ||
         e.code == ErrorCode::kUnsupported || e.code == ErrorCode::kNotFound;
}

// The earliest retry time among pending entries, 0 when none.
std::int64_t nextRetryAt(store::StateStore& store) {
  std::int64_t at = 0;
  soci::indicator ind = soci::i_null;
  store.session() << "SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending'",
      soci::into(at, ind);
  return ind == soci::i_ok ? at : 0;
}

// Work handed to the delivery threads: all claimed entries of one target, in order (connectors
// serialize pushes per person, so one person's entries on several threads would only wait).
class WorkQueue {
 public:
  void add(std::vector<store::OutboxEntry> group) {
    std::lock_guard lock(mutex_);
    groups_.push_back(std::move(group));
    ready_.notify_one();
  }
  // Blocks until a group is there or the queue is closed (then false).
  bool take(std::vector<store::OutboxEntry>& out) {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return closed_ || !groups_.empty(); });
    if (groups_.empty()) return false;
    out = std::move(groups_.front());
    groups_.pop_front();
    return true;
  }
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    ready_.notify_all();
  }
  void finished(std::vector<Outcome> outcomes) {
    std::lock_guard lock(mutex_);
    for (auto& o : outcomes) done_.push_back(std::move(o));
    --inFlight_;
    doneReady_.notify_one();
  }
  void started(std::size_t groups) {
    std::lock_guard lock(mutex_);
    inFlight_ += groups;
  }
  std::size_t inFlight() {
    std::lock_guard lock(mutex_);
    return inFlight_;
  }
  // Waits (bounded) for finished work and takes it.
  std::vector<Outcome> drain(std::chrono::milliseconds wait) {
    std::unique_lock lock(mutex_);
    doneReady_.wait_for(lock, wait, [&] { return !done_.empty() || inFlight_ == 0; });
    std::vector<Outcome> out(std::make_move_iterator(done_.begin()),
                             std::make_move_iterator(done_.end()));
    done_.clear();
    return out;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_, doneReady_;
  std::deque<std::vector<store::OutboxEntry>> groups_;
  std::vector<Outcome> done_;
  std::size_t inFlight_ = 0;
  bool closed_ = false;
};

}  // namespace

Result<DeliveryStats> OutboxDelivery::run(std::chrono::seconds waitForRetries,
                                          const std::function<bool()>& stop,
                                          const DeliveryObserver& observer) {
  DeliveryStats stats;
  const std::int64_t waitLimit = store::nowMillis() + waitForRetries.count() * 1000;
  const std::size_t threads = static_cast<std::size_t>(settings_.concurrency);
  // Claim more once fewer than this many groups are waiting or running: the threads never idle
  // while entries are due, and little is claimed ahead (a crash leaves few "delivering").
  const std::size_t lowWater = threads * 2;
  const std::size_t claimSize = threads * 4;

  WorkQueue queue;
  auto deliver = [&](const store::OutboxEntry& e) {
    Outcome o;
    o.entry = e;
    connectors::Connector* c = connectors_.find(e.connector);
    if (c == nullptr) {
      o.error = "no connector named '" + e.connector + "' in the configuration";
      return o;  // retried: the config may be fixed and reloaded
    }
    connectors::Change change{e.kind, e.targetKey, e.naturalKey, e.payload};
    Result<connectors::PushResult> r = c->push(change);
    if (r) {
      o.ok = true;
      o.alreadyPresent = r->alreadyPresent;
      o.targetId = r->targetId;
    } else {
      o.permanent = isPermanent(r.error());
      o.error = security::maskIdsInText(r.error().message);
    }
    return o;
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      std::vector<store::OutboxEntry> group;
      while (queue.take(group)) {
        std::vector<Outcome> outcomes;
        for (const auto& e : group) outcomes.push_back(deliver(e));
        queue.finished(std::move(outcomes));
      }
    });
  auto joinPool = [&] {
    queue.close();
    for (auto& t : pool) t.join();
  };

  // Records outcomes: delivered ones in one transaction, failures one by one.
  auto record = [&](std::vector<Outcome>& outcomes) -> Status {
    std::vector<std::pair<std::int64_t, std::string>> delivered;
    for (const Outcome& o : outcomes) {
      ++stats.attempts;
      if (o.ok) {
        delivered.emplace_back(o.entry.id, o.targetId);
        ++(o.alreadyPresent ? stats.alreadyPresent : stats.delivered);
      }
    }
    if (Status s = outbox_.markDeliveredMany(delivered); !s) return s;
    if (observer)
      for (const Outcome& o : outcomes)
        if (o.ok) observer(o.entry.connector, "delivered");
    for (const Outcome& o : outcomes) {
      if (o.ok) continue;
      const store::OutboxEntry& e = o.entry;
      const int attempt = e.attempts + 1;
      auto backoff = settings_.retryBase * (1LL << std::min(attempt - 1, 20));
      if (backoff > settings_.retryCap) backoff = settings_.retryCap;
      const std::int64_t retryAt =
          store::nowMillis() +
          std::chrono::duration_cast<std::chrono::milliseconds>(backoff).count();
      if (Status s = outbox_.markFailed(e.id, o.error, retryAt, settings_.maxAttempts, o.permanent);
          !s)
        return s;
      const bool dead = o.permanent || attempt >= settings_.maxAttempts;
      if (observer) observer(e.connector, dead ? "dead" : "failed");
      if (dead) {
        ++stats.deadLettered;
        spdlog::warn("outbox {} ({} {}): dead-lettered: {}", e.id, e.connector, e.kind, o.error);
      } else {
        ++stats.retryLater;
        spdlog::info("outbox {} ({} {}): attempt {} failed, retry later: {}", e.id, e.connector,
                     e.kind, attempt, o.error);
      }
    }
    return {};
  };

  Status failure;
  bool exhausted = false;  // nothing due now
  for (int round = 0; round < 10000000; ++round) {
    const bool stopping = stop && stop();
    if (!stopping && !exhausted && queue.inFlight() < lowWater) {
      Result<std::vector<store::OutboxEntry>> due = outbox_.claimDue(store::nowMillis(), claimSize);
      if (!due) {
        failure = due.error();
        break;
      }
      if (due->empty()) {
        exhausted = true;
      } else {
        std::unordered_map<std::string, std::size_t> groupOf;
        std::vector<std::vector<store::OutboxEntry>> groups;
        for (auto& e : *due) {
          auto [it, fresh] = groupOf.try_emplace(e.connector + '\n' + e.targetKey, groups.size());
          if (fresh) groups.emplace_back();
          groups[it->second].push_back(std::move(e));
        }
        queue.started(groups.size());
        for (auto& g : groups) queue.add(std::move(g));
      }
    }
    std::vector<Outcome> done = queue.drain(std::chrono::milliseconds(exhausted ? 200 : 5));
    if (!done.empty()) {
      if (Status s = record(done); !s) {
        failure = s;
        break;
      }
      exhausted = false;  // failures may have become due again; claim to see
    }
    if (queue.inFlight() > 0) continue;
    if (stopping) break;
    if (!exhausted) continue;
    // Nothing due and nothing running: wait for a retry that falls within the limit, or end.
    std::int64_t next = 0;
    try {
      next = nextRetryAt(store_);
    } catch (const std::exception& e) {
      failure = Error::io(std::string("reading the outbox: ") + e.what());
      break;
    }
    if (next == 0 || next > waitLimit) break;
    std::int64_t sleep = std::max<std::int64_t>(next - store::nowMillis(), 10);
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min<std::int64_t>(sleep, 1000)));
    exhausted = false;
  }
  // Work in flight is finished and recorded even on the way out (a stop or a store error).
  joinPool();
  std::vector<Outcome> rest = queue.drain(std::chrono::milliseconds(0));
  if (!rest.empty())
    if (Status s = record(rest); !s && failure) failure = s;
  if (!failure) return failure.error();
  return stats;
}

}  // namespace sinkron::daemon::sync
