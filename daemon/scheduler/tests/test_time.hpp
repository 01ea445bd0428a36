#pragma once
// Shorthands for civil minutes and UTC instants in the scheduler tests.
#include <chrono>

#include "sinkron/scheduler/cron_expression.hpp"

namespace sinkron::scheduler::testing {

inline LocalMinute at(int y, unsigned mo, unsigned d, int h, int mi) {
  using namespace std::chrono;
  return local_days(year(y) / month(mo) / day(d)) + hours(h) + minutes(mi);
}

inline std::chrono::system_clock::time_point utc(int y, unsigned mo, unsigned d, int h, int mi,
                                                 int s = 0) {
  using namespace std::chrono;
  return sys_days(year(y) / month(mo) / day(d)) + hours(h) + minutes(mi) + seconds(s);
}

}  // namespace sinkron::scheduler::testing
