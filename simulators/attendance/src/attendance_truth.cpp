// GET /_sim/attendance/truth: the monthly attendance figures per employee, straight from the
// model. See attendance_truth.hpp for the rules and the contract.
#include "sinkron/sim/attendance_truth.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <span>

namespace sinkron::sim {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

constexpr int kMaxGraceMinutes = 240;

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int number(std::string_view s) {
  int value = 0;
  std::from_chars(s.data(), s.data() + s.size(), value);
  return value;
}

bool sameMonth(const mappings::CivilDate& a, const mappings::CivilDate& b) {
  return a.year == b.year && a.month == b.month;
}

Result<mappings::CivilDate> dayParam(const HttpRequest& request, const char* name,
                                     const mappings::CivilDate& fallback) {
  auto text = request.queryParam(name);
  if (!text || text->empty()) return fallback;
  auto date = mappings::parseIsoDate(*text);
  if (!date || !date->valid() || date->iso() != *text)
    return Error::invalid(std::string(name) + ": \"" + std::string(*text) +
                          "\" is not a yyyy-mm-dd date");
  return *date;
}

// Seconds after midnight of a punch's "YYYY-MM-DD HH:MM:SS"; -1 when it is not that shape.
int punchSecond(const std::string& time) {
  if (time.size() != 19 || time[10] != ' ' || time[13] != ':' || time[16] != ':') return -1;
  const std::string_view t(time);
  if (!digits(t.substr(11, 2)) || !digits(t.substr(14, 2)) || !digits(t.substr(17, 2))) return -1;
  return number(t.substr(11, 2)) * 3600 + number(t.substr(14, 2)) * 60 + number(t.substr(17, 2));
}

int lateMinutes(int checkInSecond, const AttendanceTruthQuery& q) {
  // Whole minutes after work start, less the grace.
  return std::max(0, (checkInSecond - q.workStartSecond) / 60 - q.graceMinutes);
}

// A site with e-presensi: the app's status of the person-day wins; H days are late by the first
// press.
void countEpresensiDay(const PersonDay& day, const AttendanceTruthQuery& q,
                       MonthlyAttendanceTruth& m) {
  ++m.daysRecorded;
  switch (day.status) {
    case DayStatus::kHadir: {
      ++m.daysPresent;
      if (const int late = lateMinutes(day.inSecond, q); late > 0)
        ++m.lateDays, m.lateMinutes += late;
      break;
    }
    case DayStatus::kIzin:
      ++m.izin;
      break;
    case DayStatus::kSakit:
      ++m.sakit;
      break;
    case DayStatus::kCuti:
      ++m.cuti;
      break;
    case DayStatus::kDinasLuar:
      ++m.dinasLuar;
      break;
    case DayStatus::kTanpaKeterangan:
      ++m.tanpaKeterangan;
      break;
    case DayStatus::kOff:
      --m.daysRecorded;  // never on a working day; not a row if it were
      break;
  }
}

// A site with only the devices: the punches the device records for the person that day (as the
// cloud and ADMS serve them). Punches: present, late by the earliest check-in; none: TK.
void countDeviceDay(std::span<const Punch> punches, const AttendanceTruthQuery& q,
                    MonthlyAttendanceTruth& m) {
  ++m.daysRecorded;
  int checkIn = -1, earliest = -1;
  for (const Punch& p : punches) {
    const int second = punchSecond(p.time);
    if (second < 0) continue;
    if (earliest < 0 || second < earliest) earliest = second;
    if (p.status == kStatusCheckIn && (checkIn < 0 || second < checkIn)) checkIn = second;
  }
  if (earliest < 0) {
    ++m.tanpaKeterangan;
    return;
  }
  ++m.daysPresent;
  if (const int late = lateMinutes(checkIn >= 0 ? checkIn : earliest, q); late > 0)
    ++m.lateDays, m.lateMinutes += late;
}

HttpResponse message(int status, const std::string& text) {
  rapidjson::StringBuffer out;
  JsonWriter w(out);
  w.StartObject();
  w.Key("message");
  w.String(text);
  w.EndObject();
  return HttpResponse::json(status, out.GetString());
}

}  // namespace

std::string_view attendanceTruthSourceName(AttendanceTruthSource source) {
  return source == AttendanceTruthSource::kDevices ? "devices" : "epresensi";
}

Result<AttendanceTruthQuery> parseAttendanceTruthQuery(const HttpRequest& request) {
  AttendanceTruthQuery q;
  const std::string month(request.queryParam("month").value_or(""));
  if (month.size() != 7 || month[4] != '-' || !digits(month.substr(0, 4)) ||
      !digits(month.substr(5)) || number(month.substr(5)) < 1 || number(month.substr(5)) > 12)
    return Error::invalid("month: \"" + month + "\" is not YYYY-MM");
  const mappings::CivilDate first{number(month.substr(0, 4)), number(month.substr(5)), 1};
  if (!first.valid()) return Error::invalid("month: " + month + " is outside 1900..2100");
  mappings::CivilDate last = first;
  while (last.day < 31 && mappings::CivilDate{last.year, last.month, last.day + 1}.valid())
    ++last.day;
  auto from = dayParam(request, "from", first);
  if (!from) return from.error();
  auto to = dayParam(request, "to", last);
  if (!to) return to.error();
  if (!sameMonth(*from, first))
    return Error::invalid("from: " + from->iso() + " is not in " + month);
  if (!sameMonth(*to, first)) return Error::invalid("to: " + to->iso() + " is not in " + month);
  if (*to < *from) return Error::invalid("to: " + to->iso() + " is before " + from->iso());
  q.from = *from;
  q.to = *to;
  q.unorId = std::string(request.queryParam("unor_id").value_or(""));
  if (auto start = request.queryParam("work_start"); start && !start->empty()) {
    const std::string s(*start);
    if (s.size() != 5 || s[2] != ':' || !digits(s.substr(0, 2)) || !digits(s.substr(3)) ||
        number(s.substr(0, 2)) > 23 || number(s.substr(3)) > 59)
      return Error::invalid("work_start: \"" + s + "\" is not HH:MM");
    q.workStartSecond = number(s.substr(0, 2)) * 3600 + number(s.substr(3)) * 60;
  }
  if (auto grace = request.queryParam("grace_minutes"); grace && !grace->empty()) {
    const std::string g(*grace);
    if (!digits(g) || g.size() > 3 || number(g) > kMaxGraceMinutes)
      return Error::invalid("grace_minutes: \"" + g + "\" is not within 0.." +
                            std::to_string(kMaxGraceMinutes));
    q.graceMinutes = number(g);
  }
  if (auto source = request.queryParam("source"); source && !source->empty()) {
    if (*source == "epresensi")
      q.source = AttendanceTruthSource::kEpresensi;
    else if (*source == "devices")
      q.source = AttendanceTruthSource::kDevices;
    else
      return Error::invalid("source: \"" + std::string(*source) + "\" is not epresensi or devices");
  }
  return q;
}

Result<std::vector<MonthlyAttendanceTruth>> attendanceTruth(const AttendanceModel& model,
                                                            const AttendanceTruthQuery& q,
                                                            int* workingDays) {
  if (!q.from.valid() || !q.to.valid() || !sameMonth(q.from, q.to) || q.to < q.from)
    return Error::invalid("attendance truth: " + q.from.iso() + " .. " + q.to.iso() +
                          " is not a range within one month");
  std::uint32_t first = 0, count = model.employeeCount();
  if (!q.unorId.empty()) {
    const AttendanceDevice* unit = model.deviceByUnorId(q.unorId);
    if (unit == nullptr && !model.knownUnorId(q.unorId))
      return Error::notFound("unor_id " + q.unorId + " is not a unit of the organisation");
    first = unit ? unit->firstPosition : 0;
    count = unit ? unit->employees : 0;
  }
  std::vector<mappings::CivilDate> days;  // at most 31
  for (std::int32_t d = q.from.toDays(); d <= q.to.toDays(); ++d)
    if (auto date = mappings::CivilDate::fromDays(d); isWorkingDay(date)) days.push_back(date);
  if (workingDays != nullptr) *workingDays = static_cast<int>(days.size());

  std::vector<MonthlyAttendanceTruth> out;
  out.reserve(count);
  for (std::uint32_t position = first; position < first + count; ++position) {
    const DeviceUser user = model.employeeAt(position);
    MonthlyAttendanceTruth m{user.nip};
    const AttendanceDevice& device = model.deviceOfPosition(position);
    std::vector<Punch> punches;  // one person-day's: at most three
    for (const mappings::CivilDate& date : days) {
      if (q.source == AttendanceTruthSource::kEpresensi) {
        countEpresensiDay(model.personDay(user.key, date), q, m);
        continue;
      }
      punches.clear();
      model.appendPunches(device, user, date, punches);
      countDeviceDay(punches, q, m);
    }
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.nip < b.nip; });
  return out;
}

void addAttendanceTruthRoute(Router& router, std::shared_ptr<const AttendanceModel> model) {
  router.add("GET", "/_sim/attendance/truth", [model](const HttpRequest& request) {
    auto query = parseAttendanceTruthQuery(request);
    if (!query) return message(400, query.error().message);
    int workingDays = 0;
    auto truth = attendanceTruth(*model, *query, &workingDays);
    if (!truth)
      return message(truth.error().code == ErrorCode::kNotFound ? 404 : 400, truth.error().message);
    rapidjson::StringBuffer out;
    JsonWriter w(out);
    char start[16];
    std::snprintf(start, sizeof start, "%02d:%02d", query->workStartSecond / 3600,
                  query->workStartSecond / 60 % 60);
    w.StartObject();
    w.Key("month");
    w.String(query->from.iso().substr(0, 7));
    w.Key("from");
    w.String(query->from.iso());
    w.Key("to");
    w.String(query->to.iso());
    w.Key("working_days");
    w.Int(workingDays);
    w.Key("work_start");
    w.String(start);
    w.Key("grace_minutes");
    w.Int(query->graceMinutes);
    w.Key("source");
    const std::string_view source = attendanceTruthSourceName(query->source);
    w.String(source.data(), static_cast<rapidjson::SizeType>(source.size()));
    w.Key("pegawai");
    w.StartArray();
    for (const MonthlyAttendanceTruth& m : *truth) {
      w.StartObject();
      w.Key("nip");
      w.String(m.nip);
      auto n = [&w](const char* key, int value) { w.Key(key), w.Int(value); };
      n("days_recorded", m.daysRecorded);
      n("days_present", m.daysPresent);
      n("late_days", m.lateDays);
      n("late_minutes", m.lateMinutes);
      n("izin", m.izin);
      n("sakit", m.sakit);
      n("cuti", m.cuti);
      n("dinas_luar", m.dinasLuar);
      n("tanpa_keterangan", m.tanpaKeterangan);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return HttpResponse::json(200, out.GetString());
  });
}

}  // namespace sinkron::sim
