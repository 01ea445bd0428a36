// Civil dates: validity, day counts (Hinnant's days-from-civil), and the date layouts HR sources
// use. Parsing works on fixed positions: no locale, no streams, no allocation unless it fails.
#include "sinkron/mappings/civil_date.hpp"

#include <fmt/format.h>

#include <array>

namespace sinkron::mappings {
namespace {

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

// The common case, exactly ten characters with two-digit day and month: fixed positions, no loop.
// False when the text is not that shape (readLayout then decides).
bool readFixed(std::string_view s, bool yearFirst, char sep, CivilDate& out) {
  if (s.size() != 10) return false;
  const char* p = s.data();
  const int y = yearFirst ? 0 : 6, m = yearFirst ? 5 : 3, d = yearFirst ? 8 : 0;
  if (p[yearFirst ? 4 : 2] != sep || p[yearFirst ? 7 : 5] != sep) return false;
  auto digit = [p](int i) { return static_cast<unsigned>(p[i] - '0'); };
  const unsigned y0 = digit(y), y1 = digit(y + 1), y2 = digit(y + 2), y3 = digit(y + 3);
  const unsigned m0 = digit(m), m1 = digit(m + 1), d0 = digit(d), d1 = digit(d + 1);
  if (y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9 || d0 > 9 || d1 > 9) return false;
  out = CivilDate{static_cast<int>(y0 * 1000 + y1 * 100 + y2 * 10 + y3),
                  static_cast<int>(m0 * 10 + m1), static_cast<int>(d0 * 10 + d1)};
  return true;
}

// Reads `s` in `format` with `read` (readFixed or readLayout); auto tries yyyy-mm-dd,
// dd-mm-yyyy, then dd/mm/yyyy.
using LayoutReader = bool (*)(std::string_view, bool yearFirst, char sep, CivilDate&);
bool readInFormat(std::string_view s, DateFormat format, CivilDate& out, LayoutReader read) {
  switch (format) {
    case DateFormat::kDmyDash:
      return read(s, false, '-', out);
    case DateFormat::kYmdDash:
      return read(s, true, '-', out);
    case DateFormat::kDmySlash:
      return read(s, false, '/', out);
    case DateFormat::kAuto:
      return read(s, true, '-', out) || read(s, false, '-', out) || read(s, false, '/', out);
  }
  return false;
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

void CivilDate::writeIso(char* out) const {
  auto put = [out](std::size_t at, int v, int width) {
    for (int i = width - 1; i >= 0; --i, v /= 10)
      out[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + v % 10);
  };
  put(0, year < 0 ? 0 : year, 4);
  out[4] = '-';
  put(5, month < 0 ? 0 : month, 2);
  out[7] = '-';
  put(8, day < 0 ? 0 : day, 2);
}

std::string CivilDate::iso() const {
  // Ten characters fit the small-string buffer: no allocation.
  std::string s(10, '0');
  writeIso(s.data());
  return s;
}

Result<DateFormat> parseDateFormat(std::string_view name) {
  for (const auto& l : kLayouts)
    if (l.name == name) return l.format;
  return Error::invalid(fmt::format(
      "unknown date format '{}' (expected dd-mm-yyyy, yyyy-mm-dd, dd/mm/yyyy or auto)", name));
}

bool parseFixedDate(std::string_view text, DateFormat format, CivilDate& out) {
  return readInFormat(text, format, out, readFixed) && out.valid();
}

Result<CivilDate> parseDate(std::string_view text, DateFormat format) {
  const std::string_view s = trim(text);
  CivilDate d;
  const bool shaped = readInFormat(s, format, d, readLayout);
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
