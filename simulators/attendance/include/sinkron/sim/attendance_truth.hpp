#pragma once
// The attendance ground truth: per employee, the monthly figures an agency report should show
// (days recorded, present, late days and minutes, absences by status) computed straight from the
// AttendanceModel, with the roll-up rules the daemon documents (daemon/attendance rollup_rules):
//   - working days are the model's (Monday..Friday, fixed-date national holidays off); every
//     active employee has exactly one person-day per working day;
//   - a present (H) day is late when max(0, (check-in - work start) in whole minutes - grace) > 0,
//     the check-in being the first press of the day (a second press does not count);
//   - an absence spell day counts under its status: I, S, C, DL or TK.
// That is a site with e-presensi (source=epresensi, the default): its statuses win over punches.
// A site with only the fingerprint devices (source=devices) knows nothing but the punches the
// devices record (what the Fingerspot cloud and ADMS serve, every device read):
//   - a working day with punches is present; the check-in is the earliest check-in punch of the
//     day (the earliest punch if none says check-in), so a double press does not count;
//   - a working day without punches is TK for every employee the model has (active service);
//   - never I, S, C or DL: only e-presensi knows those.
// Written apart from the daemon's roll-up on purpose: tests compare the two.
//
// GET /_sim/attendance/truth?month=YYYY-MM[&from=yyyy-mm-dd][&to=yyyy-mm-dd][&unor_id=]
//     [&work_start=HH:MM][&grace_minutes=N][&source=epresensi|devices]
//   from/to clip the month (a site rolls up only its last days); unor_id keeps one unit's
//   employees; work_start (default 07:30) and grace_minutes (default 0, 0..240) as the site's
//   attendance config sets them.
//   -> {"month","from","to","working_days","work_start","grace_minutes","source",
//       "pegawai":[{"nip","days_recorded","days_present","late_days","late_minutes","izin",
//                   "sakit","cuti","dinas_luar","tanpa_keterangan"}]}   ordered by NIP
//   Errors: 400 {"message"} naming the parameter; an unknown unor_id 404.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sinkron/mappings/civil_date.hpp"
#include "sinkron/result.hpp"
#include "sinkron/sim/attendance_model.hpp"
#include "sinkron/sim/router.hpp"

namespace sinkron::sim {

// What the site reads: e-presensi person-days (statuses win), or the devices' punches alone.
enum class AttendanceTruthSource { kEpresensi, kDevices };
std::string_view attendanceTruthSourceName(AttendanceTruthSource source);  // "epresensi", ...

struct AttendanceTruthQuery {
  mappings::CivilDate from, to;  // inclusive, within one month
  std::string unorId;            // empty: every unit
  int workStartSecond = 7 * 3600 + 30 * 60;
  int graceMinutes = 0;
  AttendanceTruthSource source = AttendanceTruthSource::kEpresensi;
};

struct MonthlyAttendanceTruth {
  std::string nip;
  int daysRecorded = 0, daysPresent = 0, lateDays = 0, lateMinutes = 0;
  int izin = 0, sakit = 0, cuti = 0, dinasLuar = 0, tanpaKeterangan = 0;
  bool operator==(const MonthlyAttendanceTruth&) const = default;
};

// Parses the route's query. Errors name the parameter.
Result<AttendanceTruthQuery> parseAttendanceTruthQuery(const HttpRequest& request);

// The figures per employee, ordered by NIP; working days of the range in `workingDays` (may be
// null). Errors: a range outside one month, an unknown unor_id (kNotFound).
Result<std::vector<MonthlyAttendanceTruth>> attendanceTruth(const AttendanceModel& model,
                                                            const AttendanceTruthQuery& query,
                                                            int* workingDays = nullptr);

// Adds GET /_sim/attendance/truth to a router serving `model`.
void addAttendanceTruthRoute(Router& router, std::shared_ptr<const AttendanceModel> model);

}  // namespace sinkron::sim
