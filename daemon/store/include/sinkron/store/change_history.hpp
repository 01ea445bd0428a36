#pragma once
// ChangeHistory: the append-only record of every change sinkron or a person made, hash-chained
// (SHA-256 over the previous row's hash and this row's fields) so that an edit made behind
// sinkron's back is detected by verify(). The database also refuses UPDATE and DELETE on it.
#include <cstdint>
#include <string>

#include "sinkron/result.hpp"
#include "sinkron/store/state_store.hpp"

namespace sinkron::store {

struct ChangeEntry {
  std::string actor;      // "sinkron", "operator:budi", ...
  std::string entity;     // "employee", "outbox", "dead_letter", "conflict"
  std::string entityKey;  // masked where it is a NIP/NIK
  std::string field, oldValue, newValue, reason;
  std::int64_t runId = 0;
};

struct HistoryCheck {
  std::uint64_t rows = 0;
  std::int64_t firstBadId = 0;  // 0 when the chain is intact
  std::string problem;
};

class ChangeHistory {
 public:
  // Inside the caller's transaction, so the history and the change commit together.
  static Status append(soci::session& sql, const ChangeEntry& entry);
  static Result<HistoryCheck> verify(soci::session& sql);
};

}  // namespace sinkron::store
