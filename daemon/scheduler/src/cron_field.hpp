#pragma once
// One field of a cron expression ("1-5", "*/15", "MON-FRI,SUN") to the set of values it selects.
#include <cstdint>
#include <string_view>
#include <vector>

#include "sinkron/result.hpp"

namespace sinkron::scheduler::detail {

struct CronFieldSpec {
  int position;                         // 1-based, for messages
  std::string_view label;               // "hour"
  int min;                              // smallest value accepted
  int max;                              // largest value accepted (7 for day-of-week)
  std::vector<std::string_view> names;  // names[i] stands for firstNameValue + i (may be empty)
  int firstNameValue = 0;               // value of names[0]
  std::string_view nameHint;            // "a month name (JAN-DEC)"
};

// Bit v set = value v selected. The error message is the problem only ("25 is out of range
// 0-23"); the caller adds the expression and the field.
Result<std::uint64_t> parseCronField(std::string_view field, const CronFieldSpec& spec);

}  // namespace sinkron::scheduler::detail
