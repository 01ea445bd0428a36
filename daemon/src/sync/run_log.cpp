#include "run_log.hpp"

#include <soci/soci.h>

namespace sinkron::daemon::sync {

Result<std::int64_t> RunLog::start(const std::string& job, const std::string& trigger) {
  std::int64_t id = 0;
  Status s = store_.transaction("starting run of " + job, [&](soci::session& sql) -> Status {
    std::int64_t now = store::nowMillis();
    std::string status = "running";
    if (store_.backend() == store::Backend::kPostgreSql) {
      sql << "INSERT INTO runs (job, trigger, status, started_at) VALUES (:j, :t, :s, :n) "
             "RETURNING id",
          soci::use(job), soci::use(trigger), soci::use(status), soci::use(now), soci::into(id);
    } else {
      sql << "INSERT INTO runs (job, trigger, status, started_at) VALUES (:j, :t, :s, :n)",
          soci::use(job), soci::use(trigger), soci::use(status), soci::use(now);
      sql << "SELECT last_insert_rowid()", soci::into(id);
    }
    return {};
  });
  if (!s) return s.error();
  return id;
}

Status RunLog::finish(std::int64_t run, const std::string& status, const std::string& summaryJson,
                      const std::string& error) {
  return store_.transaction("finishing run", [&](soci::session& sql) -> Status {
    std::int64_t now = store::nowMillis();
    sql << "UPDATE runs SET status = :s, finished_at = :n, summary_json = :j, error = :e "
           "WHERE id = :id",
        soci::use(status), soci::use(now), soci::use(summaryJson), soci::use(error), soci::use(run);
    return {};
  });
}

Status RunLog::stepStarted(std::int64_t run, const std::string& step) {
  return store_.transaction("starting step " + step, [&](soci::session& sql) -> Status {
    std::int64_t now = store::nowMillis();
    std::string status = "running";
    sql << "INSERT INTO run_steps (run_id, step, status, started_at) VALUES (:r, :s, :st, :n) "
           "ON CONFLICT (run_id, step) DO UPDATE SET status = excluded.status, "
           "started_at = excluded.started_at, finished_at = NULL",
        soci::use(run), soci::use(step), soci::use(status), soci::use(now);
    return {};
  });
}

Status RunLog::stepFinished(std::int64_t run, const std::string& step, const std::string& status,
                            std::uint64_t items, const std::string& message) {
  return store_.transaction("finishing step " + step, [&](soci::session& sql) -> Status {
    std::int64_t now = store::nowMillis();
    auto n = static_cast<std::int64_t>(items);
    sql << "UPDATE run_steps SET status = :st, finished_at = :n, items = :i, message = :m "
           "WHERE run_id = :r AND step = :s",
        soci::use(status), soci::use(now), soci::use(n), soci::use(message), soci::use(run),
        soci::use(step);
    return {};
  });
}

Result<std::uint64_t> RunLog::markInterrupted() {
  std::uint64_t count = 0;
  Status s = store_.transaction("marking interrupted runs", [&](soci::session& sql) -> Status {
    std::int64_t n = 0;
    sql << "SELECT COUNT(*) FROM runs WHERE status = 'running'", soci::into(n);
    count = static_cast<std::uint64_t>(n);
    std::int64_t now = store::nowMillis();
    sql << "UPDATE runs SET status = 'interrupted', finished_at = :n, "
           "error = 'the daemon stopped during the run (crash, kill or power loss)' "
           "WHERE status = 'running'",
        soci::use(now);
    sql << "UPDATE run_steps SET status = 'interrupted', finished_at = :n WHERE status = 'running'",
        soci::use(now);
    return {};
  });
  if (!s) return s.error();
  return count;
}

}  // namespace sinkron::daemon::sync
