#include <catch2/catch.hpp>

#include <string>

#include "sinkron/scheduler/cron_expression.hpp"
#include "test_time.hpp"

using sinkron::ErrorCode;
using sinkron::scheduler::CronExpression;
using sinkron::scheduler::testing::at;

namespace {

CronExpression parsed(const std::string& text) {
  auto cron = CronExpression::parse(text);
  INFO(text << ": " << (cron ? std::string() : cron.error().message));
  REQUIRE(cron);
  return *cron;
}

std::string errorOf(const std::string& text) {
  auto cron = CronExpression::parse(text);
  REQUIRE_FALSE(cron);
  CHECK(cron.error().code == ErrorCode::kParse);
  return cron.error().message;
}

}  // namespace

TEST_CASE("cron: valid forms select the right minutes", "[cron]") {
  SECTION("every minute") {
    const auto cron = parsed("* * * * *");
    CHECK(cron.matches(at(2026, 11, 23, 0, 0)));
    CHECK(cron.matches(at(2026, 11, 23, 23, 59)));
  }
  SECTION("lists, ranges and steps") {
    const auto cron = parsed("1,5,10-12,*/20 3-5 * * *");
    for (int minute : {0, 1, 5, 10, 11, 12, 20, 40}) CHECK(cron.matches(at(2026, 1, 1, 4, minute)));
    for (int minute : {2, 9, 13, 21, 59}) CHECK_FALSE(cron.matches(at(2026, 1, 1, 4, minute)));
    CHECK_FALSE(cron.matches(at(2026, 1, 1, 2, 1)));
    CHECK_FALSE(cron.matches(at(2026, 1, 1, 6, 1)));
  }
  SECTION("a range with a step") {
    const auto cron = parsed("10-50/10 * * * *");
    for (int minute : {10, 20, 30, 40, 50}) CHECK(cron.matches(at(2026, 1, 1, 0, minute)));
    for (int minute : {0, 15, 55, 60 - 1}) CHECK_FALSE(cron.matches(at(2026, 1, 1, 0, minute)));
  }
  SECTION("a start with a step runs to the end of the range") {
    const auto cron = parsed("5/20 * * * *");
    for (int minute : {5, 25, 45}) CHECK(cron.matches(at(2026, 1, 1, 0, minute)));
    CHECK_FALSE(cron.matches(at(2026, 1, 1, 0, 0)));
  }
  SECTION("month and weekday names, any case, also in ranges") {
    const auto cron = parsed("0 9 * jan,Mar-MAY mon-Fri");
    CHECK(cron.matches(at(2026, 1, 5, 9, 0)));         // Monday in January
    CHECK(cron.matches(at(2026, 4, 10, 9, 0)));        // Friday in April
    CHECK_FALSE(cron.matches(at(2026, 4, 11, 9, 0)));  // Saturday
    CHECK_FALSE(cron.matches(at(2026, 2, 2, 9, 0)));   // Monday in February
  }
  SECTION("day-of-week 0 and 7 are both Sunday") {
    const auto zero = parsed("0 0 * * 0");
    const auto seven = parsed("0 0 * * 7");
    const auto sun = parsed("0 0 * * SUN");
    const auto sunday = at(2026, 11, 22, 0, 0);
    CHECK(zero.matches(sunday));
    CHECK(seven.matches(sunday));
    CHECK(sun.matches(sunday));
    CHECK_FALSE(seven.matches(at(2026, 11, 21, 0, 0)));
    CHECK(parsed("0 0 * * 5-7").matches(sunday));
  }
  SECTION("blanks around and between fields") {
    const auto cron = parsed("  0\t2  *   * *  ");
    CHECK(cron.text() == "0\t2  *   * *");
    CHECK(cron.matches(at(2026, 11, 23, 2, 0)));
  }
}

TEST_CASE("cron: macros", "[cron]") {
  using Row = std::tuple<std::string, std::string>;
  auto [macro, equivalent] = GENERATE(table<std::string, std::string>({
      Row{"@hourly", "0 * * * *"},
      Row{"@daily", "0 0 * * *"},
      Row{"@midnight", "0 0 * * *"},
      Row{"@weekly", "0 0 * * 0"},
      Row{"@monthly", "0 0 1 * *"},
      Row{"@yearly", "0 0 1 1 *"},
      Row{"@annually", "0 0 1 1 *"},
      Row{"@DAILY", "0 0 * * *"},
  }));
  const auto fromMacro = parsed(macro);
  const auto fromFields = parsed(equivalent);
  CHECK(fromMacro.text() == macro);
  auto a = at(2026, 11, 23, 15, 7);
  auto b = a;
  for (int i = 0; i < 20; ++i) {
    auto nextA = fromMacro.nextAfter(a);
    auto nextB = fromFields.nextAfter(b);
    REQUIRE(nextA);
    REQUIRE(nextB);
    CHECK(*nextA == *nextB);
    a = *nextA;
    b = *nextB;
  }
}

TEST_CASE("cron: every error names the field and the bad token", "[cron]") {
  using Row = std::tuple<std::string, std::string>;
  auto [text, message] = GENERATE(table<std::string, std::string>({
      Row{"x * * * *", "cron 'x * * * *': field 1 (minute): 'x' is not a number"},
      Row{"0 25 * * *", "cron '0 25 * * *': field 2 (hour): 25 is out of range 0-23"},
      Row{"60 * * * *", "cron '60 * * * *': field 1 (minute): 60 is out of range 0-59"},
      Row{"0 0 0 * *", "cron '0 0 0 * *': field 3 (day-of-month): 0 is out of range 1-31"},
      Row{"0 0 32 * *", "cron '0 0 32 * *': field 3 (day-of-month): 32 is out of range 1-31"},
      Row{"0 0 * 13 *", "cron '0 0 * 13 *': field 4 (month): 13 is out of range 1-12"},
      Row{"0 0 * * 8", "cron '0 0 * * 8': field 5 (day-of-week): 8 is out of range 0-7"},
      Row{"0 0 * * 99999999999",
          "cron '0 0 * * 99999999999': field 5 (day-of-week): "
          "99999999999 is out of range 0-7"},
      Row{"0 0 * FOO *",
          "cron '0 0 * FOO *': field 4 (month): 'FOO' is not a number or a month name (JAN-DEC)"},
      Row{"0 0 * * MONDAY",
          "cron '0 0 * * MONDAY': field 5 (day-of-week): 'MONDAY' is not a "
          "number or a weekday name (SUN-SAT)"},
      Row{"0 JAN * * *", "cron '0 JAN * * *': field 2 (hour): 'JAN' is not a number"},
      Row{"5-1 * * * *", "cron '5-1 * * * *': field 1 (minute): range 5-1 is reversed"},
      Row{"1-2-3 * * * *",
          "cron '1-2-3 * * * *': field 1 (minute): '1-2-3' is not a value, a range or a step"},
      Row{"-5 * * * *", "cron '-5 * * * *': field 1 (minute): '-5' is missing a value"},
      Row{"1- * * * *", "cron '1- * * * *': field 1 (minute): '1-' is missing a value"},
      Row{"*/0 * * * *", "cron '*/0 * * * *': field 1 (minute): step 0 must be at least 1"},
      Row{"*/x * * * *", "cron '*/x * * * *': field 1 (minute): step 'x' is not a number"},
      Row{"*/ * * * *", "cron '*/ * * * *': field 1 (minute): '*/' is missing a step"},
      Row{"1,,2 * * * *", "cron '1,,2 * * * *': field 1 (minute): empty list item in '1,,2'"},
      Row{"1, * * * *", "cron '1, * * * *': field 1 (minute): empty list item in '1,'"},
      Row{"0 0 * *",
          "cron '0 0 * *': expected 5 fields (minute hour day-of-month month day-of-week), got 4"},
      Row{"0 0 * * * *",
          "cron '0 0 * * * *': expected 5 fields (minute hour day-of-month month "
          "day-of-week), got 6"},
      Row{"@reboot",
          "cron '@reboot': unknown macro (use @hourly, @daily, @midnight, @weekly, "
          "@monthly, @yearly, @annually)"},
      Row{"   ",
          "cron '': empty expression (5 fields: minute hour day-of-month month "
          "day-of-week, or a macro such as @daily)"},
  }));
  CHECK(errorOf(text) == message);
}
