#include "sinkron/attendance/monthly_summary.hpp"

#include <soci/soci.h>

#include <cstdio>

#include "sinkron/security/masking.hpp"

namespace sinkron::attendance {

Result<std::vector<MonthlyAttendance>> monthlySummary(store::StateStore& state, int year, int month,
                                                      const RollupRules& rules) {
  if (year < 1900 || year > 2100 || month < 1 || month > 12)
    return Error::invalid("monthly attendance: " + std::to_string(year) + "-" +
                          std::to_string(month) + " is not a month");
  if (Status s = rules.validate(); !s)
    return Error::invalid("attendance rules: " + s.error().message);
  char first[16], last[16];
  std::snprintf(first, sizeof first, "%04d-%02d-01", year, month);
  std::snprintf(last, sizeof last, "%04d-%02d-31", year,
                month);  // text bound: every day sorts below
  const std::string from = first, to = last;
  std::vector<MonthlyAttendance> out;
  try {
    soci::rowset<soci::row> rows =
        (state.session().prepare << "SELECT nip, day, first_in, last_out, status, late_minutes "
                                    "FROM attendance_daily WHERE day >= :f AND day <= :t "
                                    "ORDER BY nip, day",
         soci::use(from), soci::use(to));
    for (const soci::row& r : rows) {
      const std::string nip = r.get<std::string>(0);
      if (out.empty() || out.back().nip != nip) out.push_back(MonthlyAttendance{nip});
      MonthlyAttendance& m = out.back();
      const std::string status = r.get<std::string>(4);
      ++m.daysRecorded;
      if (status == "I") ++m.izin;
      if (status == "S") ++m.sakit;
      if (status == "C") ++m.cuti;
      if (status == "DL") ++m.dinasLuar;
      if (status == "TK") ++m.tanpaKeterangan;
      if (status != "H") continue;
      ++m.daysPresent;
      int late = 0;
      switch (r.get_properties(5).get_data_type()) {
        case soci::dt_integer:
          late = r.get<int>(5);
          break;
        case soci::dt_long_long:
          late = static_cast<int>(r.get<long long>(5));
          break;
        default:
          late = std::stoi(r.get<std::string>(5));
      }
      if (late > 0) ++m.lateDays, m.lateMinutes += late;
      if (r.get_indicator(2) != soci::i_ok) ++m.noCheckInDays;
      if (r.get_indicator(3) != soci::i_ok) {
        ++m.noCheckOutDays;
        continue;
      }
      auto day = mappings::parseIsoDate(r.get<std::string>(1));
      auto out = clockSeconds(r.get<std::string>(3));
      if (!day || !out) continue;
      if (int early = rules.earlyLeaveMinutes(*day, *out); early > 0)
        ++m.earlyLeaveDays, m.earlyLeaveMinutes += early;
    }
  } catch (const std::exception& e) {
    return Error::io("monthly attendance " + from.substr(0, 7) + ": " +
                     security::maskIdsInText(e.what()));
  }
  return out;
}

}  // namespace sinkron::attendance
