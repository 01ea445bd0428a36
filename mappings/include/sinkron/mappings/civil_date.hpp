#pragma once
// Calendar dates as found in HR data, and the date formats sources use.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sinkron/result.hpp"

namespace sinkron::mappings {

struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;

  // A real Gregorian date, year 1900..2100. Inline: every date of every record is checked.
  bool valid() const {
    if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
    constexpr unsigned char kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (day <= kDays[month - 1]) return true;
    return month == 2 && day == 29 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0));
  }
  std::int32_t toDays() const;  // days since 1970-01-01
  static CivilDate fromDays(std::int32_t days);
  std::string iso() const;         // "yyyy-mm-dd"
  void writeIso(char* out) const;  // the same ten characters into out[0..9]
  auto operator<=>(const CivilDate&) const = default;
};

enum class DateFormat { kAuto, kDmyDash, kYmdDash, kDmySlash };

// "dd-mm-yyyy", "yyyy-mm-dd", "dd/mm/yyyy", "auto". Unknown names are an error naming the choices.
Result<DateFormat> parseDateFormat(std::string_view name);

// Parses one date. kAuto accepts all three layouts. A trailing time ("1990-01-31 00:00:00") is
// ignored. The error message quotes the text and the expected layout.
Result<CivilDate> parseDate(std::string_view text, DateFormat format = DateFormat::kAuto);

// Fast path for canonical ISO strings already produced by parseDate; nullopt when not ISO.
std::optional<CivilDate> parseIsoDate(std::string_view iso);

// parseDate's fast path: true only for exactly ten characters (two-digit day and month) in
// `format` that make a real date; anything else (including every error) needs parseDate.
bool parseFixedDate(std::string_view text, DateFormat format, CivilDate& out);

// Whole years from `birth` to `on` (age on a day).
int yearsBetween(const CivilDate& from, const CivilDate& to);

}  // namespace sinkron::mappings
