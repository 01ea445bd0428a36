#pragma once
// SiteTimeZone: the civil time of an Indonesian site, in which its job schedules are written.
// Indonesia has observed no daylight saving time since 1964, so a fixed UTC offset per zone is
// exact for every date the daemon can meet; no time zone database is needed.
#include <chrono>
#include <string>
#include <string_view>
#include <utility>

#include "sinkron/result.hpp"
#include "sinkron/scheduler/cron_expression.hpp"

namespace sinkron::scheduler {

class SiteTimeZone {
 public:
  // UTC.
  SiteTimeZone() = default;

  // "Asia/Jakarta" or "WIB" (UTC+7), "Asia/Makassar" or "WITA" (UTC+8), "Asia/Jayapura" or
  // "WIT" (UTC+9), "UTC"; case-insensitive. The error lists the valid names.
  static Result<SiteTimeZone> byName(std::string_view name);

  const std::string& name() const { return name_; }                  // "Asia/Jakarta"
  const std::string& abbreviation() const { return abbreviation_; }  // "WIB"
  std::chrono::minutes offset() const { return offset_; }            // east of UTC

  // The civil minute at time t (seconds dropped).
  LocalMinute toLocal(std::chrono::system_clock::time_point t) const;
  // The instant a civil minute begins.
  std::chrono::system_clock::time_point toSystem(LocalMinute local) const;

 private:
  SiteTimeZone(std::string name, std::string abbreviation, std::chrono::minutes offset)
      : name_(std::move(name)), abbreviation_(std::move(abbreviation)), offset_(offset) {}

  std::string name_ = "UTC";
  std::string abbreviation_ = "UTC";
  std::chrono::minutes offset_{0};
};

// The first instant strictly after `after` at which `cron` matches in `zone`'s civil time.
// Error (not found) when the expression matches no minute within CronExpression::kSearchYears.
Result<std::chrono::system_clock::time_point> nextRun(const CronExpression& cron,
                                                      const SiteTimeZone& zone,
                                                      std::chrono::system_clock::time_point after);

}  // namespace sinkron::scheduler
