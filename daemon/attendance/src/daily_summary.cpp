#include "sinkron/attendance/daily_summary.hpp"

#include <algorithm>
#include <climits>
#include <tuple>

#include "sinkron/security/masking.hpp"

namespace sinkron::attendance {

bool isDayStatus(std::string_view s) {
  return s == "H" || s == "I" || s == "S" || s == "C" || s == "DL" || s == "TK";
}

DailyRow summarizePunches(const std::string& nip, const mappings::CivilDate& day,
                          std::span<const DayPunch> punches, const RollupRules& rules) {
  DailyRow row{nip, day.iso(), std::nullopt, std::nullopt, "H", 0};
  const bool usable = std::all_of(punches.begin(), punches.end(),
                                  [](const DayPunch& p) { return p.statusesUsable; });
  int firstIn = INT_MAX, lastOut = -1;
  if (usable) {
    for (const DayPunch& p : punches) {
      if (p.status == 0) firstIn = std::min(firstIn, p.second);
      if (p.status == 1) lastOut = std::max(lastOut, p.second);
    }
  } else if (!punches.empty()) {
    auto [earliest, latest] = std::minmax_element(
        punches.begin(), punches.end(),
        [](const DayPunch& a, const DayPunch& b) { return a.second < b.second; });
    firstIn = earliest->second;
    const int midday = (rules.workStartSecond() + rules.workEndSecond(day)) / 2;
    if (latest->second > earliest->second && latest->second >= midday) lastOut = latest->second;
  }
  if (firstIn != INT_MAX) {
    row.firstIn = clockText(firstIn);
    row.lateMinutes = rules.lateMinutes(firstIn);
  }
  if (lastOut >= 0) row.lastOut = clockText(lastOut);
  return row;
}

DailyRow absentWithoutNotice(const std::string& nip, const mappings::CivilDate& day) {
  return DailyRow{nip, day.iso(), std::nullopt, std::nullopt, "TK", 0};
}

Result<DailyRow> dailyFromEpresensi(const EpresensiDay& in, const RollupRules& rules) {
  const std::string who = "e-presensi " + security::maskId(in.nip) + " " + in.day;
  if (in.nip.empty()) return Error::parse("e-presensi " + in.day + ": nip is empty");
  auto date = mappings::parseIsoDate(in.day);
  if (!date || !date->valid() || date->iso() != in.day)
    return Error::parse(who + ": tanggal is not yyyy-mm-dd");
  if (!isDayStatus(in.status))
    return Error::parse(who + ": status \"" + in.status + "\" is not H, I, S, C, DL or TK");
  DailyRow row{in.nip, in.day, std::nullopt, std::nullopt, in.status, 0};
  using Field = std::tuple<const std::string*, std::optional<std::string>*, const char*>;
  for (auto [text, out, name] :
       {Field{&in.jamIn, &row.firstIn, "jam_in"}, Field{&in.jamOut, &row.lastOut, "jam_out"}}) {
    if (text->empty()) continue;
    std::optional<int> second = clockSeconds(*text);
    if (!second) return Error::parse(who + ": " + name + " \"" + *text + "\" is not HH:MM[:SS]");
    *out = clockText(*second);
  }
  if (row.status == "H" && row.firstIn)
    row.lateMinutes = rules.lateMinutes(*clockSeconds(*row.firstIn));
  return row;
}

}  // namespace sinkron::attendance
