#pragma once
// Read-only look-ups of source records, links and outbox entries. Every statement is prepared
// with bound values; look-ups by key or employee id use indexes, look-ups by a JSON field value
// scan one connector's stream.
#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sinkron/diagnose/diagnose_report.hpp"

namespace sinkron::diagnose::detail {

struct StoredRecord {
  std::string connector, stream, sourceKey, json;
  std::optional<std::int64_t> employeeId;
  bool missing = false;
};

struct StoredLink {
  std::string decision;
  std::optional<double> score;
  std::int64_t employeeId = 0;
};

std::optional<StoredRecord> recordByKey(soci::session& sql, const std::string& connector,
                                        const std::string& stream, const std::string& key);
std::vector<StoredRecord> recordsOfEmployee(soci::session& sql, std::int64_t employeeId);
std::vector<std::int64_t> employeesByNip(soci::session& sql, const std::string& nip);
// Records of one stream whose JSON holds `"field":"value"` exactly (compact JSON as stored).
std::vector<StoredRecord> recordsWithField(soci::session& sql, const std::string& connector,
                                           const std::string& stream, const std::string& field,
                                           const std::string& value);
std::optional<StoredLink> linkOf(soci::session& sql, const std::string& connector,
                                 const std::string& key);
// Outbox entries of a target that are not delivered (pending, delivering, dead).
std::vector<PushEntry> openPushes(soci::session& sql, const std::string& connector,
                                  const std::string& targetKey);

// A member of a raw stored row as text ("" for null or absent; numbers as written).
std::string rawMember(const std::string& json, const char* name);

// The outbox entry of (connector, natural key), any status; false when there is none.
bool findQueuedFix(soci::session& sql, OfferedFix& fix);

}  // namespace sinkron::diagnose::detail
