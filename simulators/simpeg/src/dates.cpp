#include "dates.hpp"

#include <charconv>

namespace sinkron::sim::simpeg {

namespace {

constexpr std::int64_t kMicros = 1000000, kDay = 86400;

bool readInt(std::string_view text, std::size_t at, std::size_t len, int& out) {
  if (at + len > text.size()) return false;
  for (std::size_t i = at; i < at + len; ++i)
    if (text[i] < '0' || text[i] > '9') return false;
  std::from_chars(text.data() + at, text.data() + at + len, out);
  return true;
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

std::string timestampText(std::int64_t micros, char separator, bool zulu) {
  std::int64_t seconds = floorDiv(micros, kMicros);
  std::int64_t days = floorDiv(seconds, kDay), rest = seconds - days * kDay;
  std::string out = CivilDate::fromDays(static_cast<std::int32_t>(days)).iso();
  char buf[16];
  int h = static_cast<int>(rest / 3600), m = static_cast<int>(rest / 60 % 60),
      s = static_cast<int>(rest % 60);
  buf[0] = separator;
  buf[1] = static_cast<char>('0' + h / 10);
  buf[2] = static_cast<char>('0' + h % 10);
  buf[3] = ':';
  buf[4] = static_cast<char>('0' + m / 10);
  buf[5] = static_cast<char>('0' + m % 10);
  buf[6] = ':';
  buf[7] = static_cast<char>('0' + s / 10);
  buf[8] = static_cast<char>('0' + s % 10);
  out.append(buf, 9);
  if (zulu) out.push_back('Z');
  return out;
}

}  // namespace

std::optional<CivilDate> parseDay(std::string_view text) {
  CivilDate d;
  bool iso = text.size() == 10 && text[4] == '-' && text[7] == '-' && readInt(text, 0, 4, d.year) &&
             readInt(text, 5, 2, d.month) && readInt(text, 8, 2, d.day);
  bool dmy = !iso && text.size() == 10 && text[2] == '-' && text[5] == '-' &&
             readInt(text, 0, 2, d.day) && readInt(text, 3, 2, d.month) &&
             readInt(text, 6, 4, d.year);
  if ((!iso && !dmy) || !d.valid()) return std::nullopt;
  return d;
}

std::string isoTimestamp(std::int64_t micros) {
  return timestampText(micros, 'T', true);
}

std::string sqlTimestamp(std::int64_t micros) {
  return timestampText(micros, ' ', false);
}

std::optional<std::int64_t> parseIsoTimestamp(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  std::optional<CivilDate> day = parseDay(text.substr(0, 10));
  if (!day) return std::nullopt;
  std::int64_t seconds = static_cast<std::int64_t>(day->toDays()) * kDay, micros = 0;
  std::size_t at = 10;
  if (at < text.size() && (text[at] == 'T' || text[at] == 't' || text[at] == ' ')) {
    int h = 0, m = 0, s = 0;
    if (!readInt(text, at + 1, 2, h) || text.size() < at + 6 || text[at + 3] != ':' ||
        !readInt(text, at + 4, 2, m))
      return std::nullopt;
    at += 6;
    if (at < text.size() && text[at] == ':') {
      if (!readInt(text, at + 1, 2, s)) return std::nullopt;
      at += 3;
    }
    if (h > 23 || m > 59 || s > 60) return std::nullopt;
    seconds += h * 3600 + m * 60 + s;
    if (at < text.size() && (text[at] == '.' || text[at] == ',')) {
      std::int64_t scale = 100000;
      for (++at; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at, scale /= 10)
        micros += (text[at] - '0') * scale;
    }
  }
  if (at < text.size()) {
    char sign = text[at];
    if ((sign == 'Z' || sign == 'z') && at + 1 == text.size()) {
      at = text.size();
    } else if (sign == '+' || sign == '-') {
      int zh = 0, zm = 0;
      std::string_view zone = text.substr(at + 1);
      bool ok = (zone.size() == 5 && zone[2] == ':' && readInt(zone, 0, 2, zh) &&
                 readInt(zone, 3, 2, zm)) ||
                (zone.size() == 4 && readInt(zone, 0, 2, zh) && readInt(zone, 2, 2, zm)) ||
                (zone.size() == 2 && readInt(zone, 0, 2, zh));
      if (!ok || zh > 14 || zm > 59) return std::nullopt;
      seconds -= (sign == '+' ? 1 : -1) * (zh * 3600 + zm * 60);
      at = text.size();
    } else {
      return std::nullopt;
    }
  }
  return seconds * kMicros + micros;
}

}  // namespace sinkron::sim::simpeg
