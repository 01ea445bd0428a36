#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>
#include <utility>

#include "sinkron/sim/attendance_model.hpp"

#include "seeded.hpp"

namespace sinkron::sim {
namespace {

using attendance::mix64;
using attendance::Purpose;
using attendance::seededHash;
using attendance::SeededStream;

struct SpellKind {
  DayStatus status;
  double startChance;  // per calendar day
  int minDays, maxDays;
};
// Mean share of days = startChance * mean length: I 1%, S 2%, C 2.45%, DL 2%, TK 0.7%.
constexpr std::array<SpellKind, 5> kSpells = {{{DayStatus::kIzin, 0.010, 1, 1},
                                               {DayStatus::kSakit, 0.010, 1, 3},
                                               {DayStatus::kCuti, 0.007, 1, 6},
                                               {DayStatus::kDinasLuar, 0.010, 1, 3},
                                               {DayStatus::kTanpaKeterangan, 0.007, 1, 1}}};
constexpr int kLongestSpell = 6;

constexpr int at(int h, int m) {
  return h * 3600 + m * 60;
}

std::uint64_t dayKey(std::uint64_t userKey, long day) {
  return mix64(userKey) + static_cast<std::uint64_t>(day);
}

// The spell (if any) that starts on `day` for this user: its status and length.
std::optional<std::pair<DayStatus, int>> spellStartingOn(std::uint64_t seed, std::uint64_t userKey,
                                                         long day) {
  SeededStream s(seededHash(seed, dayKey(userKey, day), Purpose::kSpell));
  double u = s.uniform();
  for (const SpellKind& kind : kSpells) {
    if (u < kind.startChance)
      return std::make_pair(kind.status, s.range(kind.minDays, kind.maxDays));
    u -= kind.startChance;
  }
  return std::nullopt;
}

bool pinLess(const std::string& a, const std::string& b) {
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

}  // namespace

std::string_view dayStatusCode(DayStatus status) {
  switch (status) {
    case DayStatus::kHadir:
      return "H";
    case DayStatus::kIzin:
      return "I";
    case DayStatus::kSakit:
      return "S";
    case DayStatus::kCuti:
      return "C";
    case DayStatus::kDinasLuar:
      return "DL";
    case DayStatus::kTanpaKeterangan:
      return "TK";
    case DayStatus::kOff:
      break;
  }
  return "";
}

bool isWorkingDay(const mappings::CivilDate& date) {
  // 1970-01-01 was a Thursday: weekday 0 = Monday.
  long days = date.toDays();
  long weekday = ((days % 7) + 7 + 3) % 7;
  if (weekday >= 5) return false;
  constexpr std::array<std::pair<int, int>, 5> kFixedHolidays = {
      {{1, 1}, {5, 1}, {6, 1}, {8, 17}, {12, 25}}};
  for (auto [month, day] : kFixedHolidays)
    if (date.month == month && date.day == day) return false;
  return true;
}

std::string clockTime(int secondOfDay) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d:%02d", secondOfDay / 3600,
                (secondOfDay / 60) % 60, secondOfDay % 60);
  return buffer;
}

std::string admsLine(const Punch& punch, bool swappedFirmware) {
  int first = swappedFirmware ? punch.verify : punch.status;
  int second = swappedFirmware ? punch.status : punch.verify;
  std::string line = punch.pin;
  line.append("\t").append(punch.time).append("\t").append(std::to_string(first));
  line.append("\t").append(std::to_string(second)).append("\t0\t0\t0");
  return line;
}

PersonDay AttendanceModel::personDay(std::uint64_t userKey, const mappings::CivilDate& date) const {
  PersonDay out;
  if (!isWorkingDay(date)) return out;
  long day = date.toDays();
  // Spells span calendar days; the latest one that still covers `day` decides.
  for (int back = 0; back < kLongestSpell; ++back) {
    auto spell = spellStartingOn(seed_, userKey, day - back);
    if (spell && spell->second > back) {
      out.status = spell->first;
      return out;
    }
  }
  SeededStream s(seededHash(seed_, dayKey(userKey, day), Purpose::kPresence));
  out.status = DayStatus::kHadir;
  bool late = s.chance(0.12);
  out.inSecond = late ? s.range(at(7, 30) + 1, at(8, 15)) : s.range(at(6, 30), at(7, 30));
  if (s.chance(0.03)) out.repeatSecond = out.inSecond + s.range(20, 120);
  bool forgotOut = s.chance(0.02);
  int outSecond = s.range(at(15, 30), at(17, 30));
  if (!forgotOut) out.outSecond = outSecond;
  return out;
}

void AttendanceModel::appendPunches(const AttendanceDevice& device, const DeviceUser& user,
                                    const mappings::CivilDate& date,
                                    std::vector<Punch>& out) const {
  PersonDay day = personDay(user.key, date);
  if (day.status != DayStatus::kHadir) return;
  std::string iso = date.iso();
  auto add = [&](int second, int status) {
    Punch p;
    p.deviceSn = device.serialNumber;
    p.pin = std::to_string(user.pin);
    p.time = iso + " " + clockTime(second);
    p.status = status;
    p.verify = user.verify;
    p.nip = user.nip;
    out.push_back(std::move(p));
  };
  add(day.inSecond, kStatusCheckIn);
  if (day.repeatSecond >= 0) add(day.repeatSecond, kStatusCheckIn);
  if (day.outSecond >= 0) add(day.outSecond, kStatusCheckOut);
}

std::vector<Punch> AttendanceModel::punches(const AttendanceDevice& device,
                                            const mappings::CivilDate& date) const {
  std::vector<Punch> out;
  if (!isWorkingDay(date)) return out;
  out.reserve(device.userCount() * 2 + 8);
  for (std::uint32_t k = 0; k < device.userCount(); ++k)
    appendPunches(device, user(device, k), date, out);
  std::sort(out.begin(), out.end(), [](const Punch& a, const Punch& b) {
    if (a.time != b.time) return a.time < b.time;
    return pinLess(a.pin, b.pin);
  });
  return out;
}

}  // namespace sinkron::sim
