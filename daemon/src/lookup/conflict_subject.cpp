#include "conflict_subject.hpp"

#include "employee_lookup.hpp"

namespace sinkron::daemon::lookup {
namespace {

std::string keyOf(const std::string& value) {
  if (auto at = value.find('='); at != std::string::npos) return value.substr(0, at);
  if (value.rfind("completion ", 0) == 0) return value.substr(11);
  if (auto at = value.rfind('/'); at != std::string::npos) return value.substr(at + 1);
  return value;
}

}  // namespace

std::optional<std::int64_t> employeeOfConflict(soci::session& sql, const ConflictSides& c) {
  if (c.employeeId) return c.employeeId;
  for (const auto& [source, value] :
       {std::pair(&c.leftSource, &c.leftValue), std::pair(&c.rightSource, &c.rightValue)}) {
    const std::string key = keyOf(*value);
    if (source->empty() || key.empty()) continue;
    if (auto e = employeeOfRecord(sql, *source, key)) return e;
  }
  return std::nullopt;
}

bool conflictInAgencies(soci::session& sql, const ConflictSides& c,
                        const std::vector<std::string>& agencies) {
  if (agencies.empty()) return true;
  auto e = employeeOfConflict(sql, c);
  return e && employeeInAgencies(sql, *e, agencies);
}

}  // namespace sinkron::daemon::lookup
