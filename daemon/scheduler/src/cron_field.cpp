#include "cron_field.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <string>

namespace sinkron::scheduler::detail {
namespace {

std::string quoted(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.append(1, '\'').append(s).append(1, '\'');
  return out;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) ==
                  std::toupper(static_cast<unsigned char>(y));
         });
}

bool allDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

std::string rangeText(const CronFieldSpec& spec) {
  return std::to_string(spec.min) + "-" + std::to_string(spec.max);
}

Result<int> parseValue(std::string_view token, std::string_view item, const CronFieldSpec& spec) {
  if (token.empty()) return Error::parse(quoted(item) + " is missing a value");
  if (allDigits(token)) {
    int value = 0;
    auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (ec != std::errc() || value < spec.min || value > spec.max) {
      return Error::parse(std::string(token) + " is out of range " + rangeText(spec));
    }
    return value;
  }
  for (std::size_t i = 0; i < spec.names.size(); ++i) {
    if (equalsIgnoreCase(token, spec.names[i])) return spec.firstNameValue + static_cast<int>(i);
  }
  std::string expected =
      spec.names.empty() ? "a number" : "a number or " + std::string(spec.nameHint);
  return Error::parse(quoted(token) + " is not " + expected);
}

Result<int> parseStep(std::string_view token, std::string_view item) {
  if (token.empty()) return Error::parse(quoted(item) + " is missing a step");
  if (!allDigits(token)) return Error::parse("step " + quoted(token) + " is not a number");
  int step = 0;
  auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), step);
  if (ec != std::errc()) return Error::parse("step " + std::string(token) + " is too large");
  if (step < 1) return Error::parse("step 0 must be at least 1");
  return step;
}

// One list item: "*", "5", "1-5", "*/15", "10-50/10", "5/15" (= 5-max/15).
Result<std::uint64_t> parseItem(std::string_view item, const CronFieldSpec& spec) {
  std::string_view base = item;
  std::optional<int> step;
  if (auto slash = item.find('/'); slash != std::string_view::npos) {
    base = item.substr(0, slash);
    auto parsed = parseStep(item.substr(slash + 1), item);
    if (!parsed) return parsed.error();
    step = *parsed;
  }
  int low = spec.min;
  int high = spec.max;
  if (base != "*") {
    auto dash = base.find('-');
    if (std::count(base.begin(), base.end(), '-') > 1) {
      return Error::parse(quoted(item) + " is not a value, a range or a step");
    }
    auto first = parseValue(base.substr(0, dash), item, spec);
    if (!first) return first.error();
    low = *first;
    high = step ? spec.max : low;
    if (dash != std::string_view::npos) {
      auto last = parseValue(base.substr(dash + 1), item, spec);
      if (!last) return last.error();
      high = *last;
      if (high < low) return Error::parse("range " + std::string(base) + " is reversed");
    }
  }
  std::uint64_t bits = 0;
  for (int v = low; v <= high; v += step.value_or(1)) bits |= std::uint64_t{1} << v;
  return bits;
}

}  // namespace

Result<std::uint64_t> parseCronField(std::string_view field, const CronFieldSpec& spec) {
  std::uint64_t bits = 0;
  std::size_t begin = 0;
  while (begin <= field.size()) {
    std::size_t comma = field.find(',', begin);
    if (comma == std::string_view::npos) comma = field.size();
    std::string_view item = field.substr(begin, comma - begin);
    if (item.empty()) return Error::parse("empty list item in " + quoted(field));
    auto itemBits = parseItem(item, spec);
    if (!itemBits) return itemBits.error();
    bits |= *itemBits;
    begin = comma + 1;
  }
  return bits;
}

}  // namespace sinkron::scheduler::detail
