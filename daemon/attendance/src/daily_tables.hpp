#pragma once
// SQL over the daemon's attendance tables: attendance_daily (the state store's schema) and
// attendance_epresensi (the e-presensi person-days as the feed gave them, kept here so that a
// re-run roll-up lets them win over device punches). Prepared statements; these throw SOCI
// exceptions and run inside StateStore::transaction, which turns them into Errors.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sinkron/attendance/daily_summary.hpp"

namespace soci {
class session;
}

namespace sinkron::attendance::detail {

void ensureTables(soci::session& sql);

void upsertEpresensi(soci::session& sql, const EpresensiDay& row, std::int64_t now);
std::vector<EpresensiDay> epresensiOfDay(soci::session& sql, const std::string& day);

std::map<std::string, DailyRow> dailyRowsOfDay(soci::session& sql, const std::string& day);
void upsertDaily(soci::session& sql, const DailyRow& row, std::int64_t now);

struct WriteCounts {
  std::uint64_t inserted = 0, changed = 0, unchanged = 0, removed = 0;
};
// Makes the day's rows exactly `rows` (keyed by NIP): new rows inserted, changed ones updated,
// equal ones left alone (their updated_at too), rows of other NIPs deleted.
WriteCounts replaceDay(soci::session& sql, const std::string& day,
                       const std::map<std::string, DailyRow>& rows, std::int64_t now);

}  // namespace sinkron::attendance::detail
