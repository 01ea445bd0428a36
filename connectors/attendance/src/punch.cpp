#include "sinkron/connectors/attendance/punch.hpp"

#include <string_view>

namespace sinkron::connectors::attendance {
namespace {

bool digitsAt(std::string_view s, std::size_t at, std::size_t n, int& out) {
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

int daysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

bool isPunchTime(std::string_view t) {
  if (t.size() != 19 || t[4] != '-' || t[7] != '-' || t[10] != ' ' || t[13] != ':' || t[16] != ':')
    return false;
  int y, mo, d, h, mi, s;
  if (!digitsAt(t, 0, 4, y) || !digitsAt(t, 5, 2, mo) || !digitsAt(t, 8, 2, d) ||
      !digitsAt(t, 11, 2, h) || !digitsAt(t, 14, 2, mi) || !digitsAt(t, 17, 2, s))
    return false;
  if (y < 2000 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return false;
  return h <= 23 && mi <= 59 && s <= 59;
}

}  // namespace sinkron::connectors::attendance
