#pragma once
// Date and time text of the SIMPEG view: "yyyy-mm-dd" dates, ISO-8601 UTC timestamps.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sinkron/mappings/civil_date.hpp"

namespace sinkron::sim::simpeg {

using mappings::CivilDate;

// "yyyy-mm-dd" or "dd-mm-yyyy" -> the date; nullopt when neither or not a real date.
std::optional<CivilDate> parseDay(std::string_view text);
inline CivilDate addDays(const CivilDate& d, int days) {
  return CivilDate::fromDays(d.toDays() + days);
}
// "2025-03-14T08:15:22Z" (seconds; the microseconds are not shown).
std::string isoTimestamp(std::int64_t micros);
// "2025-03-14 08:15:22" for SQL DATETIME/TIMESTAMP columns.
std::string sqlTimestamp(std::int64_t micros);
// ISO-8601: "2025-03-14", "2025-03-14T08:15:22", with ".ffffff", "Z" or "+07:00"/"+0700".
// Without a zone the time is UTC. Microseconds since 1970; nullopt when malformed.
std::optional<std::int64_t> parseIsoTimestamp(std::string_view text);

}  // namespace sinkron::sim::simpeg
