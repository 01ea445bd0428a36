#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sinkron/scheduler/cron_expression.hpp"
#include "test_time.hpp"

using sinkron::scheduler::CronExpression;
using sinkron::scheduler::LocalMinute;
using sinkron::scheduler::testing::at;

namespace {

CronExpression parsed(const std::string& text) {
  auto cron = CronExpression::parse(text);
  REQUIRE(cron);
  return *cron;
}

std::vector<LocalMinute> firstMatches(const CronExpression& cron, LocalMinute from, int count) {
  std::vector<LocalMinute> found;
  for (int i = 0; i < count; ++i) {
    auto next = cron.nextAfter(from);
    REQUIRE(next);
    found.push_back(*next);
    from = *next;
  }
  return found;
}

}  // namespace

TEST_CASE("nextAfter: strictly after the given minute", "[cron]") {
  const auto quarter = parsed("*/15 * * * *");
  CHECK(quarter.nextAfter(at(2026, 11, 23, 10, 14)) == at(2026, 11, 23, 10, 15));
  CHECK(quarter.nextAfter(at(2026, 11, 23, 10, 15)) == at(2026, 11, 23, 10, 30));
  CHECK(quarter.nextAfter(at(2026, 11, 23, 23, 45)) == at(2026, 11, 24, 0, 0));

  const auto nightly = parsed("0 2 * * *");
  CHECK(nightly.nextAfter(at(2026, 11, 23, 1, 59)) == at(2026, 11, 23, 2, 0));
  CHECK(nightly.nextAfter(at(2026, 11, 23, 2, 0)) == at(2026, 11, 24, 2, 0));
}

TEST_CASE("nextAfter: across month and year ends", "[cron]") {
  CHECK(parsed("0 0 1 * *").nextAfter(at(2026, 1, 31, 12, 0)) == at(2026, 2, 1, 0, 0));
  CHECK(parsed("59 23 31 * *").nextAfter(at(2026, 2, 1, 0, 0)) == at(2026, 3, 31, 23, 59));
  CHECK(parsed("0 0 31 * *").nextAfter(at(2026, 4, 1, 0, 0)) == at(2026, 5, 31, 0, 0));
  CHECK(parsed("30 6 1 1 *").nextAfter(at(2026, 12, 31, 23, 59)) == at(2027, 1, 1, 6, 30));
  CHECK(parsed("* * * * *").nextAfter(at(2026, 12, 31, 23, 59)) == at(2027, 1, 1, 0, 0));
  CHECK(parsed("0 0 30 * *").nextAfter(at(2026, 1, 30, 0, 0)) == at(2026, 3, 30, 0, 0));
}

TEST_CASE("nextAfter: Feb 29 only in leap years", "[cron]") {
  const auto leapDay = parsed("0 12 29 2 *");
  CHECK(leapDay.nextAfter(at(2026, 3, 1, 0, 0)) == at(2028, 2, 29, 12, 0));
  CHECK(leapDay.nextAfter(at(2028, 2, 29, 12, 0)) == at(2032, 2, 29, 12, 0));
  // 2100 is not a leap year: eight years between two Feb 29s.
  CHECK(leapDay.nextAfter(at(2096, 3, 1, 0, 0)) == at(2104, 2, 29, 12, 0));
}

TEST_CASE("nextAfter: day-of-month OR day-of-week when both are restricted", "[cron]") {
  SECTION("both restricted: the 13th or any Monday") {
    const auto cron = parsed("0 0 13 * MON");
    CHECK(firstMatches(cron, at(2026, 2, 1, 0, 0), 5) ==
          std::vector<LocalMinute>{at(2026, 2, 2, 0, 0), at(2026, 2, 9, 0, 0),
                                   at(2026, 2, 13, 0, 0), at(2026, 2, 16, 0, 0),
                                   at(2026, 2, 23, 0, 0)});
  }
  SECTION("day-of-week '*': the day of month alone") {
    CHECK(firstMatches(parsed("0 0 13 * *"), at(2026, 2, 1, 0, 0), 2) ==
          std::vector<LocalMinute>{at(2026, 2, 13, 0, 0), at(2026, 3, 13, 0, 0)});
  }
  SECTION("day-of-month '*': the weekday alone") {
    CHECK(firstMatches(parsed("0 0 * * FRI"), at(2026, 11, 1, 0, 0), 2) ==
          std::vector<LocalMinute>{at(2026, 11, 6, 0, 0), at(2026, 11, 13, 0, 0)});
  }
  SECTION("a field starting with '*' counts as unrestricted (Vixie): */2 AND Friday") {
    CHECK(firstMatches(parsed("0 0 */2 * FRI"), at(2026, 11, 1, 0, 0), 2) ==
          std::vector<LocalMinute>{at(2026, 11, 13, 0, 0), at(2026, 11, 27, 0, 0)});
  }
  SECTION("1-31 is a restriction: OR with Friday = every day") {
    CHECK(firstMatches(parsed("0 0 1-31 * FRI"), at(2026, 11, 1, 0, 0), 2) ==
          std::vector<LocalMinute>{at(2026, 11, 2, 0, 0), at(2026, 11, 3, 0, 0)});
  }
  SECTION("Feb 30 never exists, but with a weekday it still matches the weekday") {
    CHECK(parsed("0 0 30 2 MON").nextAfter(at(2026, 1, 1, 0, 0)) == at(2026, 2, 2, 0, 0));
  }
}

TEST_CASE("nextAfter: impossible expressions give nullopt", "[cron]") {
  auto text = GENERATE(as<std::string>{}, "0 0 30 2 *", "0 0 31 4,6,9,11 *", "0 0 31 APR *",
                       "0 0 30,31 FEB *");
  CHECK(parsed(text).nextAfter(at(2026, 11, 23, 0, 0)) == std::nullopt);
}
