#pragma once
// CronExpression: a standard 5-field cron schedule (minute hour day-of-month month day-of-week)
// evaluated on local civil time. Pure logic: no clock, no time zone (see site_time_zone.hpp).
//
// Accepted forms per field: `*`, `7`, lists `1,5`, ranges `1-5`, steps `*/15`, `10-50/10` and
// `5/15` (= 5-max/15); month names JAN-DEC and weekday names SUN-SAT, case-insensitive, also in
// ranges (`MON-FRI`); day-of-week 0 and 7 are Sunday. Macros: @hourly, @daily, @midnight,
// @weekly, @monthly, @yearly, @annually.
//
// Day rule (Vixie cron): when both day-of-month and day-of-week are restricted (the field does
// not start with `*`), a day matches if EITHER matches; otherwise both must match.
#include <bitset>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "sinkron/result.hpp"

namespace sinkron::scheduler {

// A civil (wall-clock) minute in some time zone, e.g. local_days{2026y / 11 / 23} + 2h.
using LocalMinute = std::chrono::local_time<std::chrono::minutes>;

class CronExpression {
 public:
  // Errors name the field and the bad token:
  //   "cron '0 25 * * *': field 2 (hour): 25 is out of range 0-23"
  static Result<CronExpression> parse(std::string_view text);

  // The expression as given (surrounding blanks removed).
  std::string text() const { return text_; }

  // The first minute strictly after t that matches, or nullopt when none does within
  // kSearchYears (an expression such as "0 0 30 2 *" never matches).
  std::optional<LocalMinute> nextAfter(LocalMinute t) const;

  bool matches(LocalMinute t) const;

  // 8 years, not 5: Feb 29 can be 8 years apart across a non-leap century year (2096 -> 2104).
  static constexpr int kSearchYears = 8;

 private:
  CronExpression() = default;
  bool matchesDay(std::chrono::year_month_day day) const;

  std::string text_;
  std::bitset<60> minutes_;
  std::bitset<24> hours_;
  std::bitset<32> daysOfMonth_;  // bits 1..31
  std::bitset<13> months_;       // bits 1..12
  std::bitset<7> daysOfWeek_;    // 0 = Sunday
  bool dayOfMonthStar_ = true;
  bool dayOfWeekStar_ = true;
};

}  // namespace sinkron::scheduler
