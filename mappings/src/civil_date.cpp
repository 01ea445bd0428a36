// Civil dates: validity, day counts (Hinnant's days-from-civil), and the date layouts HR sources
// use. Parsing works on fixed positions: no locale, no streams, no allocation unless it fails.
#include "sinkron/mappings/civil_date.hpp"

#include <fmt/format.h>

#include <array>

namespace sinkron::mappings {
namespace {

constexpr bool isLeap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

constexpr int daysInMonth(int y, int m) {
  constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && isLeap(y) ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}

constexpr bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

struct LayoutInfo {
  DateFormat format;
  std::string_view name;
};

constexpr std::array<LayoutInfo, 4> kLayouts = {{
    {DateFormat::kDmyDash, "dd-mm-yyyy"},
    {DateFormat::kYmdDash, "yyyy-mm-dd"},
    {DateFormat::kDmySlash, "dd/mm/yyyy"},
    {DateFormat::kAuto, "auto"},
}};

std::string_view layoutName(DateFormat f) {
  if (f == DateFormat::kAuto) return "dd-mm-yyyy, yyyy-mm-dd or dd/mm/yyyy";
  for (const auto& l : kLayouts)
    if (l.format == f) return l.name;
  return "?";
}

// Reads 1..maxLen digits at `pos`; advances pos. -1 when there is no digit.
int readNumber(std::string_view s, std::size_t& pos, std::size_t maxLen) {
  int v = 0;
  std::size_t n = 0;
  while (pos < s.size() && n < maxLen && isDigit(s[pos])) {
    v = v * 10 + (s[pos] - '0');
    ++pos;
    ++n;
  }
  return n == 0 ? -1 : v;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Reads "<a><sep><b><sep><c>" where the year part has exactly 4 digits and the others 1..2.
// Returns false when the text does not have that shape; trailing " hh:mm:ss" or "Thh:mm" is
// allowed.
bool readLayout(std::string_view s, bool yearFirst, char sep, CivilDate& out) {
  std::size_t pos = 0;
  const std::size_t start = pos;
  int a = readNumber(s, pos, yearFirst ? 4 : 2);
  if (a < 0 || (yearFirst && pos - start != 4)) return false;
  if (pos >= s.size() || s[pos] != sep) return false;
  ++pos;
  int b = readNumber(s, pos, 2);
  if (b < 0 || pos >= s.size() || s[pos] != sep) return false;
  ++pos;
  const std::size_t cStart = pos;
  int c = readNumber(s, pos, yearFirst ? 2 : 4);
  if (c < 0 || (!yearFirst && pos - cStart != 4)) return false;
  if (pos < s.size() && s[pos] != ' ' && s[pos] != 'T') return false;
  out = yearFirst ? CivilDate{a, b, c} : CivilDate{c, b, a};
  return true;
}

Error outOfRange(std::string_view text, const CivilDate& d, DateFormat f) {
  std::string what;
  if (d.year < 1900 || d.year > 2100) {
    what = fmt::format("year {} is outside 1900..2100", d.year);
  } else if (d.month < 1 || d.month > 12) {
    what = fmt::format("month {} is not 1..12", d.month);
  } else {
    what = fmt::format("day {} does not exist in {:04}-{:02}", d.day, d.year, d.month);
  }
  return Error::parse(
      fmt::format("date '{}' is not a real date: {} (expected {})", text, what, layoutName(f)));
}

}  // namespace

bool CivilDate::valid() const {
  return year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 &&
         day <= daysInMonth(year, month);
}

std::int32_t CivilDate::toDays() const {
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilDate::fromDays(std::int32_t days) {
  const int z = days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

std::string CivilDate::iso() const {
  // Ten characters fit the small-string buffer: no allocation.
  std::string s(10, '0');
  auto put = [&s](std::size_t at, int v, int width) {
    for (int i = width - 1; i >= 0; --i, v /= 10)
      s[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + v % 10);
  };
  put(0, year < 0 ? 0 : year, 4);
  s[4] = '-';
  put(5, month < 0 ? 0 : month, 2);
  s[7] = '-';
  put(8, day < 0 ? 0 : day, 2);
  return s;
}

Result<DateFormat> parseDateFormat(std::string_view name) {
  for (const auto& l : kLayouts)
    if (l.name == name) return l.format;
  return Error::invalid(fmt::format(
      "unknown date format '{}' (expected dd-mm-yyyy, yyyy-mm-dd, dd/mm/yyyy or auto)", name));
}

Result<CivilDate> parseDate(std::string_view text, DateFormat format) {
  const std::string_view s = trim(text);
  CivilDate d;
  bool shaped = false;
  switch (format) {
    case DateFormat::kDmyDash:
      shaped = readLayout(s, false, '-', d);
      break;
    case DateFormat::kYmdDash:
      shaped = readLayout(s, true, '-', d);
      break;
    case DateFormat::kDmySlash:
      shaped = readLayout(s, false, '/', d);
      break;
    case DateFormat::kAuto:
      shaped = readLayout(s, true, '-', d) || readLayout(s, false, '-', d) ||
               readLayout(s, false, '/', d);
      break;
  }
  if (!shaped) {
    return Error::parse(
        fmt::format("date '{}' does not have the layout {}", text, layoutName(format)));
  }
  if (!d.valid()) return outOfRange(text, d, format);
  return d;
}

std::optional<CivilDate> parseIsoDate(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  const char* p = iso.data();
  auto digit = [p](int i) { return static_cast<unsigned>(p[i] - '0'); };
  const unsigned y0 = digit(0), y1 = digit(1), y2 = digit(2), y3 = digit(3);
  const unsigned m0 = digit(5), m1 = digit(6), d0 = digit(8), d1 = digit(9);
  if (y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9 || d0 > 9 || d1 > 9)
    return std::nullopt;
  const CivilDate d{static_cast<int>(y0 * 1000 + y1 * 100 + y2 * 10 + y3),
                    static_cast<int>(m0 * 10 + m1), static_cast<int>(d0 * 10 + d1)};
  if (!d.valid()) return std::nullopt;
  return d;
}

int yearsBetween(const CivilDate& from, const CivilDate& to) {
  int years = to.year - from.year;
  if (to.month < from.month || (to.month == from.month && to.day < from.day)) --years;
  return years;
}

}  // namespace sinkron::mappings
