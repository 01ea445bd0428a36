#include "iso_time.hpp"

#include <cstdio>

namespace sinkron::sim::training {
namespace {

// Reads exactly `count` digits at `at`; advances `at`.
std::optional<int> digitsAt(std::string_view s, std::size_t& at, std::size_t count) {
  if (at + count > s.size()) return std::nullopt;
  int v = 0;
  for (std::size_t i = 0; i < count; ++i) {
    char c = s[at + i];
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  at += count;
  return v;
}

bool take(std::string_view s, std::size_t& at, char c) {
  if (at < s.size() && s[at] == c) {
    ++at;
    return true;
  }
  return false;
}

}  // namespace

std::optional<std::int64_t> parseIsoTime(std::string_view s) {
  using namespace std::chrono;
  std::size_t at = 0;
  auto y = digitsAt(s, at, 4);
  if (!y || !take(s, at, '-')) return std::nullopt;
  auto mo = digitsAt(s, at, 2);
  if (!mo || !take(s, at, '-')) return std::nullopt;
  auto d = digitsAt(s, at, 2);
  if (!d) return std::nullopt;
  year_month_day date{year(*y), month(static_cast<unsigned>(*mo)), day(static_cast<unsigned>(*d))};
  if (!date.ok()) return std::nullopt;
  std::int64_t seconds = sys_seconds(sys_days(date)).time_since_epoch().count();
  if (at == s.size()) return seconds;

  if (!(take(s, at, 'T') || take(s, at, 't') || take(s, at, ' '))) return std::nullopt;
  auto hh = digitsAt(s, at, 2);
  if (!hh || *hh > 23 || !take(s, at, ':')) return std::nullopt;
  auto mm = digitsAt(s, at, 2);
  if (!mm || *mm > 59) return std::nullopt;
  int ss = 0;
  if (take(s, at, ':')) {
    auto sec = digitsAt(s, at, 2);
    if (!sec || *sec > 59) return std::nullopt;
    ss = *sec;
    if (take(s, at, '.') || take(s, at, ',')) {
      std::size_t start = at;
      while (at < s.size() && s[at] >= '0' && s[at] <= '9') ++at;
      if (at == start) return std::nullopt;
    }
  }
  seconds += *hh * 3600 + *mm * 60 + ss;
  if (at == s.size() || take(s, at, 'Z') || take(s, at, 'z'))
    return at == s.size() ? std::optional<std::int64_t>(seconds) : std::nullopt;

  int sign = 0;
  if (take(s, at, '+') || take(s, at, ' '))
    sign = 1;
  else if (take(s, at, '-'))
    sign = -1;
  if (sign == 0) return std::nullopt;
  auto oh = digitsAt(s, at, 2);
  if (!oh || *oh > 14) return std::nullopt;
  int om = 0;
  if (at < s.size()) {
    take(s, at, ':');
    auto m = digitsAt(s, at, 2);
    if (!m || *m > 59) return std::nullopt;
    om = *m;
  }
  if (at != s.size()) return std::nullopt;
  return seconds - sign * (*oh * 3600 + om * 60);
}

std::string formatIsoTime(std::int64_t secondsSinceEpoch) {
  using namespace std::chrono;
  sys_seconds t{seconds(secondsSinceEpoch)};
  sys_days day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss<seconds> time{t - day};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
  return buffer;
}

std::string formatIsoDate(std::chrono::sys_days day) {
  std::chrono::year_month_day ymd{day};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

}  // namespace sinkron::sim::training
