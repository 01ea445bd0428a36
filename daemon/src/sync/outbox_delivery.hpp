#pragma once
// OutboxDelivery: sends due outbox entries through their connectors, `concurrency` at a time,
// and records each outcome: delivered (the target holds it, sent now or found by read-before-
// write), retried later with exponential backoff (the target was unavailable), or moved to the
// dead-letter queue (rejected by the target, or out of attempts). Entries are claimed
// ("delivering") before they are sent, so after a crash they are sent again — and the
// connectors' read-before-write turns that second send into "already present".
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "connector_set.hpp"
#include "sinkron/daemon/sync/daemon_config.hpp"
#include "sinkron/store/outbox_store.hpp"

namespace sinkron::daemon::sync {

struct DeliveryStats {
  std::uint64_t delivered = 0, alreadyPresent = 0, retryLater = 0, deadLettered = 0;
  std::uint64_t attempts = 0;
};

// Told of each outcome once it is recorded in the store: the entry's connector and "delivered"
// (sent, or already present), "failed" (retried later) or "dead" (dead-lettered).
using DeliveryObserver =
    std::function<void(const std::string& connector, std::string_view outcome)>;

class OutboxDelivery {
 public:
  OutboxDelivery(store::StateStore& store, const ConnectorSet& connectors,
                 const PushSettings& settings)
      : store_(store), outbox_(store), connectors_(connectors), settings_(settings) {}

  // Delivers until nothing is due. Entries waiting for a retry within `waitForRetries` are
  // waited for (bounded); later ones stay for the next run. `stop` ends early between batches.
  Result<DeliveryStats> run(std::chrono::seconds waitForRetries,
                            const std::function<bool()>& stop = {},
                            const DeliveryObserver& observer = {});

 private:
  store::StateStore& store_;
  store::OutboxStore outbox_;
  const ConnectorSet& connectors_;
  const PushSettings& settings_;
};

}  // namespace sinkron::daemon::sync
