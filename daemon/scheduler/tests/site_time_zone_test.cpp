#include <catch2/catch.hpp>

#include <string>

#include "sinkron/scheduler/site_time_zone.hpp"
#include "test_time.hpp"

using namespace std::chrono_literals;
using sinkron::ErrorCode;
using sinkron::scheduler::CronExpression;
using sinkron::scheduler::nextRun;
using sinkron::scheduler::SiteTimeZone;
using sinkron::scheduler::testing::at;
using sinkron::scheduler::testing::utc;

namespace {

SiteTimeZone zone(const std::string& name) {
  auto z = SiteTimeZone::byName(name);
  REQUIRE(z);
  return *z;
}

CronExpression cron(const std::string& text) {
  auto c = CronExpression::parse(text);
  REQUIRE(c);
  return *c;
}

}  // namespace

TEST_CASE("site time zone: the Indonesian zones by name and abbreviation", "[tz]") {
  using Row = std::tuple<std::string, std::string, std::string, int>;
  auto [given, name, abbreviation, hours] =
      GENERATE(table<std::string, std::string, std::string, int>({
          Row{"Asia/Jakarta", "Asia/Jakarta", "WIB", 7},
          Row{"WIB", "Asia/Jakarta", "WIB", 7},
          Row{"asia/jakarta", "Asia/Jakarta", "WIB", 7},
          Row{"Asia/Makassar", "Asia/Makassar", "WITA", 8},
          Row{"wita", "Asia/Makassar", "WITA", 8},
          Row{"Asia/Jayapura", "Asia/Jayapura", "WIT", 9},
          Row{"WIT", "Asia/Jayapura", "WIT", 9},
          Row{"UTC", "UTC", "UTC", 0},
      }));
  const auto z = zone(given);
  CHECK(z.name() == name);
  CHECK(z.abbreviation() == abbreviation);
  CHECK(z.offset() == std::chrono::hours(hours));
}

TEST_CASE("site time zone: unknown names list the valid ones", "[tz]") {
  auto given = GENERATE(as<std::string>{}, "Asia/Singapore", "", "WIBB", "Europe/Amsterdam");
  auto z = SiteTimeZone::byName(given);
  REQUIRE_FALSE(z);
  CHECK(z.error().code == ErrorCode::kInvalidArgument);
  CHECK(z.error().message == "time zone '" + given +
                                 "' is not known (use Asia/Jakarta or WIB, Asia/Makassar or "
                                 "WITA, Asia/Jayapura or WIT, or UTC)");
}

TEST_CASE("site time zone: conversions between instants and civil minutes", "[tz]") {
  const auto wib = zone("WIB");
  CHECK(wib.toLocal(utc(2026, 11, 23, 20, 30, 59)) == at(2026, 11, 24, 3, 30));
  CHECK(wib.toSystem(at(2026, 11, 24, 3, 30)) == utc(2026, 11, 23, 20, 30));
  CHECK(SiteTimeZone().name() == "UTC");
  CHECK(SiteTimeZone().toLocal(utc(2026, 1, 1, 0, 0)) == at(2026, 1, 1, 0, 0));
  // Before the epoch the seconds are dropped too (floor, not truncation toward zero).
  CHECK(zone("UTC").toLocal(utc(1969, 12, 31, 23, 59, 30)) == at(1969, 12, 31, 23, 59));
}

TEST_CASE("nextRun: the schedule is read in the site's civil time", "[tz]") {
  const auto nightly = cron("0 2 * * *");
  SECTION("02:00 WIT is 17:00 UTC the day before") {
    CHECK(*nextRun(nightly, zone("Asia/Jayapura"), utc(2026, 11, 23, 0, 0)) ==
          utc(2026, 11, 23, 17, 0));
  }
  SECTION("the same expression in each zone") {
    CHECK(*nextRun(nightly, zone("WIB"), utc(2026, 11, 23, 0, 0)) == utc(2026, 11, 23, 19, 0));
    CHECK(*nextRun(nightly, zone("WITA"), utc(2026, 11, 23, 0, 0)) == utc(2026, 11, 23, 18, 0));
    CHECK(*nextRun(nightly, zone("UTC"), utc(2026, 11, 23, 0, 0)) == utc(2026, 11, 23, 2, 0));
  }
  SECTION("strictly after, also within the matching minute") {
    const auto wib = zone("WIB");
    CHECK(*nextRun(nightly, wib, utc(2026, 11, 23, 19, 0)) == utc(2026, 11, 24, 19, 0));
    CHECK(*nextRun(nightly, wib, utc(2026, 11, 23, 19, 0, 30)) == utc(2026, 11, 24, 19, 0));
    CHECK(*nextRun(nightly, wib, utc(2026, 11, 23, 18, 59, 59)) == utc(2026, 11, 23, 19, 0));
  }
  SECTION("the local day decides the weekday: Monday 01:00 WIT is Sunday in UTC") {
    CHECK(*nextRun(cron("0 1 * * MON"), zone("WIT"), utc(2026, 11, 20, 0, 0)) ==
          utc(2026, 11, 22, 16, 0));
  }
  SECTION("an expression that never matches is an error naming it") {
    auto next = nextRun(cron("0 0 30 2 *"), zone("WIB"), utc(2026, 11, 23, 0, 0));
    REQUIRE_FALSE(next);
    CHECK(next.error().code == ErrorCode::kNotFound);
    CHECK(next.error().message ==
          "cron '0 0 30 2 *': no matching minute within 8 years after 2026-11-23 07:00 WIB");
  }
}
