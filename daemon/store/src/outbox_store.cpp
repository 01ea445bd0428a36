#include "sinkron/store/outbox_store.hpp"

#include <soci/soci.h>

#include "sinkron/store/change_history.hpp"

namespace sinkron::store {
namespace {

std::int64_t integer(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return 0;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_long_long:
      return r.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<std::int64_t>(r.get<unsigned long long>(i));
    case soci::dt_integer:
      return r.get<int>(i);
    case soci::dt_double:
      return static_cast<std::int64_t>(r.get<double>(i));
    default:
      return std::stoll(r.get<std::string>(i));
  }
}

std::string text(const soci::row& r, std::size_t i) {
  return r.get_indicator(i) == soci::i_null ? std::string() : r.get<std::string>(i);
}

constexpr const char* kEntryColumns =
    "id, connector, kind, target_key, natural_key, payload, status, attempts, next_attempt_at, "
    "created_at, last_error, target_id";

OutboxEntry entryOf(const soci::row& r) {
  OutboxEntry e;
  e.id = integer(r, 0);
  e.connector = text(r, 1);
  e.kind = text(r, 2);
  e.targetKey = text(r, 3);
  e.naturalKey = text(r, 4);
  e.payload = text(r, 5);
  e.status = text(r, 6);
  e.attempts = static_cast<int>(integer(r, 7));
  e.nextAttemptAt = integer(r, 8);
  e.createdAt = integer(r, 9);
  e.lastError = text(r, 10);
  e.targetId = text(r, 11);
  return e;
}

template <typename Fn>
auto guarded(const std::string& what, Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const std::exception& e) {
    return Error::io("outbox: " + what + ": " + e.what());
  }
}

}  // namespace

Result<EnqueueResult> OutboxStore::enqueue(soci::session& sql, const NewOutboxEntry& n) {
  if (n.connector.empty() || n.kind.empty() || n.naturalKey.empty())
    return Error::invalid("outbox: an entry needs a connector, a kind and a natural key");
  long long existing = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT id FROM outbox WHERE connector = :c AND natural_key = :k", soci::use(n.connector),
      soci::use(n.naturalKey), soci::into(existing, ind);
  if (sql.got_data() && ind == soci::i_ok) return EnqueueResult{existing, false};
  std::int64_t now = nowMillis();
  std::string status = "pending";
  sql << "INSERT INTO outbox (connector, kind, target_key, natural_key, payload, status, "
         "attempts, next_attempt_at, run_id, created_at) VALUES (:c, :kind, :t, :k, :p, :s, 0, "
         ":due, :run, :now)",
      soci::use(n.connector), soci::use(n.kind), soci::use(n.targetKey), soci::use(n.naturalKey),
      soci::use(n.payload), soci::use(status), soci::use(now), soci::use(n.runId), soci::use(now);
  long long id = 0;
  sql << "SELECT id FROM outbox WHERE connector = :c AND natural_key = :k", soci::use(n.connector),
      soci::use(n.naturalKey), soci::into(id);
  return EnqueueResult{id, true};
}

Result<std::vector<OutboxEntry>> OutboxStore::claimDue(std::int64_t now, std::size_t limit) {
  std::vector<OutboxEntry> out;
  Status s = store_.transaction("claiming due entries", [&](soci::session& sql) -> Status {
    long long lim = static_cast<long long>(limit);
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT " << kEntryColumns
                     << " FROM outbox WHERE status = 'pending' AND next_attempt_at <= :now "
                        "ORDER BY next_attempt_at, id LIMIT :lim",
         soci::use(now), soci::use(lim));
    for (const soci::row& r : rows) out.push_back(entryOf(r));
    for (OutboxEntry& e : out) {
      long long id = e.id;
      sql << "UPDATE outbox SET status = 'delivering' WHERE id = :id", soci::use(id);
      e.status = "delivering";
    }
    return {};
  });
  if (!s) return s.error();
  return out;
}

Status OutboxStore::markDelivered(std::int64_t id, const std::string& targetId) {
  return store_.transaction(
      "marking entry " + std::to_string(id) + " delivered", [&](soci::session& sql) -> Status {
        std::int64_t now = nowMillis();
        long long key = id;
        sql << "UPDATE outbox SET status = 'delivered', delivered_at = :now, target_id = :t, "
               "attempts = attempts + 1, last_error = NULL WHERE id = :id",
            soci::use(now), soci::use(targetId), soci::use(key);
        return {};
      });
}

Status OutboxStore::markDeliveredMany(
    const std::vector<std::pair<std::int64_t, std::string>>& delivered) {
  if (delivered.empty()) return {};
  return store_.transaction("marking delivered entries", [&](soci::session& sql) -> Status {
    std::int64_t now = nowMillis();
    long long key = 0;
    std::string targetId;
    soci::statement st =
        (sql.prepare << "UPDATE outbox SET status = 'delivered', delivered_at = :now, "
                        "target_id = :t, attempts = attempts + 1, last_error = NULL WHERE id = :id",
         soci::use(now), soci::use(targetId), soci::use(key));
    for (const auto& [id, target] : delivered) {
      key = id;
      targetId = target;
      st.execute(true);
      // The history says what sinkron changed in which system, with the target's id.
      if (Status h = ChangeHistory::append(sql, {"sinkron", "outbox", std::to_string(id), "status",
                                                 "delivering", "delivered",
                                                 target.empty() ? "" : "target id " + target, 0});
          !h)
        return h;
    }
    return {};
  });
}

Status OutboxStore::markFailed(std::int64_t id, const std::string& error, std::int64_t retryAt,
                               int maxAttempts, bool permanent) {
  return store_.transaction(
      "recording a failed delivery of entry " + std::to_string(id),
      [&](soci::session& sql) -> Status {
        long long key = id;
        soci::rowset<soci::row> rows =
            (sql.prepare << "SELECT " << kEntryColumns << " FROM outbox WHERE id = :id",
             soci::use(key));
        std::optional<OutboxEntry> found;
        for (const soci::row& r : rows) found = entryOf(r);
        if (!found) return Error::notFound("outbox: no entry " + std::to_string(id));
        int attempts = found->attempts + 1;
        if (!permanent && attempts < maxAttempts) {
          sql << "UPDATE outbox SET status = 'pending', attempts = :a, next_attempt_at = :due, "
                 "last_error = :e WHERE id = :id",
              soci::use(attempts), soci::use(retryAt), soci::use(error), soci::use(key);
          return {};
        }
        std::int64_t now = nowMillis();
        std::string reason =
            permanent ? "rejected: " + error
                      : "gave up after " + std::to_string(attempts) + " attempts: " + error;
        sql << "UPDATE outbox SET status = 'dead', attempts = :a, last_error = :e WHERE id = :id",
            soci::use(attempts), soci::use(error), soci::use(key);
        sql << "INSERT INTO dead_letters (outbox_id, connector, kind, target_key, natural_key, "
               "payload, attempts, reason, moved_at, status) VALUES (:o, :c, :k, :t, :n, :p, :a, "
               ":r, "
               ":m, 'waiting')",
            soci::use(key), soci::use(found->connector), soci::use(found->kind),
            soci::use(found->targetKey), soci::use(found->naturalKey), soci::use(found->payload),
            soci::use(attempts), soci::use(reason), soci::use(now);
        return ChangeHistory::append(sql, {"sinkron", "outbox", std::to_string(id), "status",
                                           "delivering", "dead", reason, 0});
      });
}

Result<std::uint64_t> OutboxStore::recoverInFlight() {
  std::uint64_t n = 0;
  Status s = store_.transaction("recovering in-flight entries", [&](soci::session& sql) -> Status {
    long long count = 0;
    sql << "SELECT COUNT(*) FROM outbox WHERE status = 'delivering'", soci::into(count);
    sql << "UPDATE outbox SET status = 'pending' WHERE status = 'delivering'";
    n = static_cast<std::uint64_t>(count);
    return {};
  });
  if (!s) return s.error();
  return n;
}

Result<std::vector<OutboxEntry>> OutboxStore::list(const std::string& status, std::size_t limit,
                                                   std::size_t offset) {
  return guarded("listing", [&]() -> Result<std::vector<OutboxEntry>> {
    std::vector<OutboxEntry> out;
    long long lim = static_cast<long long>(limit), off = static_cast<long long>(offset);
    soci::rowset<soci::row> rows =
        (store_.session().prepare << "SELECT " << kEntryColumns
                                  << " FROM outbox WHERE status = :s ORDER BY id LIMIT :l "
                                     "OFFSET :o",
         soci::use(status), soci::use(lim), soci::use(off));
    for (const soci::row& r : rows) out.push_back(entryOf(r));
    return out;
  });
}

Result<std::vector<DeadLetter>> OutboxStore::deadLetters(std::size_t limit, std::size_t offset) {
  return guarded("listing dead letters", [&]() -> Result<std::vector<DeadLetter>> {
    std::vector<DeadLetter> out;
    long long lim = static_cast<long long>(limit), off = static_cast<long long>(offset);
    soci::rowset<soci::row> rows =
        (store_.session().prepare
             << "SELECT id, outbox_id, connector, kind, target_key, natural_key, payload, reason, "
                "attempts, moved_at, status FROM dead_letters ORDER BY id LIMIT :l OFFSET :o",
         soci::use(lim), soci::use(off));
    for (const soci::row& r : rows) {
      DeadLetter d;
      d.id = integer(r, 0);
      d.outboxId = integer(r, 1);
      d.connector = text(r, 2);
      d.kind = text(r, 3);
      d.targetKey = text(r, 4);
      d.naturalKey = text(r, 5);
      d.payload = text(r, 6);
      d.reason = text(r, 7);
      d.attempts = static_cast<int>(integer(r, 8));
      d.movedAt = integer(r, 9);
      d.status = text(r, 10);
      out.push_back(std::move(d));
    }
    return out;
  });
}

namespace {

Result<std::uint64_t> handleDeadLetters(StateStore& store, const std::vector<std::int64_t>& ids,
                                        const std::string& actor, const std::string& reason,
                                        bool replay) {
  if (actor.empty() || reason.empty())
    return Error::invalid("dead letters: who and why are required (they go to the history)");
  std::uint64_t handled = 0;
  Status s = store.transaction(
      replay ? "replaying dead letters" : "discarding dead letters",
      [&](soci::session& sql) -> Status {
        for (std::int64_t id : ids) {
          long long key = id, outboxId = 0;
          std::string status;
          soci::indicator ind = soci::i_null;
          sql << "SELECT outbox_id, status FROM dead_letters WHERE id = :id", soci::use(key),
              soci::into(outboxId), soci::into(status, ind);
          if (!sql.got_data())
            return Error::notFound("dead letter " + std::to_string(id) + " not found");
          if (status != "waiting")
            return Error::invalid("dead letter " + std::to_string(id) + " was already " + status);
          std::int64_t now = nowMillis();
          std::string next = replay ? "replayed" : "discarded";
          sql << "UPDATE dead_letters SET status = :s, handled_by = :a, handled_at = :t WHERE id = "
                 ":id",
              soci::use(next), soci::use(actor), soci::use(now), soci::use(key);
          if (replay)
            sql << "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = :t, "
                   "last_error = NULL WHERE id = :o",
                soci::use(now), soci::use(outboxId);
          Status h = ChangeHistory::append(sql, {actor, "dead_letter", std::to_string(id), "status",
                                                 "waiting", next, reason, 0});
          if (!h) return h;
          ++handled;
        }
        return {};
      });
  if (!s) return s.error();
  return handled;
}

}  // namespace

Result<std::uint64_t> OutboxStore::replay(const std::vector<std::int64_t>& ids,
                                          const std::string& actor, const std::string& reason) {
  return handleDeadLetters(store_, ids, actor, reason, true);
}

Result<std::uint64_t> OutboxStore::discard(const std::vector<std::int64_t>& ids,
                                           const std::string& actor, const std::string& reason) {
  return handleDeadLetters(store_, ids, actor, reason, false);
}

Result<OutboxCounts> OutboxStore::counts() {
  return guarded("counting", [&]() -> Result<OutboxCounts> {
    OutboxCounts c;
    soci::rowset<soci::row> rows =
        (store_.session().prepare << "SELECT status, COUNT(*) FROM outbox GROUP BY status");
    for (const soci::row& r : rows) {
      std::string s = text(r, 0);
      auto n = static_cast<std::uint64_t>(integer(r, 1));
      if (s == "pending") c.pending = n;
      if (s == "delivering") c.delivering = n;
      if (s == "delivered") c.delivered = n;
      if (s == "dead") c.dead = n;
    }
    long long waiting = 0;
    store_.session() << "SELECT COUNT(*) FROM dead_letters WHERE status = 'waiting'",
        soci::into(waiting);
    c.deadLettersWaiting = static_cast<std::uint64_t>(waiting);
    return c;
  });
}

}  // namespace sinkron::store
