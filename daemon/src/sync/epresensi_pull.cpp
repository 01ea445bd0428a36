#include "epresensi_pull.hpp"

#include "progress_sink.hpp"
#include "sinkron/attendance/epresensi_daily_sink.hpp"
#include "sinkron/connectors/attendance/epresensi_connector.hpp"
#include "sinkron/daemon/sync/site_calendar.hpp"

namespace sinkron::daemon::sync {

Status pullEpresensi(const DaemonConfig& config, store::StateStore& store, RunProgress* progress,
                     std::uint64_t& items) {
  const AttendanceSettings& a = config.attendance;
  if (!a.epresensi) return Error::invalid("attendance.epresensi is not configured");
  auto app = connectors::attendance::EpresensiConnector::create(*a.epresensi);
  if (!app) return app.error();
  const std::string name = a.epresensi->name, stream = "presensi";
  auto cursor = store.cursor(name, stream);
  if (!cursor) return cursor.error();
  connectors::PullRequest req;
  req.stream = stream;
  req.cursor = cursor->value_or("");
  req.params["start_date"] = siteDayIso(config.timeZone, -a.daysBack);
  req.params["end_date"] = siteDayIso(config.timeZone, -1);
  attendance::EpresensiDailySink daily(store, name, a.rules, stream);
  ProgressSink sink(daily, progress);
  auto stats = (*app)->pull(req, sink);
  items = daily.counts().rows;
  return stats ? Status{} : Status(stats.error());
}

}  // namespace sinkron::daemon::sync
