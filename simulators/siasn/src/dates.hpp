#pragma once
// Date helpers for the SIASN simulator: SIASN writes dates as "dd-mm-yyyy".
#include <string>

#include "sinkron/mappings/civil_date.hpp"
#include "sinkron/population/person.hpp"

namespace sinkron::sim::siasn {

using mappings::CivilDate;

inline CivilDate civil(const population::Date& d) {
  return CivilDate{d.year, d.month, d.day};
}

inline CivilDate addDays(const CivilDate& d, int days) {
  return CivilDate::fromDays(d.toDays() + days);
}

// "dd-mm-yyyy".
std::string formatDmy(const CivilDate& date);

}  // namespace sinkron::sim::siasn
