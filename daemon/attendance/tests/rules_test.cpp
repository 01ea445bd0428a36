// The pure rules: working days, late and early minutes, how punches make a day.
#include <catch2/catch.hpp>

#include "sinkron/attendance/daily_summary.hpp"
#include "sinkron/attendance/rollup_rules.hpp"

using namespace sinkron::attendance;
using sinkron::mappings::CivilDate;

namespace {

CivilDate date(const char* iso) {
  return *sinkron::mappings::parseIsoDate(iso);
}

int at(const char* clock) {
  return *clockSeconds(clock);
}

}  // namespace

TEST_CASE("Working days, work end on Friday, late and early minutes", "[rules]") {
  RollupRules rules;
  REQUIRE(rules.validate());
  CHECK(isoWeekday(date("2026-03-02")) == 1);  // Monday
  CHECK(isoWeekday(date("2026-03-08")) == 7);
  CHECK(isoWeekday(date("1970-01-01")) == 4);
  CHECK(rules.isWorkingDay(date("2026-03-06")));
  CHECK_FALSE(rules.isWorkingDay(date("2026-03-07")));
  rules.holidays.insert("2026-03-19");
  CHECK_FALSE(rules.isWorkingDay(date("2026-03-19")));
  CHECK(rules.workEndSecond(date("2026-03-05")) == at("16:00"));
  CHECK(rules.workEndSecond(date("2026-03-06")) == at("16:30"));
  CHECK(rules.lateMinutes(at("07:30:59")) == 0);
  CHECK(rules.lateMinutes(at("07:31:00")) == 1);
  CHECK(rules.lateMinutes(at("06:45:00")) == 0);
  rules.graceMinutes = 15;
  CHECK(rules.lateMinutes(at("07:50:00")) == 5);
  CHECK(rules.lateMinutes(at("07:44:00")) == 0);
  CHECK(rules.earlyLeaveMinutes(date("2026-03-06"), at("16:10:00")) == 20);
  CHECK(rules.earlyLeaveMinutes(date("2026-03-05"), at("16:10:00")) == 0);
  CHECK(utcOffsetHours("Asia/Makassar") == 8);
  CHECK_FALSE(utcOffsetHours("Europe/Berlin"));
  CHECK(clockText(at("07:05:09")) == "07:05:09");
  CHECK_FALSE(clockSeconds("24:00"));
  CHECK_FALSE(clockSeconds("7:30"));
}

TEST_CASE("Bad rules are refused naming the field", "[rules]") {
  auto refused = [](RollupRules r) {
    sinkron::Status s = r.validate();
    REQUIRE_FALSE(s);
    return s.error().message;
  };
  RollupRules r;
  r.timeZone = "UTC";
  CHECK(refused(r).rfind("time_zone:", 0) == 0);
  r = {};
  r.workStart = "7:30";
  CHECK(refused(r).rfind("work_start:", 0) == 0);
  r = {};
  r.workEnd = "07:00";
  CHECK(refused(r).rfind("work_end:", 0) == 0);
  r = {};
  r.graceMinutes = -1;
  CHECK(refused(r).rfind("grace_minutes:", 0) == 0);
  r = {};
  r.workingWeekdays = {1, 8};
  CHECK(refused(r).rfind("working_weekdays:", 0) == 0);
  r = {};
  r.holidays = {"2026-02-30"};
  CHECK(refused(r).rfind("holidays:", 0) == 0);
}

TEST_CASE("A day from punches: statuses when usable, else earliest and latest", "[rules]") {
  const RollupRules rules;
  const CivilDate monday = date("2026-03-02");
  SECTION("check-in and check-out statuses") {
    std::vector<DayPunch> p = {
        {at("07:45:30"), 0}, {at("07:46:00"), 0}, {at("16:10:00"), 1}, {at("12:00:00"), 2}};
    DailyRow row = summarizePunches("N", monday, p, rules);
    CHECK(row.status == "H");
    CHECK(row.firstIn == "07:45:30");
    CHECK(row.lastOut == "16:10:00");
    CHECK(row.lateMinutes == 15);
  }
  SECTION("forgot to punch out: no last_out") {
    std::vector<DayPunch> p = {{at("07:10:00"), 0}};
    DailyRow row = summarizePunches("N", monday, p, rules);
    CHECK(row.firstIn == "07:10:00");
    CHECK_FALSE(row.lastOut);
    CHECK(row.lateMinutes == 0);
  }
  SECTION("only a check-out: present, arrival unknown") {
    std::vector<DayPunch> p = {{at("16:00:00"), 1}};
    DailyRow row = summarizePunches("N", monday, p, rules);
    CHECK(row.status == "H");
    CHECK_FALSE(row.firstIn);
    CHECK(row.lastOut == "16:00:00");
  }
  SECTION("a device that records every punch as 0") {
    std::vector<DayPunch> p = {{at("07:10:00"), 0, false}, {at("16:20:00"), 0, false}};
    DailyRow row = summarizePunches("N", monday, p, rules);
    CHECK(row.firstIn == "07:10:00");
    CHECK(row.lastOut == "16:20:00");
    // Two presses on arrival are not a check-out.
    std::vector<DayPunch> twice = {{at("07:10:00"), 0, false}, {at("07:11:00"), 0, false}};
    CHECK_FALSE(summarizePunches("N", monday, twice, rules).lastOut);
  }
}

TEST_CASE("An e-presensi person-day is taken as the feed gives it", "[rules]") {
  const RollupRules rules;
  auto row =
      dailyFromEpresensi({"199001312015031002", "2026-03-03", "07:40", "16:00:00", "H", ""}, rules);
  REQUIRE(row);
  CHECK(row->firstIn == "07:40:00");
  CHECK(row->lastOut == "16:00:00");
  CHECK(row->lateMinutes == 10);
  auto sick = dailyFromEpresensi({"199001312015031002", "2026-03-03", "", "", "S", ""}, rules);
  REQUIRE(sick);
  CHECK(sick->status == "S");
  CHECK_FALSE(sick->firstIn);
  auto bad = dailyFromEpresensi({"199001312015031002", "2026-03-03", "", "", "X", ""}, rules);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message.find("199001312015031002") == std::string::npos);
  CHECK_FALSE(dailyFromEpresensi({"199001312015031002", "2026-13-03", "", "", "H", ""}, rules));
  CHECK_FALSE(
      dailyFromEpresensi({"199001312015031002", "2026-03-03", "25:00", "", "H", ""}, rules));
  CHECK_FALSE(dailyFromEpresensi({"", "2026-03-03", "", "", "H", ""}, rules));
}
