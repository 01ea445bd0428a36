#include <catch2/catch.hpp>
#include <cstdio>
#include <optional>
#include <random>
#include <string>

#include "sinkron/mappings/civil_date.hpp"

using sinkron::mappings::CivilDate;
using sinkron::mappings::DateFormat;
using sinkron::mappings::parseDate;
using sinkron::mappings::parseDateFormat;
using sinkron::mappings::parseFixedDate;
using sinkron::mappings::parseIsoDate;
using sinkron::mappings::yearsBetween;

TEST_CASE("parseDate reads every supported layout", "[mappings]") {
  auto [text, format, y, m, d] = GENERATE(table<std::string, DateFormat, int, int, int>({
      {"31-01-1990", DateFormat::kDmyDash, 1990, 1, 31},
      {"1990-01-31", DateFormat::kYmdDash, 1990, 1, 31},
      {"31/01/1990", DateFormat::kDmySlash, 1990, 1, 31},
      {"1-2-1990", DateFormat::kDmyDash, 1990, 2, 1},
      {"31-01-1990", DateFormat::kAuto, 1990, 1, 31},
      {"1990-01-31", DateFormat::kAuto, 1990, 1, 31},
      {"31/01/1990", DateFormat::kAuto, 1990, 1, 31},
      {"1990-01-31 00:00:00", DateFormat::kAuto, 1990, 1, 31},
      {"1990-01-31T08:15:00+07:00", DateFormat::kYmdDash, 1990, 1, 31},
      {"  29-02-2024 ", DateFormat::kAuto, 2024, 2, 29},
      {"2000-02-29", DateFormat::kAuto, 2000, 2, 29},
  }));
  CAPTURE(text);
  auto date = parseDate(text, format);
  REQUIRE(date.ok());
  CHECK(*date == CivilDate{y, m, d});
}

TEST_CASE("parseFixedDate takes exactly the ten-character real dates of its layout", "[mappings]") {
  auto [text, format, accepted] = GENERATE(table<std::string, DateFormat, bool>({
      {"23-08-1983", DateFormat::kDmyDash, true},
      {"1983-08-23", DateFormat::kYmdDash, true},
      {"23/08/1983", DateFormat::kDmySlash, true},
      {"23-08-1983", DateFormat::kAuto, true},
      {"1983-08-23", DateFormat::kAuto, true},
      {"23/08/1983", DateFormat::kAuto, true},
      {"29-02-2024", DateFormat::kDmyDash, true},
      {"29-02-2023", DateFormat::kDmyDash, false},  // not a real date: parseDate says why
      {"1983-08-23", DateFormat::kDmyDash, false},  // another layout
      {"23-08-1983", DateFormat::kYmdDash, false},
      {"23/08/1983", DateFormat::kDmyDash, false},
      {"3-8-1983", DateFormat::kDmyDash, false},  // short forms go to parseDate
      {"2a-08-1983", DateFormat::kDmyDash, false},
      {"1983-08-23 ", DateFormat::kYmdDash, false},
      {"1899-12-31", DateFormat::kYmdDash, false},
  }));
  CAPTURE(text);
  CivilDate date;
  CHECK(parseFixedDate(text, format, date) == accepted);
  if (accepted) CHECK(date == *parseDate(text, format));
}

TEST_CASE("parseDate names the text and the expected layout on failure", "[mappings]") {
  auto [text, format, message] = GENERATE(table<std::string, DateFormat, std::string>({
      {"1990-13-01", DateFormat::kAuto,
       "date '1990-13-01' is not a real date: month 13 is not 1..12 (expected dd-mm-yyyy, "
       "yyyy-mm-dd or dd/mm/yyyy)"},
      {"30-02-2021", DateFormat::kDmyDash,
       "date '30-02-2021' is not a real date: day 30 does not exist in 2021-02 (expected "
       "dd-mm-yyyy)"},
      {"29-02-1900", DateFormat::kDmyDash,
       "date '29-02-1900' is not a real date: day 29 does not exist in 1900-02 (expected "
       "dd-mm-yyyy)"},
      {"01/01/1850", DateFormat::kDmySlash,
       "date '01/01/1850' is not a real date: year 1850 is outside 1900..2100 (expected "
       "dd/mm/yyyy)"},
      {"1990/01/31", DateFormat::kYmdDash, "date '1990/01/31' does not have the layout yyyy-mm-dd"},
      {"31-01-1990", DateFormat::kYmdDash, "date '31-01-1990' does not have the layout yyyy-mm-dd"},
      {"31-01-90", DateFormat::kDmyDash, "date '31-01-90' does not have the layout dd-mm-yyyy"},
      {"1990-01-31x", DateFormat::kAuto,
       "date '1990-01-31x' does not have the layout dd-mm-yyyy, yyyy-mm-dd or dd/mm/yyyy"},
      {"", DateFormat::kAuto,
       "date '' does not have the layout dd-mm-yyyy, yyyy-mm-dd or dd/mm/yyyy"},
  }));
  auto date = parseDate(text, format);
  REQUIRE_FALSE(date.ok());
  CHECK(date.error().code == sinkron::ErrorCode::kParse);
  CHECK(date.error().message == message);
}

TEST_CASE("parseDateFormat accepts the four names", "[mappings]") {
  CHECK(*parseDateFormat("dd-mm-yyyy") == DateFormat::kDmyDash);
  CHECK(*parseDateFormat("yyyy-mm-dd") == DateFormat::kYmdDash);
  CHECK(*parseDateFormat("dd/mm/yyyy") == DateFormat::kDmySlash);
  CHECK(*parseDateFormat("auto") == DateFormat::kAuto);
  auto bad = parseDateFormat("mm/dd/yyyy");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message ==
        "unknown date format 'mm/dd/yyyy' (expected dd-mm-yyyy, yyyy-mm-dd, dd/mm/yyyy or auto)");
}

TEST_CASE("parseIsoDate accepts only canonical ISO dates", "[mappings]") {
  CHECK(parseIsoDate("1990-01-31") == CivilDate{1990, 1, 31});
  CHECK(parseIsoDate("2024-02-29") == CivilDate{2024, 2, 29});
  auto text = GENERATE(as<std::string>{}, "", "1990-1-31", "1990-02-30", "31-01-1990",
                       "1990-01-31 ", "1990/01/31", "19900131xx", "1990-13-01");
  CAPTURE(text);
  CHECK_FALSE(parseIsoDate(text).has_value());
}

TEST_CASE("CivilDate validity follows the Gregorian calendar", "[mappings]") {
  CHECK(CivilDate{2000, 2, 29}.valid());
  CHECK(CivilDate{2024, 2, 29}.valid());
  CHECK_FALSE(CivilDate{1900, 2, 29}.valid());
  CHECK_FALSE(CivilDate{2023, 2, 29}.valid());
  CHECK_FALSE(CivilDate{2023, 4, 31}.valid());
  CHECK_FALSE(CivilDate{1899, 12, 31}.valid());
  CHECK_FALSE(CivilDate{2101, 1, 1}.valid());
  CHECK_FALSE(CivilDate{}.valid());
}

TEST_CASE("CivilDate day counts and ISO text", "[mappings]") {
  CHECK(CivilDate{1970, 1, 1}.toDays() == 0);
  CHECK(CivilDate{2000, 3, 1}.toDays() == 11017);
  CHECK(CivilDate{1969, 12, 31}.toDays() == -1);
  CHECK(CivilDate::fromDays(11017) == CivilDate{2000, 3, 1});
  CHECK(CivilDate{1990, 1, 31}.iso() == "1990-01-31");
  CHECK(CivilDate{1900, 12, 5}.iso() == "1900-12-05");

  SECTION("every day from 1900 to 2100 survives the round trip") {
    const std::int32_t first = CivilDate{1900, 1, 1}.toDays();
    const std::int32_t last = CivilDate{2100, 12, 31}.toDays();
    CivilDate prev = CivilDate::fromDays(first - 1);
    bool ok = true;
    for (std::int32_t d = first; d <= last && ok; ++d) {
      const CivilDate c = CivilDate::fromDays(d);
      ok = c.valid() && c.toDays() == d && prev < c;
      prev = c;
    }
    CHECK(ok);
  }
}

TEST_CASE("yearsBetween counts whole years", "[mappings]") {
  auto [from, to, years] = GENERATE(table<CivilDate, CivilDate, int>({
      {{1990, 1, 31}, {2024, 1, 30}, 33},
      {{1990, 1, 31}, {2024, 1, 31}, 34},
      {{1990, 1, 31}, {2024, 6, 1}, 34},
      {{2000, 2, 29}, {2023, 2, 28}, 22},
      {{2000, 2, 29}, {2023, 3, 1}, 23},
      {{2000, 2, 29}, {2024, 2, 29}, 24},
  }));
  CHECK(yearsBetween(from, to) == years);
}

TEST_CASE("fixed-layout dates: word-at-a-time reading agrees with a byte-by-byte reference",
          "[mappings]") {
  // parseIsoDate and parseFixedDate read ten bytes as words; a plain reference decides each
  // text of a random mix of valid dates, single-byte damage and noise.
  auto reference = [](std::string_view t, bool yearFirst, char sep) -> std::optional<CivilDate> {
    if (t.size() != 10) return std::nullopt;
    const int a = yearFirst ? 4 : 2, b = yearFirst ? 7 : 5;
    for (int i = 0; i < 10; ++i) {
      if (i == a || i == b) {
        if (t[i] != sep) return std::nullopt;
      } else if (t[i] < '0' || t[i] > '9') {
        return std::nullopt;
      }
    }
    auto num = [&](int at, int n) {
      int v = 0;
      for (int i = 0; i < n; ++i) v = v * 10 + (t[at + i] - '0');
      return v;
    };
    const CivilDate d = yearFirst ? CivilDate{num(0, 4), num(5, 2), num(8, 2)}
                                  : CivilDate{num(6, 4), num(3, 2), num(0, 2)};
    if (!d.valid()) return std::nullopt;
    return d;
  };
  std::mt19937 random(11);
  const std::string noise = "0123456789-/ x:\x80\xff\x2f\x3a";
  for (int i = 0; i < 200000; ++i) {
    const CivilDate base{1890 + static_cast<int>(random() % 220),
                         1 + static_cast<int>(random() % 13), 1 + static_cast<int>(random() % 32)};
    char iso[11], dmy[11];
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", base.year, base.month, base.day);
    std::snprintf(dmy, sizeof dmy, "%02d-%02d-%04d", base.day, base.month, base.year);
    std::string texts[2] = {iso, dmy};
    for (auto& t : texts)
      if (random() % 3 == 0) t[random() % 10] = noise[random() % noise.size()];
    INFO(texts[0] << " / " << texts[1]);
    const auto isoRef = reference(texts[0], true, '-');
    const auto isoGot = parseIsoDate(texts[0]);
    REQUIRE(isoGot.has_value() == isoRef.has_value());
    if (isoRef) REQUIRE(*isoGot == *isoRef);
    CivilDate got;
    const auto dmyRef = reference(texts[1], false, '-');
    REQUIRE(parseFixedDate(texts[1], DateFormat::kDmyDash, got) == dmyRef.has_value());
    if (dmyRef) REQUIRE(got == *dmyRef);
    REQUIRE(parseFixedDate(texts[0], DateFormat::kYmdDash, got) == isoRef.has_value());
    if (isoRef) REQUIRE(got == *isoRef);
  }
}
