#pragma once
// ISO-8601 dates and date-times as seconds since the Unix epoch (UTC), on std::chrono's calendar.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sinkron::sim::training {

// "2025-01-31", "2025-01-31T08:00", "2025-01-31T08:00:00.250Z", "...+07:00", "...+0700",
// "...-03", with 'T', 't' or ' ' between date and time. No zone means UTC. A space in place of
// the '+' of an offset is accepted (an unencoded '+' in a query string decodes to a space).
// Fractions of a second are dropped (floor). nullopt when malformed or not a calendar date.
std::optional<std::int64_t> parseIsoTime(std::string_view text);

std::string formatIsoTime(std::int64_t secondsSinceEpoch);  // "2025-03-14T08:15:30Z"
std::string formatIsoDate(std::chrono::sys_days day);       // "2025-03-14"

}  // namespace sinkron::sim::training
