#pragma once
// Which employee a conflict is about, for agency-scoped tokens: conflicts name source records
// ("<key>=<value>" of a field difference, a bare key of an identity pair, "stream/key" of a
// vanished record, "completion <key>" of a training row), each resolved through its link.
#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sinkron::daemon::lookup {

struct ConflictSides {
  std::optional<std::int64_t> employeeId;  // conflicts.employee_id when set
  std::string leftSource, leftValue, rightSource, rightValue;
};

std::optional<std::int64_t> employeeOfConflict(soci::session& sql, const ConflictSides& c);

// True when `agencies` is empty or the conflict's employee is in one of them (a conflict whose
// employee is unknown is only for unscoped tokens).
bool conflictInAgencies(soci::session& sql, const ConflictSides& c,
                        const std::vector<std::string>& agencies);

}  // namespace sinkron::daemon::lookup
