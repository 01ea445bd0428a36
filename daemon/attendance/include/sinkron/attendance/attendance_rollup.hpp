#pragma once
// AttendanceRollup: rolls the device punches of a PunchStore up per employee and working day
// into the state store's attendance_daily (one transaction per day; re-running a day rewrites
// nothing that is already right). Per NIP and working day:
//   - an e-presensi person-day (EpresensiDailySink, or an e-presensi file imported as punches
//     whose workcode is the day status) is taken as the feed gives it: it wins over punches;
//   - else punches -> "H", first_in / last_out / late_minutes by RollupRules (summarizePunches);
//   - else, for a known NIP (mapped in the PIN map, or in setEmployees) -> "TK".
// Punches whose PIN maps to nobody stay stored and are counted as unmapped, never guessed.
// Non-working days (weekends, holidays) are left untouched. The roll-up owns attendance_daily
// for the working days it runs: rows of other NIPs on those days are removed.
#include <cstdint>
#include <string>
#include <vector>

#include "sinkron/attendance/rollup_rules.hpp"
#include "sinkron/connectors/attendance/punch_store.hpp"
#include "sinkron/result.hpp"
#include "sinkron/store/state_store.hpp"

namespace sinkron::attendance {

struct RollupStats {
  std::uint64_t days = 0, workingDays = 0;
  std::uint64_t punches = 0;                // device punches on the working days rolled up
  std::uint64_t unmappedPunches = 0;        // of which the PIN maps to nobody
  std::uint64_t unmappedPins = 0;           // distinct device/PIN pairs among them
  std::vector<std::string> unmappedSample;  // "device_sn/pin", the first 20
  std::uint64_t present = 0, absentWithoutNotice = 0, fromEpresensi = 0;  // rows by origin
  std::uint64_t inserted = 0, changed = 0, unchanged = 0, removed = 0;    // attendance_daily
};

// Creates the module's own table (attendance_epresensi) in the state store if missing.
Status ensureAttendanceTables(store::StateStore& state);

class AttendanceRollup {
 public:
  AttendanceRollup(connectors::attendance::PunchStore& punches, store::StateStore& state,
                   RollupRules rules = {});

  // Employees who must have a row every working day besides those in the PIN map (e.g. the
  // active NIPs of SIMPEG), so that nobody without punches is missed.
  void setEmployees(std::vector<std::string> nips);

  // Days yyyy-mm-dd, inclusive, at most 366 days. Errors: invalid rules or days, a store
  // failure (days before the failing one stay written; running again is harmless).
  Result<RollupStats> run(const std::string& fromDay, const std::string& toDay);

 private:
  connectors::attendance::PunchStore& punches_;
  store::StateStore& state_;
  RollupRules rules_;
  std::vector<std::string> employees_;
};

}  // namespace sinkron::attendance
