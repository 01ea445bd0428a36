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

  bool valid() const;           // a real Gregorian date, year 1900..2100
  std::int32_t toDays() const;  // days since 1970-01-01
  static CivilDate fromDays(std::int32_t days);
  std::string iso() const;  // "yyyy-mm-dd"
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

// Whole years from `birth` to `on` (age on a day).
int yearsBetween(const CivilDate& from, const CivilDate& to);

}  // namespace sinkron::mappings
