#include "sinkron/daemon/sync/site_calendar.hpp"

#include <chrono>

#include "sinkron/scheduler/site_time_zone.hpp"

namespace sinkron::daemon::sync {

mappings::CivilDate siteDay(const std::string& zone, int offsetDays) {
  auto site = scheduler::SiteTimeZone::byName(zone);
  if (!site) site = scheduler::SiteTimeZone::byName("Asia/Jakarta");
  const auto local = site->toLocal(std::chrono::system_clock::now());
  const std::chrono::year_month_day day(std::chrono::floor<std::chrono::days>(local) +
                                        std::chrono::days(offsetDays));
  return {static_cast<int>(day.year()), static_cast<int>(static_cast<unsigned>(day.month())),
          static_cast<int>(static_cast<unsigned>(day.day()))};
}

std::string siteDayIso(const std::string& zone, int offsetDays) {
  return siteDay(zone, offsetDays).iso();
}

}  // namespace sinkron::daemon::sync
