#pragma once
// RollupRules: the site's working-time rules the attendance roll-up applies — its time zone,
// work start and end (Friday's end apart), grace minutes, working weekdays and holidays.
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sinkron/mappings/civil_date.hpp"
#include "sinkron/result.hpp"

namespace sinkron::attendance {

struct RollupRules {
  // IANA name of the site's zone: punches stored with another Indonesian zone are shifted to it
  // (fixed offsets, no daylight saving in Indonesia); punches without a zone are site time.
  std::string timeZone = "Asia/Jakarta";
  std::string workStart = "07:30";      // HH:MM, site time
  std::string workEnd = "16:00";        // HH:MM, Monday..Thursday (and other working days)
  std::string fridayWorkEnd = "16:30";  // HH:MM
  int graceMinutes = 0;                 // 0..240
  std::vector<int> workingWeekdays = {1, 2, 3, 4, 5};  // ISO: 1 Monday .. 7 Sunday
  std::set<std::string, std::less<>> holidays;         // yyyy-mm-dd, never working days

  // Errors name the field.
  Status validate() const;

  bool isWorkingDay(const mappings::CivilDate& day) const;
  // Seconds after local midnight (valid rules only).
  int workStartSecond() const;
  int workEndSecond(const mappings::CivilDate& day) const;
  // max(0, first_in - work start - grace) in whole minutes.
  int lateMinutes(int firstInSecond) const;
  // max(0, work end - last_out) in whole minutes.
  int earlyLeaveMinutes(const mappings::CivilDate& day, int lastOutSecond) const;
};

// ISO weekday of a date: 1 Monday .. 7 Sunday.
int isoWeekday(const mappings::CivilDate& day);
// "HH:MM" or "HH:MM:SS" as seconds after midnight; nullopt when not a time of day.
std::optional<int> clockSeconds(std::string_view text);
// "HH:MM:SS" of seconds after midnight.
std::string clockText(int secondOfDay);
// UTC offset in hours of the Indonesian IANA zones (Asia/Jakarta, Asia/Pontianak 7,
// Asia/Makassar 8, Asia/Jayapura 9); nullopt for any other name.
std::optional<int> utcOffsetHours(std::string_view zone);

}  // namespace sinkron::attendance
