#include "sinkron/attendance/attendance_rollup.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "daily_tables.hpp"
#include "sinkron/attendance/daily_summary.hpp"
#include "sinkron/security/masking.hpp"

namespace sinkron::attendance {
namespace {

using connectors::attendance::MappedPunch;
using mappings::CivilDate;

constexpr int kMaxDays = 366;
constexpr std::size_t kUnmappedSample = 20;

bool isNip(std::string_view s) {
  return s.size() == 18 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A punch's device-local time in site time: days since the epoch and second of the day.
struct SiteTime {
  std::int32_t day = 0;
  int second = 0;
};

std::optional<SiteTime> siteTime(const connectors::attendance::Punch& p, int siteOffsetHours) {
  auto date = mappings::parseIsoDate(std::string_view(p.time).substr(0, 10));
  auto clock =
      p.time.size() == 19 ? clockSeconds(std::string_view(p.time).substr(11)) : std::nullopt;
  if (!date || !clock) return std::nullopt;
  const int shift = (siteOffsetHours - utcOffsetHours(p.timeZone).value_or(siteOffsetHours)) * 3600;
  int second = *clock + shift;
  std::int32_t day = date->toDays();
  if (second < 0) second += 86400, --day;
  if (second >= 86400) second -= 86400, ++day;
  return SiteTime{day, second};
}

// What one day's punches say, before it is written.
struct DayInput {
  std::map<std::string, std::vector<std::pair<DayPunch, std::string>>> byNip;  // + device
  std::map<std::string, std::pair<bool, bool>> deviceStatuses;  // saw check-in, check-out
  std::map<std::string, EpresensiDay> epresensi;                // carried as punches
};

}  // namespace

Status ensureAttendanceTables(store::StateStore& state) {
  return state.transaction("creating the attendance tables", [](soci::session& sql) -> Status {
    detail::ensureTables(sql);
    return {};
  });
}

AttendanceRollup::AttendanceRollup(connectors::attendance::PunchStore& punches,
                                   store::StateStore& state, RollupRules rules)
    : punches_(punches), state_(state), rules_(std::move(rules)) {}

void AttendanceRollup::setEmployees(std::vector<std::string> nips) {
  employees_ = std::move(nips);
}

Result<RollupStats> AttendanceRollup::run(const std::string& fromDay, const std::string& toDay) {
  if (Status s = rules_.validate(); !s)
    return Error::invalid("attendance rules: " + s.error().message);
  auto from = mappings::parseIsoDate(fromDay), to = mappings::parseIsoDate(toDay);
  if (!from || !from->valid() || !to || !to->valid())
    return Error::invalid("attendance roll-up: days \"" + fromDay + "\" .. \"" + toDay +
                          "\" are not yyyy-mm-dd dates");
  if (*to < *from) return Error::invalid("attendance roll-up: " + toDay + " is before " + fromDay);
  if (to->toDays() - from->toDays() >= kMaxDays)
    return Error::invalid("attendance roll-up: at most " + std::to_string(kMaxDays) +
                          " days per run");
  if (Status s = ensureAttendanceTables(state_); !s) return s.error();

  Result<std::vector<std::string>> mapped = punches_.mappedNips();
  if (!mapped) return mapped.error();
  std::set<std::string> known(mapped->begin(), mapped->end());
  known.insert(employees_.begin(), employees_.end());

  const int siteOffset = *utcOffsetHours(rules_.timeZone);
  RollupStats stats;
  std::set<std::string> unmappedPins;
  for (std::int32_t d = from->toDays(); d <= to->toDays(); ++d) {
    const CivilDate day = CivilDate::fromDays(d);
    ++stats.days;
    if (!rules_.isWorkingDay(day)) continue;
    ++stats.workingDays;

    // Punches of the day before and after too: a punch in another zone may shift across midnight.
    DayInput input;
    Status read = punches_.forEachPunchInDays(
        CivilDate::fromDays(d - 1).iso(), CivilDate::fromDays(d + 1).iso(),
        [&](const MappedPunch& m) -> Status {
          std::optional<SiteTime> at = siteTime(m.punch, siteOffset);
          if (!at || at->day != d) return {};
          if (isDayStatus(m.punch.workcode)) {
            // An e-presensi person-day imported as punches (PIN = NIP, workcode = day status).
            const std::string nip = !m.nip.empty() ? m.nip : m.punch.pin;
            if (isNip(nip)) {
              EpresensiDay& e = input.epresensi[nip];
              e.nip = nip;
              e.day = day.iso();
              e.status = m.punch.workcode;
              (m.punch.status == 1 ? e.jamOut : e.jamIn) = clockText(at->second);
              return {};
            }
          }
          ++stats.punches;
          if (m.nip.empty()) {
            ++stats.unmappedPunches;
            std::string key = m.punch.deviceSn + "/" + m.punch.pin;
            if (unmappedPins.insert(key).second && stats.unmappedSample.size() < kUnmappedSample)
              stats.unmappedSample.push_back(std::move(key));
            return {};
          }
          auto& seen = input.deviceStatuses[m.punch.deviceSn];
          seen.first = seen.first || m.punch.status == 0;
          seen.second = seen.second || m.punch.status == 1;
          input.byNip[m.nip].push_back(
              {DayPunch{at->second, m.punch.status, true}, m.punch.deviceSn});
          return {};
        });
    if (!read) return read.error();

    std::map<std::string, DailyRow> rows;
    for (auto& [nip, punches] : input.byNip) {
      std::vector<DayPunch> dayPunches;
      for (auto& [punch, device] : punches) {
        const auto& seen = input.deviceStatuses[device];
        punch.statusesUsable = seen.first && seen.second;
        dayPunches.push_back(punch);
      }
      rows[nip] = summarizePunches(nip, day, dayPunches, rules_);
    }
    std::uint64_t fromFeed = 0, absent = 0, present = 0;
    detail::WriteCounts written;
    const std::int64_t now = store::nowMillis();
    Status s =
        state_.transaction("attendance roll-up of " + day.iso(), [&](soci::session& sql) -> Status {
          fromFeed = absent = 0;
          std::map<std::string, EpresensiDay> feed = input.epresensi;
          for (EpresensiDay& e : detail::epresensiOfDay(sql, day.iso())) feed[e.nip] = std::move(e);
          std::map<std::string, DailyRow> target = rows;
          for (const auto& [nip, e] : feed) {
            Result<DailyRow> row = dailyFromEpresensi(e, rules_);
            if (!row) return row.error();
            target[nip] = std::move(*row);
            ++fromFeed;
          }
          for (const std::string& nip : known)
            if (target.emplace(nip, absentWithoutNotice(nip, day)).second) ++absent;
          present = target.size() - fromFeed - absent;
          written = detail::replaceDay(sql, day.iso(), target, now);
          return {};
        });
    if (!s) return Error::io(security::maskIdsInText(s.error().message));
    stats.fromEpresensi += fromFeed;
    stats.absentWithoutNotice += absent;
    stats.present += present;
    stats.inserted += written.inserted;
    stats.changed += written.changed;
    stats.unchanged += written.unchanged;
    stats.removed += written.removed;
  }
  stats.unmappedPins = unmappedPins.size();
  return stats;
}

}  // namespace sinkron::attendance
