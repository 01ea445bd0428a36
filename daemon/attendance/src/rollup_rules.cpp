#include "sinkron/attendance/rollup_rules.hpp"

#include <algorithm>
#include <cstdio>

namespace sinkron::attendance {

std::optional<int> clockSeconds(std::string_view t) {
  if (t.size() != 5 && t.size() != 8) return std::nullopt;
  auto two = [&t](std::size_t at) -> int {
    if (t[at] < '0' || t[at] > '9' || t[at + 1] < '0' || t[at + 1] > '9') return -1;
    return (t[at] - '0') * 10 + (t[at + 1] - '0');
  };
  if (t[2] != ':' || (t.size() == 8 && t[5] != ':')) return std::nullopt;
  int h = two(0), m = two(3), s = t.size() == 8 ? two(6) : 0;
  if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59) return std::nullopt;
  return h * 3600 + m * 60 + s;
}

std::string clockText(int second) {
  char out[16];
  std::snprintf(out, sizeof out, "%02d:%02d:%02d", second / 3600, second / 60 % 60, second % 60);
  return out;
}

std::optional<int> utcOffsetHours(std::string_view zone) {
  if (zone == "Asia/Jakarta" || zone == "Asia/Pontianak") return 7;
  if (zone == "Asia/Makassar") return 8;
  if (zone == "Asia/Jayapura") return 9;
  return std::nullopt;
}

int isoWeekday(const mappings::CivilDate& day) {
  // 1970-01-01 was a Thursday (ISO 4).
  int fromThursday = ((day.toDays() % 7) + 7) % 7;
  return (fromThursday + 3) % 7 + 1;
}

Status RollupRules::validate() const {
  if (!utcOffsetHours(timeZone))
    return Error::invalid("time_zone: \"" + timeZone +
                          "\" is not Asia/Jakarta, Asia/Pontianak, Asia/Makassar or Asia/Jayapura");
  for (auto [key, value] : {std::pair<const char*, const std::string*>{"work_start", &workStart},
                            {"work_end", &workEnd},
                            {"friday_work_end", &fridayWorkEnd}})
    if (value->size() != 5 || !clockSeconds(*value))
      return Error::invalid(std::string(key) + ": \"" + *value + "\" is not HH:MM");
  if (*clockSeconds(workEnd) <= *clockSeconds(workStart) ||
      *clockSeconds(fridayWorkEnd) <= *clockSeconds(workStart))
    return Error::invalid("work_end: must be after work_start (" + workStart + ")");
  if (graceMinutes < 0 || graceMinutes > 240)
    return Error::invalid("grace_minutes: " + std::to_string(graceMinutes) +
                          " is not within 0..240");
  if (workingWeekdays.empty()) return Error::invalid("working_weekdays: must not be empty");
  for (int d : workingWeekdays)
    if (d < 1 || d > 7)
      return Error::invalid("working_weekdays: " + std::to_string(d) +
                            " is not an ISO weekday (1 Monday .. 7 Sunday)");
  for (const std::string& h : holidays) {
    auto date = mappings::parseIsoDate(h);
    if (!date || !date->valid() || date->iso() != h)
      return Error::invalid("holidays: \"" + h + "\" is not a yyyy-mm-dd date");
  }
  return {};
}

bool RollupRules::isWorkingDay(const mappings::CivilDate& day) const {
  if (holidays.find(day.iso()) != holidays.end()) return false;
  return std::find(workingWeekdays.begin(), workingWeekdays.end(), isoWeekday(day)) !=
         workingWeekdays.end();
}

int RollupRules::workStartSecond() const {
  return clockSeconds(workStart).value_or(0);
}

int RollupRules::workEndSecond(const mappings::CivilDate& day) const {
  return clockSeconds(isoWeekday(day) == 5 ? fridayWorkEnd : workEnd).value_or(0);
}

int RollupRules::lateMinutes(int firstInSecond) const {
  return std::max(0, (firstInSecond - workStartSecond()) / 60 - graceMinutes);
}

int RollupRules::earlyLeaveMinutes(const mappings::CivilDate& day, int lastOutSecond) const {
  return std::max(0, (workEndSecond(day) - lastOutSecond) / 60);
}

}  // namespace sinkron::attendance
