#include "calendar.hpp"

#include <cstdint>

namespace sinkron::population {

// Howard Hinnant's days_from_civil / civil_from_days.
long daysFromCivil(const Date& d) {
  int y = d.year - (d.month <= 2 ? 1 : 0);
  long era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = static_cast<unsigned>(y - era * 400);
  unsigned doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

Date civilFromDays(long z) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = static_cast<unsigned>(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = static_cast<long>(yoe) + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned d = doy - (153 * mp + 2) / 5 + 1;
  unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

int daysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

bool isValidDate(const Date& d) {
  return d.year >= 1900 && d.year <= 2200 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= daysInMonth(d.year, d.month);
}

int ageOn(const Date& birth, const Date& on) {
  int age = on.year - birth.year;
  if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --age;
  return age;
}

void appendDigits(std::string& out, std::uint64_t value, int width) {
  char buf[24];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(buf, static_cast<std::size_t>(width));
}

void appendNumber(std::string& out, std::uint64_t value) {
  char buf[24];
  int n = 0;
  do {
    buf[23 - n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  out.append(buf + 24 - n, static_cast<std::size_t>(n));
}

void appendIso(std::string& out, const Date& d) {
  appendDigits(out, static_cast<std::uint64_t>(d.year), 4);
  out.push_back('-');
  appendDigits(out, static_cast<std::uint64_t>(d.month), 2);
  out.push_back('-');
  appendDigits(out, static_cast<std::uint64_t>(d.day), 2);
}

void appendDmy(std::string& out, const Date& d) {
  appendDigits(out, static_cast<std::uint64_t>(d.day), 2);
  out.push_back('-');
  appendDigits(out, static_cast<std::uint64_t>(d.month), 2);
  out.push_back('-');
  appendDigits(out, static_cast<std::uint64_t>(d.year), 4);
}

}  // namespace sinkron::population
