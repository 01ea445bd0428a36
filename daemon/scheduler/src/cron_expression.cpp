#include "sinkron/scheduler/cron_expression.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "cron_field.hpp"

namespace sinkron::scheduler {
namespace {

using namespace std::chrono;
using detail::CronFieldSpec;

const std::array<CronFieldSpec, 5>& fieldSpecs() {
  static const std::array<CronFieldSpec, 5> specs = {
      CronFieldSpec{1, "minute", 0, 59, {}, 0, {}},
      CronFieldSpec{2, "hour", 0, 23, {}, 0, {}},
      CronFieldSpec{3, "day-of-month", 1, 31, {}, 0, {}},
      CronFieldSpec{
          4,
          "month",
          1,
          12,
          {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"},
          1,
          "a month name (JAN-DEC)"},
      CronFieldSpec{5,
                    "day-of-week",
                    0,
                    7,
                    {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"},
                    0,
                    "a weekday name (SUN-SAT)"},
  };
  return specs;
}

struct Macro {
  std::string_view name;
  std::string_view expansion;
};
constexpr std::array<Macro, 7> kMacros = {{
    {"@hourly", "0 * * * *"},
    {"@daily", "0 0 * * *"},
    {"@midnight", "0 0 * * *"},
    {"@weekly", "0 0 * * 0"},
    {"@monthly", "0 0 1 * *"},
    {"@yearly", "0 0 1 1 *"},
    {"@annually", "0 0 1 1 *"},
}};

bool isBlank(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && isBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && isBlank(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> splitBlanks(std::string_view s) {
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && isBlank(s[i])) ++i;
    std::size_t start = i;
    while (i < s.size() && !isBlank(s[i])) ++i;
    if (i > start) parts.push_back(s.substr(start, i - start));
  }
  return parts;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string macroList() {
  std::string list;
  for (const Macro& m : kMacros) list += (list.empty() ? "" : ", ") + std::string(m.name);
  return list;
}

}  // namespace

Result<CronExpression> CronExpression::parse(std::string_view text) {
  const std::string_view trimmed = trim(text);
  const std::string prefix = "cron '" + std::string(trimmed) + "': ";
  if (trimmed.empty()) {
    return Error::parse(
        "cron '': empty expression (5 fields: minute hour day-of-month month "
        "day-of-week, or a macro such as @daily)");
  }
  std::string_view fieldsText = trimmed;
  if (trimmed.front() == '@') {
    const std::string name = lower(trimmed);
    auto macro = std::find_if(kMacros.begin(), kMacros.end(),
                              [&](const Macro& m) { return m.name == name; });
    if (macro == kMacros.end())
      return Error::parse(prefix + "unknown macro (use " + macroList() + ")");
    fieldsText = macro->expansion;
  }

  const std::vector<std::string_view> fields = splitBlanks(fieldsText);
  if (fields.size() != 5) {
    return Error::parse(prefix +
                        "expected 5 fields (minute hour day-of-month month day-of-week), got " +
                        std::to_string(fields.size()));
  }
  std::array<std::uint64_t, 5> bits{};
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const CronFieldSpec& spec = fieldSpecs()[i];
    auto parsed = detail::parseCronField(fields[i], spec);
    if (!parsed) {
      return Error::parse(prefix + "field " + std::to_string(spec.position) + " (" +
                          std::string(spec.label) + "): " + parsed.error().message);
    }
    bits[i] = *parsed;
  }

  CronExpression cron;
  cron.text_ = std::string(trimmed);
  cron.minutes_ = std::bitset<60>(bits[0]);
  cron.hours_ = std::bitset<24>(bits[1]);
  cron.daysOfMonth_ = std::bitset<32>(bits[2]);
  cron.months_ = std::bitset<13>(bits[3]);
  const std::uint64_t sundayAsSeven = (bits[4] >> 7) & 1U;  // 7 is Sunday too
  cron.daysOfWeek_ = std::bitset<7>((bits[4] & 0x7FU) | sundayAsSeven);
  cron.dayOfMonthStar_ = fields[2].front() == '*';
  cron.dayOfWeekStar_ = fields[4].front() == '*';
  return cron;
}

bool CronExpression::matchesDay(year_month_day day) const {
  if (!months_.test(static_cast<unsigned>(day.month()))) return false;
  const bool dayOfMonth = daysOfMonth_.test(static_cast<unsigned>(day.day()));
  const bool dayOfWeek = daysOfWeek_.test(weekday(sys_days(day)).c_encoding());
  if (dayOfMonthStar_ || dayOfWeekStar_) return dayOfMonth && dayOfWeek;
  return dayOfMonth || dayOfWeek;
}

bool CronExpression::matches(LocalMinute t) const {
  const local_days day = floor<days>(t);
  const hh_mm_ss<minutes> time(t - day);
  return matchesDay(year_month_day(sys_days(day.time_since_epoch()))) &&
         hours_.test(static_cast<std::size_t>(time.hours().count())) &&
         minutes_.test(static_cast<std::size_t>(time.minutes().count()));
}

std::optional<LocalMinute> CronExpression::nextAfter(LocalMinute t) const {
  const LocalMinute start = t + minutes(1);
  local_days day = floor<days>(start);
  const local_days lastDay = day + days(366 * kSearchYears);
  // Day by day, then the first matching hour and minute: at most ~2,900 days to look at.
  for (int fromMinute = static_cast<int>((start - day).count()); day <= lastDay;
       day += days(1), fromMinute = 0) {
    if (!matchesDay(year_month_day(sys_days(day.time_since_epoch())))) continue;
    for (int m = fromMinute; m < 24 * 60; ++m) {
      if (hours_.test(static_cast<std::size_t>(m / 60)) &&
          minutes_.test(static_cast<std::size_t>(m % 60))) {
        return day + minutes(m);
      }
    }
  }
  return std::nullopt;
}

}  // namespace sinkron::scheduler
