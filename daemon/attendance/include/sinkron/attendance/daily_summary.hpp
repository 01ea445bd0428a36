#pragma once
// One attendance_daily row per employee and day, and the pure rules that make it: from the
// day's device punches, or from an e-presensi person-day (which the feed already decided).
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sinkron/attendance/rollup_rules.hpp"
#include "sinkron/result.hpp"

namespace sinkron::attendance {

// Day statuses: H hadir (present), I izin, S sakit, C cuti, DL dinas luar, TK tanpa keterangan.
bool isDayStatus(std::string_view status);

struct DailyRow {
  std::string nip;
  std::string day;                     // yyyy-mm-dd
  std::optional<std::string> firstIn;  // "HH:MM:SS", site time
  std::optional<std::string> lastOut;  // "HH:MM:SS", site time
  std::string status;                  // H, I, S, C, DL, TK
  int lateMinutes = 0;
  bool operator==(const DailyRow&) const = default;
};

// A punch of the day in site time. statusesUsable: its device records check-in (0) and
// check-out (1) that day; otherwise the status column says nothing (fingerprint-only mode).
struct DayPunch {
  int second = 0;  // after site-local midnight
  int status = 0;
  bool statusesUsable = true;
};

// "H" with first_in = earliest check-in and last_out = latest check-out; when any punch comes
// from a device whose statuses are unusable: first_in = earliest punch, last_out = latest punch
// if it is another punch at or after mid-working-day. late_minutes by rules.lateMinutes.
DailyRow summarizePunches(const std::string& nip, const mappings::CivilDate& day,
                          std::span<const DayPunch> punches, const RollupRules& rules);

// A working day without punch or e-presensi status: "TK".
DailyRow absentWithoutNotice(const std::string& nip, const mappings::CivilDate& day);

struct EpresensiDay {
  std::string nip;
  std::string day;     // yyyy-mm-dd
  std::string jamIn;   // "HH:MM[:SS]" or ""
  std::string jamOut;  // "HH:MM[:SS]" or ""
  std::string status;  // H, I, S, C, DL, TK
  std::string lokasi;
};

// The feed's row as it is (status, times); late_minutes from jam_in on "H" days. Errors: no NIP,
// a bad date or time, an unknown status (messages mask the NIP).
Result<DailyRow> dailyFromEpresensi(const EpresensiDay& row, const RollupRules& rules);

}  // namespace sinkron::attendance
