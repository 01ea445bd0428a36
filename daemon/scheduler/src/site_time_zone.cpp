#include "sinkron/scheduler/site_time_zone.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

namespace sinkron::scheduler {
namespace {

using namespace std::chrono;

struct KnownZone {
  std::string_view name;
  std::string_view abbreviation;
  minutes offset;
};
constexpr std::array<KnownZone, 4> kZones = {{
    {"Asia/Jakarta", "WIB", hours(7)},
    {"Asia/Makassar", "WITA", hours(8)},
    {"Asia/Jayapura", "WIT", hours(9)},
    {"UTC", "UTC", hours(0)},
}};

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string formatLocal(LocalMinute t) {
  const local_days day = floor<days>(t);
  const year_month_day ymd(sys_days(day.time_since_epoch()));
  const hh_mm_ss<minutes> time(t - day);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u %02d:%02d", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()));
  return text;
}

}  // namespace

Result<SiteTimeZone> SiteTimeZone::byName(std::string_view name) {
  for (const KnownZone& zone : kZones) {
    if (equalsIgnoreCase(name, zone.name) || equalsIgnoreCase(name, zone.abbreviation)) {
      return SiteTimeZone(std::string(zone.name), std::string(zone.abbreviation), zone.offset);
    }
  }
  return Error::invalid("time zone '" + std::string(name) +
                        "' is not known (use Asia/Jakarta or WIB, Asia/Makassar or WITA, "
                        "Asia/Jayapura or WIT, or UTC)");
}

LocalMinute SiteTimeZone::toLocal(system_clock::time_point t) const {
  const sys_time<minutes> utc = floor<minutes>(t);
  return LocalMinute((utc + offset_).time_since_epoch());
}

system_clock::time_point SiteTimeZone::toSystem(LocalMinute local) const {
  return sys_time<minutes>((local - offset_).time_since_epoch());
}

Result<system_clock::time_point> nextRun(const CronExpression& cron, const SiteTimeZone& zone,
                                         system_clock::time_point after) {
  const LocalMinute from = zone.toLocal(after);
  auto next = cron.nextAfter(from);
  if (!next) {
    return Error::notFound("cron '" + cron.text() + "': no matching minute within " +
                           std::to_string(CronExpression::kSearchYears) + " years after " +
                           formatLocal(from) + " " + zone.abbreviation());
  }
  return zone.toSystem(*next);
}

}  // namespace sinkron::scheduler
