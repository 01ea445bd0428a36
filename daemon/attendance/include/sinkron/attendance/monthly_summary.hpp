#pragma once
// The monthly attendance figures per employee that the TPP allowance is computed from, read from
// attendance_daily (after AttendanceRollup ran for the month).
#include <string>
#include <vector>

#include "sinkron/attendance/rollup_rules.hpp"
#include "sinkron/result.hpp"
#include "sinkron/store/state_store.hpp"

namespace sinkron::attendance {

struct MonthlyAttendance {
  std::string nip;
  int daysRecorded = 0;    // rows of the month (working days rolled up)
  int daysPresent = 0;     // H
  int lateDays = 0;        // H days with late_minutes > 0
  int lateMinutes = 0;     // their sum
  int noCheckInDays = 0;   // H days without first_in
  int noCheckOutDays = 0;  // H days without last_out
  int earlyLeaveDays = 0;  // H days with last_out before the day's work end (by the rules)
  int earlyLeaveMinutes = 0;
  int izin = 0, sakit = 0, cuti = 0, dinasLuar = 0, tanpaKeterangan = 0;  // I, S, C, DL, TK
  bool operator==(const MonthlyAttendance&) const = default;
};

// One entry per NIP with rows in the month, ordered by NIP. `rules` give the work end for early
// leave. Errors: a month outside 1..12 or a year outside 1900..2100, a store failure.
Result<std::vector<MonthlyAttendance>> monthlySummary(store::StateStore& state, int year, int month,
                                                      const RollupRules& rules = {});

}  // namespace sinkron::attendance
