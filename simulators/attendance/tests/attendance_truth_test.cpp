// GET /_sim/attendance/truth: the monthly figures per employee agree with what the e-presensi app
// serves (source=epresensi) or with the punches the Fingerspot cloud serves (source=devices),
// follow the documented late rule, and bad queries are refused naming the parameter.
#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "attendance_test_support.hpp"
#include "sinkron/sim/attendance_sim.hpp"
#include "sinkron/sim/attendance_truth.hpp"

using namespace sinkron::sim;
using sinkron::mappings::CivilDate;
using sinkron::sim::testing::call;
using sinkron::sim::testing::json;
using sinkron::sim::testing::smallWorld;

namespace {

std::map<std::string, MonthlyAttendanceTruth> byNip(const rapidjson::Document& doc) {
  std::map<std::string, MonthlyAttendanceTruth> out;
  for (const auto& p : doc["pegawai"].GetArray()) {
    MonthlyAttendanceTruth m{p["nip"].GetString()};
    m.daysRecorded = p["days_recorded"].GetInt();
    m.daysPresent = p["days_present"].GetInt();
    m.lateDays = p["late_days"].GetInt();
    m.lateMinutes = p["late_minutes"].GetInt();
    m.izin = p["izin"].GetInt();
    m.sakit = p["sakit"].GetInt();
    m.cuti = p["cuti"].GetInt();
    m.dinasLuar = p["dinas_luar"].GetInt();
    m.tanpaKeterangan = p["tanpa_keterangan"].GetInt();
    out[m.nip] = m;
  }
  return out;
}

// "HH:MM:SS" -> seconds.
int seconds(const std::string& t) {
  return std::stoi(t.substr(0, 2)) * 3600 + std::stoi(t.substr(3, 2)) * 60 + std::stoi(t.substr(6));
}

// The punches of every device for March 2026 from get_attlog (2 days a call), by NIP (the PIN map
// of the cloud's /_sim/attendance/pin-map) and day: (second of the day, status_scan) each.
std::map<std::string, std::map<std::string, std::vector<std::pair<int, int>>>> cloudPunches(
    const Router& cloud, const AttendanceModel& model, const std::string& bearer) {
  std::map<std::string, std::string> nipOf;  // "<cloud id>/<pin>" -> NIP
  const HttpResponse map = call(cloud, "GET", "/_sim/attendance/pin-map");
  REQUIRE(map.status == 200);
  std::size_t at = map.body.find('\n') + 1;  // after the header
  for (int line = 0; line < 100'000 && at < map.body.size(); ++line) {
    const std::size_t end = map.body.find('\n', at);
    std::vector<std::string> f(1);
    for (char c : map.body.substr(at, end - at)) {
      if (c == ',')
        f.emplace_back();
      else
        f.back().push_back(c);
    }
    at = end + 1;
    REQUIRE(f.size() >= 4);
    if (!f[3].empty()) nipOf[f[1] + "/" + f[2]] = f[3];
  }
  std::map<std::string, std::map<std::string, std::vector<std::pair<int, int>>>> out;
  for (const AttendanceDevice& device : model.devices())
    for (int day = 1; day <= 31; day += 2) {
      const std::string from = CivilDate{2026, 3, day}.iso();
      const std::string to = CivilDate{2026, 3, std::min(day + 1, 31)}.iso();
      HttpResponse r = call(cloud, "POST", "/api/v1/get_attlog",
                            R"({"trans_id":"1","cloud_id":")" + device.cloudId +
                                R"(","start_date":")" + from + R"(","end_date":")" + to + R"("})",
                            bearer);
      REQUIRE(r.status == 200);
      rapidjson::Document doc = json(r);
      REQUIRE(doc["success"].GetBool());
      for (const auto& p : doc["data"].GetArray()) {
        auto nip = nipOf.find(device.cloudId + "/" + p["pin"].GetString());
        if (nip == nipOf.end()) continue;  // honorary staff, guards: no NIP
        const std::string time = p["scan_date"].GetString();
        out[nip->second][time.substr(0, 10)].emplace_back(seconds(time.substr(11)),
                                                          p["status_scan"].GetInt());
      }
    }
  return out;
}

}  // namespace

TEST_CASE("devices-only attendance truth equals a recount of the cloud's punches",
          "[attendance_truth]") {
  World world(smallWorld());
  auto model = AttendanceModel::build(world);
  Router cloud = fingerspotRouter(world, model);
  const int workStart = 7 * 3600 + 30 * 60;
  const auto [grace, query] =
      GENERATE(table<int, std::string>({{0, ""}, {10, "&grace_minutes=10"}}));
  const auto punches = cloudPunches(cloud, *model, "Bearer " + world.options().fingerspotToken);

  HttpResponse r =
      call(cloud, "GET", "/_sim/attendance/truth?month=2026-03&source=devices" + query);
  REQUIRE(r.status == 200);
  rapidjson::Document doc = json(r);
  CHECK(std::string(doc["source"].GetString()) == "devices");
  CHECK(doc["working_days"].GetInt() == 22);
  const auto truth = byNip(doc);
  REQUIRE(truth.size() == model->employeeCount());

  // Recounted by the documented rule: a working day with punches is present and late by its
  // earliest check-in; one without is TK; nothing else.
  std::map<std::string, MonthlyAttendanceTruth> counted;
  int doublePresses = 0;
  for (const auto& [nip, t] : truth) {
    MonthlyAttendanceTruth& m = counted[nip];
    m.nip = nip;
    for (int day = 1; day <= 31; ++day) {
      const CivilDate date{2026, 3, day};
      if (!isWorkingDay(date)) continue;
      ++m.daysRecorded;
      auto person = punches.find(nip);
      const std::vector<std::pair<int, int>>* dayPunches = nullptr;
      if (person != punches.end())
        if (auto it = person->second.find(date.iso()); it != person->second.end())
          dayPunches = &it->second;
      if (dayPunches == nullptr) {
        ++m.tanpaKeterangan;
        continue;
      }
      ++m.daysPresent;
      int checkIn = 24 * 3600, checkIns = 0;
      for (auto [second, status] : *dayPunches)
        if (status == kStatusCheckIn) checkIn = std::min(checkIn, second), ++checkIns;
      REQUIRE(checkIns > 0);  // the model always records the arrival
      doublePresses += checkIns > 1;
      const int late = std::max(0, (checkIn - workStart) / 60 - grace);
      if (late > 0) ++m.lateDays, m.lateMinutes += late;
    }
  }
  CHECK(truth == counted);
  CHECK(doublePresses > 0);  // ~3% of present days: the rule about the first press is exercised

  int late = 0, absent = 0;
  for (const auto& [nip, m] : truth) {
    CHECK(m.izin + m.sakit + m.cuti + m.dinasLuar == 0);  // only e-presensi knows those
    CHECK(m.daysPresent + m.tanpaKeterangan == 22);
    late += m.lateDays;
    absent += m.tanpaKeterangan;
  }
  CHECK(late > 0);
  CHECK(absent > 0);
}

TEST_CASE("devices-only truth: e-presensi's absences become TK, presence and lateness stay",
          "[attendance_truth]") {
  World world(smallWorld());
  auto model = AttendanceModel::build(world);
  AttendanceTruthQuery q;
  q.from = {2026, 11, 1};
  q.to = {2026, 11, 30};
  q.graceMinutes = GENERATE(0, 15);
  auto app = attendanceTruth(*model, q);
  q.source = AttendanceTruthSource::kDevices;
  const bool oneUnit = GENERATE(false, true);
  if (oneUnit) q.unorId = model->devices()[0].unorId;
  auto devices = attendanceTruth(*model, q);
  REQUIRE(app.ok());
  REQUIRE(devices.ok());
  std::map<std::string, MonthlyAttendanceTruth> byApp;
  for (const auto& m : *app) byApp[m.nip] = m;
  CHECK(devices->size() == (!oneUnit ? app->size() : model->devices()[0].employees));
  int awayDays = 0;
  for (const auto& d : *devices) {
    const MonthlyAttendanceTruth& a = byApp.at(d.nip);
    INFO(d.nip);
    CHECK(d.daysRecorded == a.daysRecorded);
    CHECK(d.daysPresent == a.daysPresent);
    CHECK(d.lateDays == a.lateDays);
    CHECK(d.lateMinutes == a.lateMinutes);
    CHECK(d.tanpaKeterangan == a.izin + a.sakit + a.cuti + a.dinasLuar + a.tanpaKeterangan);
    awayDays += a.izin + a.sakit + a.cuti + a.dinasLuar;
  }
  CHECK(awayDays > 0);  // some I/S/C/DL turned into TK
}

TEST_CASE("attendance truth equals a recount of the e-presensi person-days", "[attendance_truth]") {
  World world(smallWorld());
  auto model = AttendanceModel::build(world);
  Router router = epresensiRouter(world, model);
  HttpResponse login =
      call(router, "POST", "/api/login", R"({"username":"sinkron","password":"epresensi-demo"})");
  const std::string bearer = "Bearer " + std::string(json(login)["token"].GetString());
  const int workStart = 7 * 3600 + 30 * 60;
  const auto [grace, query] =
      GENERATE(table<int, std::string>({{0, ""}, {10, "&grace_minutes=10"}}));

  // The app's person-days of March 2026, counted by the documented rule.
  std::map<std::string, MonthlyAttendanceTruth> counted;
  for (int page = 1; page <= 100; ++page) {
    HttpResponse r = call(router, "GET",
                          "/api/v1/presensi?tanggal_mulai=2026-03-01&tanggal_selesai=2026-03-31"
                          "&per_page=1000&page=" +
                              std::to_string(page),
                          {}, bearer);
    REQUIRE(r.status == 200);
    rapidjson::Document doc = json(r);
    for (const auto& row : doc["data"].GetArray()) {
      MonthlyAttendanceTruth& m = counted[row["nip"].GetString()];
      m.nip = row["nip"].GetString();
      ++m.daysRecorded;
      const std::string status = row["status"].GetString();
      m.izin += status == "I";
      m.sakit += status == "S";
      m.cuti += status == "C";
      m.dinasLuar += status == "DL";
      m.tanpaKeterangan += status == "TK";
      if (status != "H") continue;
      ++m.daysPresent;
      REQUIRE(row["jam_in"].IsString());
      const int late = std::max(0, (seconds(row["jam_in"].GetString()) - workStart) / 60 - grace);
      if (late > 0) ++m.lateDays, m.lateMinutes += late;
    }
    if (page >= doc["meta"]["last_page"].GetInt()) break;
  }

  HttpResponse r = call(router, "GET", "/_sim/attendance/truth?month=2026-03" + query);
  REQUIRE(r.status == 200);
  rapidjson::Document doc = json(r);
  CHECK(std::string(doc["from"].GetString()) == "2026-03-01");
  CHECK(std::string(doc["to"].GetString()) == "2026-03-31");
  CHECK(doc["working_days"].GetInt() == 22);
  CHECK(doc["grace_minutes"].GetInt() == grace);
  const auto truth = byNip(doc);
  REQUIRE(truth.size() == model->employeeCount());
  CHECK(truth == counted);

  int late = 0, absent = 0;
  for (const auto& [nip, m] : truth) {
    CHECK(m.daysRecorded == 22);
    CHECK(m.daysPresent + m.izin + m.sakit + m.cuti + m.dinasLuar + m.tanpaKeterangan == 22);
    CHECK(m.lateMinutes >= m.lateDays);
    late += m.lateDays;
    absent += m.izin + m.sakit + m.cuti + m.dinasLuar + m.tanpaKeterangan;
  }
  CHECK(late > 0);    // ~12% of present days
  CHECK(absent > 0);  // ~8% of days
}

TEST_CASE("attendance truth rules: clipped days, one unit, work start and grace",
          "[attendance_truth]") {
  World world(smallWorld());
  auto model = AttendanceModel::build(world);
  const AttendanceDevice& unit = model->devices()[0];

  AttendanceTruthQuery q;
  q.from = {2026, 12, 1};
  q.to = {2026, 12, 31};
  int workingDays = 0;
  auto december = attendanceTruth(*model, q, &workingDays);
  REQUIRE(december.ok());
  CHECK(workingDays == 22);  // 23 weekdays, 25 December off

  SECTION("from and to clip the month") {
    q.from = {2026, 12, 21};
    q.to = {2026, 12, 27};  // Monday .. Sunday, Friday 25th a holiday
    auto week = attendanceTruth(*model, q, &workingDays);
    REQUIRE(week.ok());
    CHECK(workingDays == 4);
    for (const auto& m : *week) CHECK(m.daysRecorded == 4);
  }
  SECTION("one unit's employees, the same figures") {
    q.unorId = unit.unorId;
    auto one = attendanceTruth(*model, q);
    REQUIRE(one.ok());
    CHECK(one->size() == unit.employees);
    std::map<std::string, MonthlyAttendanceTruth> all;
    for (const auto& m : *december) all[m.nip] = m;
    for (const auto& m : *one) CHECK(all.at(m.nip) == m);
  }
  SECTION("a later work start and grace only lower lateness") {
    q.workStartSecond = 8 * 3600;
    auto later = attendanceTruth(*model, q);
    q.workStartSecond = 7 * 3600 + 30 * 60;
    q.graceMinutes = 45;  // 08:15, the latest arrival the model makes
    auto graced = attendanceTruth(*model, q);
    REQUIRE(later.ok());
    REQUIRE(graced.ok());
    int before = 0, after = 0;
    for (std::size_t i = 0; i < december->size(); ++i) {
      CHECK((*later)[i].lateMinutes <= (*december)[i].lateMinutes);
      CHECK((*graced)[i].lateDays == 0);
      CHECK((*graced)[i].daysPresent == (*december)[i].daysPresent);
      before += (*december)[i].lateMinutes;
      after += (*later)[i].lateMinutes;
    }
    CHECK(after < before);
  }
  SECTION("a range across months is refused") {
    q.to = {2027, 1, 2};
    CHECK_FALSE(attendanceTruth(*model, q).ok());
  }
}

TEST_CASE("attendance truth route: both systems serve it, bad queries are refused",
          "[attendance_truth]") {
  World world(smallWorld());
  auto model = AttendanceModel::build(world);
  Router cloud = fingerspotRouter(world, model);
  Router app = epresensiRouter(world, model);
  const std::string target = "/_sim/attendance/truth?month=2026-11&from=2026-11-16&to=2026-11-22";
  HttpResponse a = call(cloud, "GET", target), b = call(app, "GET", target);
  REQUIRE(a.status == 200);
  CHECK(a.body == b.body);
  CHECK(json(a)["working_days"].GetInt() == 5);
  CHECK(std::string(json(a)["source"].GetString()) == "epresensi");
  HttpResponse devices = call(app, "GET", target + "&source=devices");
  REQUIRE(devices.status == 200);
  CHECK(std::string(json(devices)["source"].GetString()) == "devices");
  CHECK(devices.body != a.body);

  const auto [params, status, names] = GENERATE(table<std::string, int, std::string>({
      {"", 400, "month"},
      {"month=2026-13", 400, "month"},
      {"month=26-11", 400, "month"},
      {"month=2026-11&from=2026-10-31", 400, "from"},
      {"month=2026-11&to=2026-11-31", 400, "to"},
      {"month=2026-11&from=2026-11-20&to=2026-11-19", 400, "to"},
      {"month=2026-11&work_start=7:30", 400, "work_start"},
      {"month=2026-11&grace_minutes=241", 400, "grace_minutes"},
      {"month=2026-11&grace_minutes=-1", 400, "grace_minutes"},
      {"month=2026-11&unor_id=NO-SUCH-UNIT", 404, "unor_id"},
      {"month=2026-11&source=fingerspot", 400, "source"},
      {"month=2026-11&source=DEVICES", 400, "source"},
  }));
  HttpResponse r = call(app, "GET", "/_sim/attendance/truth?" + params);
  INFO(params << " -> " << r.body);
  CHECK(r.status == status);
  CHECK(std::string(json(r)["message"].GetString()).find(names) != std::string::npos);
}
