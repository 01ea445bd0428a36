#pragma once
// OutboxStore: pushes decided by a sync are written here in the same transaction as the state
// they came from, then delivered. Delivery is at-least-once (an entry claimed before a crash is
// handed out again after restart) and made effectively once by the connectors' read-before-write
// and by the natural key: one entry per (connector, natural key), however often it is planned.
// After too many failures an entry moves to the dead-letter queue with the reason, where a person
// can replay or discard it.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sinkron/result.hpp"
#include "sinkron/store/state_store.hpp"

namespace sinkron::store {

struct NewOutboxEntry {
  std::string connector, kind, targetKey, naturalKey, payload;
  std::int64_t runId = 0;
};

struct OutboxEntry {
  std::int64_t id = 0;
  std::string connector, kind, targetKey, naturalKey, payload;
  std::string status;  // pending, delivering, delivered, dead
  int attempts = 0;
  std::int64_t nextAttemptAt = 0, createdAt = 0;
  std::string lastError, targetId;
};

struct DeadLetter {
  std::int64_t id = 0, outboxId = 0;
  std::string connector, kind, targetKey, naturalKey, payload, reason;
  int attempts = 0;
  std::int64_t movedAt = 0;
  std::string status;  // waiting, replayed, discarded
};

struct EnqueueResult {
  std::int64_t id = 0;
  bool created = false;  // false: the natural key was already in the outbox (nothing added)
};

struct OutboxCounts {
  std::uint64_t pending = 0, delivering = 0, delivered = 0, dead = 0, deadLettersWaiting = 0;
};

class OutboxStore {
 public:
  explicit OutboxStore(StateStore& store) : store_(store) {}

  // Inside the caller's transaction (with the state the push came from).
  static Result<EnqueueResult> enqueue(soci::session& sql, const NewOutboxEntry& entry);

  // Entries due at `now`, marked delivering (at most `limit`, oldest first).
  Result<std::vector<OutboxEntry>> claimDue(std::int64_t now, std::size_t limit);
  Status markDelivered(std::int64_t id, const std::string& targetId);
  // The same for many entries (id, target id) in one transaction.
  Status markDeliveredMany(const std::vector<std::pair<std::int64_t, std::string>>& delivered);
  // Records a failed attempt: retried at `retryAt`, or moved to the dead-letter queue when
  // `attempts` reaches `maxAttempts` or `permanent` (a 4xx the target will never accept).
  Status markFailed(std::int64_t id, const std::string& error, std::int64_t retryAt,
                    int maxAttempts, bool permanent);
  // After a restart: entries left "delivering" by a crash are pending again.
  Result<std::uint64_t> recoverInFlight();

  Result<std::vector<OutboxEntry>> list(const std::string& status, std::size_t limit,
                                        std::size_t offset = 0);
  Result<std::vector<DeadLetter>> deadLetters(std::size_t limit, std::size_t offset = 0);
  // A person sends selected dead letters back to the outbox (attempts reset) or discards them;
  // both are written to the change history with the actor and reason.
  Result<std::uint64_t> replay(const std::vector<std::int64_t>& deadLetterIds,
                               const std::string& actor, const std::string& reason);
  Result<std::uint64_t> discard(const std::vector<std::int64_t>& deadLetterIds,
                                const std::string& actor, const std::string& reason);
  Result<OutboxCounts> counts();

 private:
  StateStore& store_;
};

}  // namespace sinkron::store
