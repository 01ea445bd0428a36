#pragma once
// The site's calendar: "today" in the site's time zone (scheduler::SiteTimeZone), for reports,
// anomaly reference days and attendance windows.
#include <string>

#include "sinkron/mappings/civil_date.hpp"

namespace sinkron::daemon::sync {

// The site's calendar day `offsetDays` from today (an unknown zone counts as Asia/Jakarta; the
// config loader has already refused one).
mappings::CivilDate siteDay(const std::string& zone, int offsetDays = 0);
// The same as yyyy-mm-dd.
std::string siteDayIso(const std::string& zone, int offsetDays = 0);

}  // namespace sinkron::daemon::sync
