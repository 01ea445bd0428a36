#include "dates.hpp"

#include <cstdio>

namespace sinkron::sim::siasn {

std::string formatDmy(const CivilDate& date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", date.day % 100, date.month % 100,
                date.year % 10000);
  return buf;
}

}  // namespace sinkron::sim::siasn
