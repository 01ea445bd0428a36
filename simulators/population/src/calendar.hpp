#pragma once
// Civil-date arithmetic (days since 1970-01-01) and the two text forms the systems use.
#include <string>

#include "sinkron/population/person.hpp"

namespace sinkron::population {

long daysFromCivil(const Date& d);
Date civilFromDays(long days);
bool isValidDate(const Date& d);
int daysInMonth(int year, int month);
// Whole years of age on `on`.
int ageOn(const Date& birth, const Date& on);

void appendIso(std::string& out, const Date& d);  // yyyy-mm-dd
void appendDmy(std::string& out, const Date& d);  // dd-mm-yyyy
// Fixed-width zero-padded decimal.
void appendDigits(std::string& out, std::uint64_t value, int width);
void appendNumber(std::string& out, std::uint64_t value);

}  // namespace sinkron::population
