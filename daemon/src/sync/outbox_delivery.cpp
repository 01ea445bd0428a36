#include "outbox_delivery.hpp"

#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <thread>

#include "sinkron/security/masking.hpp"

namespace sinkron::daemon::sync {
namespace {

struct Outcome {
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

}  // namespace

Result<DeliveryStats> OutboxDelivery::run(std::chrono::seconds waitForRetries,
                                          const std::function<bool()>& stop) {
  DeliveryStats stats;
  const std::int64_t waitLimit = store::nowMillis() + waitForRetries.count() * 1000;
  const std::size_t batch = static_cast<std::size_t>(settings_.concurrency) * 8;
  for (int round = 0; round < 1000000; ++round) {
    if (stop && stop()) break;
    Result<std::vector<store::OutboxEntry>> due = outbox_.claimDue(store::nowMillis(), batch);
    if (!due) return due.error();
    if (due->empty()) {
      std::int64_t next = 0;
      try {
        next = nextRetryAt(store_);
      } catch (const std::exception& e) {
        return Error::io(std::string("reading the outbox: ") + e.what());
      }
      if (next == 0 || next > waitLimit) break;
      std::int64_t sleep = std::max<std::int64_t>(next - store::nowMillis(), 10);
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min<std::int64_t>(sleep, 1000)));
      continue;
    }
    std::vector<Outcome> outcomes(due->size());
    std::atomic<std::size_t> nextIndex{0};
    auto worker = [&] {
      for (std::size_t i = nextIndex++; i < due->size(); i = nextIndex++) {
        const store::OutboxEntry& e = (*due)[i];
        Outcome& o = outcomes[i];
        connectors::Connector* c = connectors_.find(e.connector);
        if (c == nullptr) {
          o.error = "no connector named '" + e.connector + "' in the configuration";
          continue;  // retried: the config may be fixed and reloaded
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
      }
    };
    std::size_t threads = std::min<std::size_t>(settings_.concurrency, due->size());
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();

    for (std::size_t i = 0; i < due->size(); ++i) {
      const store::OutboxEntry& e = (*due)[i];
      const Outcome& o = outcomes[i];
      ++stats.attempts;
      if (o.ok) {
        if (Status s = outbox_.markDelivered(e.id, o.targetId); !s) return s.error();
        ++(o.alreadyPresent ? stats.alreadyPresent : stats.delivered);
        continue;
      }
      const int attempt = e.attempts + 1;
      auto backoff = settings_.retryBase * (1LL << std::min(attempt - 1, 20));
      if (backoff > settings_.retryCap) backoff = settings_.retryCap;
      const std::int64_t retryAt =
          store::nowMillis() + std::chrono::duration_cast<std::chrono::milliseconds>(backoff).count();
      if (Status s = outbox_.markFailed(e.id, o.error, retryAt, settings_.maxAttempts, o.permanent);
          !s)
        return s.error();
      if (o.permanent || attempt >= settings_.maxAttempts) {
        ++stats.deadLettered;
        spdlog::warn("outbox {} ({} {}): dead-lettered: {}", e.id, e.connector, e.kind, o.error);
      } else {
        ++stats.retryLater;
        spdlog::info("outbox {} ({} {}): attempt {} failed, retry later: {}", e.id, e.connector,
                     e.kind, attempt, o.error);
      }
    }
  }
  return stats;
}

}  // namespace sinkron::daemon::sync
