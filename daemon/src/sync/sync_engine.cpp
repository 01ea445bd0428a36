#include "sinkron/daemon/sync/sync_engine.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <ctime>
#include <set>
#include <thread>

#include "connector_set.hpp"
#include "epresensi_pull.hpp"
#include "link_writer.hpp"
#include "outbox_delivery.hpp"
#include "person_refresh.hpp"
#include "planners.hpp"
#include "progress_sink.hpp"
#include "run_log.hpp"
#include "sinkron/attendance/active_employees.hpp"
#include "sinkron/attendance/attendance_rollup.hpp"
#include "sinkron/attendance/daemon_punch_store.hpp"
#include "sinkron/connectors/attendance/attendance_import.hpp"
#include "sinkron/connectors/attendance/fingerspot_connector.hpp"
#include "sinkron/connectors/attendance/punch_store_sink.hpp"
#include "sinkron/daemon/reconcile_job.hpp"
#include "sinkron/daemon/sync/site_calendar.hpp"
#include "sinkron/security/masking.hpp"
#include "sinkron/store/outbox_store.hpp"
#include "sinkron/store/store_pull_sink.hpp"
#include "store_export.hpp"

namespace sinkron::daemon::sync {
namespace {

bool servesPostTables(const ConnectorSet& connectors, const std::string& simpeg) {
  const connectors::Connector* c = connectors.find(simpeg);
  if (c == nullptr) return false;
  auto streams = c->streams();
  return std::find(streams.begin(), streams.end(), "jabatan") != streams.end() &&
         std::find(streams.begin(), streams.end(), "unit-kerja") != streams.end();
}

namespace fs = std::filesystem;

double secondsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

std::string_view jobName(CycleScope scope) {
  switch (scope) {
    case CycleScope::kPushOnly:
      return "push";
    case CycleScope::kAttendanceOnly:
      return "attendance";
    case CycleScope::kFull:
      break;
  }
  return "sync";
}

std::string CycleSummary::toJson() const {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  auto n = [&](const char* k, std::uint64_t v) { w.Key(k), w.Uint64(v); };
  w.StartObject();
  w.Key("run_id"), w.Int64(runId);
  w.Key("status"), w.String(status.c_str());
  w.Key("pulled");
  w.StartObject();
  for (const auto& [k, v] : pulled) w.Key(k.c_str()), w.Uint64(v);
  w.EndObject();
  w.Key("situations");
  w.StartObject();
  for (const auto& [k, v] : situations) w.Key(k.c_str()), w.Uint64(v);
  w.EndObject();
  n("missing_flagged", missingFlagged);
  n("differences", differences);
  n("anomalies", anomalies);
  n("training_resolved", trainingResolved);
  n("training_unresolved", trainingUnresolved);
  n("queued", queued);
  n("already_queued", alreadyQueued);
  n("previewed", previewed);
  n("conflicts_opened", conflictsOpened);
  n("pushed", pushed);
  n("already_present", alreadyPresent);
  n("retry_later", retryLater);
  n("dead_lettered", deadLettered);
  n("outbox_pending", outboxPending);
  n("dead_letters_waiting", deadLettersWaiting);
  n("attendance_rows", attendanceRows);
  n("unmapped_punches", unmappedPunches);
  n("requests", requests);
  w.Key("seconds"), w.Double(seconds);
  w.Key("problems");
  w.StartArray();
  for (const auto& p : problems) w.String(p.c_str());
  w.EndArray();
  w.Key("run_dir"), w.String(runDir.string().c_str());
  w.Key("report_html"), w.String(reportHtml.string().c_str());
  w.EndObject();
  return {sb.GetString(), sb.GetSize()};
}

struct SyncEngine::Impl {
  const DaemonConfig& config;
  store::StateStore& store;
  const ConnectorSet& connectors;
  RunLog runs{store};
  std::function<bool()> stopRequestedHint;  // the running cycle's stop check
  RunProgress* progress = nullptr;          // the running cycle's, if any

  Impl(const DaemonConfig& c, store::StateStore& s, const ConnectorSet& cs)
      : config(c), store(s), connectors(cs) {}

  // Runs one step: recorded in run_steps; a failure is added to the summary's problems.
  template <typename F>
  bool step(std::int64_t run, const std::string& name, CycleSummary& sum, F&& body) {
    (void)runs.stepStarted(run, name);
    if (progress != nullptr) progress->stepStarted(name);
    auto t0 = std::chrono::steady_clock::now();
    std::uint64_t items = 0;
    Status s = body(items);
    const std::string message = s ? "" : security::maskIdsInText(s.error().message);
    (void)runs.stepFinished(run, name, s ? "ok" : "failed", items, message);
    if (s) {
      spdlog::info("run {}: {} done: {} items in {:.2f} s", run, name, items, secondsSince(t0));
    } else {
      spdlog::error("run {}: {} failed: {}", run, name, message);
      sum.problems.push_back(name + ": " + message);
    }
    return static_cast<bool>(s);
  }

  Status pullIncremental(std::int64_t run, const std::string& connector, const std::string& stream,
                         bool full, std::uint64_t& items, CycleSummary& sum) {
    connectors::Connector* c = connectors.find(connector);
    if (c == nullptr) return Error::invalid("no connector named " + connector);
    Result<std::optional<std::string>> cursor = store.cursor(connector, stream);
    if (!cursor) return cursor.error();
    const bool fromStart = full || !cursor->has_value() || (*cursor)->empty();
    connectors::PullRequest req;
    req.stream = stream;
    req.cursor = fromStart ? "" : **cursor;
    store::StorePullSink sink(store, connector, stream, run);
    ProgressSink counted(sink, progress);
    Result<connectors::PullStats> stats = c->pull(req, counted);
    items = sink.counts().inserted + sink.counts().changed + sink.counts().unchanged;
    sum.pulled[connector + "/" + stream] = items;
    if (!stats) return stats.error();
    if (fromStart) {
      // Every record still in the source was stored or touched by this run; the rest vanished.
      std::uint64_t flagged = 0;
      Status s = store.transaction("flagging vanished records", [&](soci::session& sql) -> Status {
        std::int64_t now = store::nowMillis(), count = 0;
        sql << "SELECT COUNT(*) FROM source_records WHERE connector = :c AND stream = :s AND "
               "missing_since IS NULL AND (last_run IS NULL OR last_run <> :r)",
            soci::use(connector), soci::use(stream), soci::use(run), soci::into(count);
        sql << "UPDATE source_records SET missing_since = :n WHERE connector = :c AND "
               "stream = :s AND missing_since IS NULL AND (last_run IS NULL OR last_run <> :r)",
            soci::use(now), soci::use(connector), soci::use(stream), soci::use(run);
        flagged = static_cast<std::uint64_t>(count);
        // Each vanished record waits for a person (retired, moved, or deleted by mistake?).
        std::string key, status = "open", field = "record_missing", empty;
        std::string note = "gone from a full pull of " + connector + "/" + stream +
                           ": check whether the person left, and close the record by hand";
        soci::statement vanished =
            (sql.prepare << "SELECT source_key FROM source_records WHERE connector = :c AND "
                            "stream = :s AND missing_since = :n",
             soci::use(connector), soci::use(stream), soci::use(now), soci::into(key));
        std::vector<std::string> keys;
        vanished.execute();
        while (vanished.fetch()) keys.push_back(key);
        for (const std::string& k : keys) {
          std::string value = stream + "/" + k;
          sql << "INSERT INTO conflicts (field, left_source, left_value, right_source, "
                 "right_value, status, reason, created_at) VALUES (:f, :ls, :lv, :rs, :rv, :st, "
                 ":r, :t)",
              soci::use(field), soci::use(connector), soci::use(value), soci::use(empty),
              soci::use(empty), soci::use(status), soci::use(note), soci::use(now);
        }
        return {};
      });
      if (!s) return s;
      if (flagged)
        spdlog::warn("run {}: {} {} records vanished from {} (flagged, not deleted)", run, flagged,
                     stream, connector);
      sum.missingFlagged += flagged;
    }
    return {};
  }

  // data-utama for every NIP the store knows (SIMPEG's, and SIASN's own), in NIP order; the
  // cursor "after:<nip>" lets a broken pull resume after the last stored NIP.
  Status pullSiasn(std::int64_t run, std::uint64_t& items, CycleSummary& sum) {
    const std::string siasn = config.sync.siasn, stream = "data-utama";
    connectors::Connector* c = connectors.find(siasn);
    if (c == nullptr) return Error::invalid("no connector named " + siasn);
    std::set<std::string> nips;
    try {
      soci::session& sql = store.session();
      std::string key;
      auto simpegNips = storedFieldValues(store, config.sync.simpeg, "pegawai", "nip");
      if (!simpegNips) return simpegNips.error();
      for (std::string& nip : *simpegNips)
        if (nip.size() == 18 && std::all_of(nip.begin(), nip.end(), ::isdigit))
          nips.insert(std::move(nip));
      soci::statement b = (sql.prepare << "SELECT source_key FROM source_records WHERE "
                                          "connector = :c AND stream = :s",
                           soci::use(siasn), soci::use(stream), soci::into(key));
      b.execute();
      while (b.fetch()) nips.insert(key);
    } catch (const std::exception& e) {
      return Error::io(std::string("listing NIPs: ") + e.what());
    }
    Result<std::optional<std::string>> cursor = store.cursor(siasn, stream);
    if (!cursor) return cursor.error();
    std::string after;
    if (cursor->has_value() && (*cursor)->starts_with("after:")) after = (*cursor)->substr(6);
    connectors::PullRequest req;
    req.stream = stream;
    for (const std::string& nip : nips)
      if (nip > after) req.keys.push_back(nip);
    if (!after.empty())
      spdlog::info("run {}: resuming SIASN data-utama after NIP {} ({} of {} left)", run,
                   security::maskId(after), req.keys.size(), nips.size());
    store::StorePullSink sink(store, siasn, stream, run);
    const std::vector<std::string>& keys = req.keys;
    sink.setCursorMapper([&keys](const std::string& done) {
      std::size_t n = std::strtoull(done.c_str(), nullptr, 10);
      return n == 0 || n > keys.size() ? std::string("after:") : "after:" + keys[n - 1];
    });
    if (progress != nullptr) progress->setTotal(req.keys.size());
    ProgressSink counted(sink, progress);
    Result<connectors::PullStats> stats = c->pull(req, counted);
    items = sink.counts().inserted + sink.counts().changed + sink.counts().unchanged;
    sum.pulled[siasn + "/" + stream] = items;
    if (!stats) return stats.error();
    // Complete: the next cycle starts from the first NIP again.
    return store.transaction("closing the SIASN pull", [&](soci::session& sql) {
      return store::StateStore::saveCursor(sql, siasn, stream, "");
    });
  }

  // Punches from the cloud for complete days (up to yesterday), after the stored cursor.
  Status pullAttendance(std::uint64_t& items, CycleSummary& sum) {
    const AttendanceSettings& a = config.attendance;
    auto punches = attendance::openDaemonPunchStore(config.store);
    if (!punches) return punches.error();
    if (!a.pinMap.empty()) {
      auto imported = connectors::attendance::importPinMapCsv(a.pinMap, **punches);
      if (!imported) return imported.error();
    }
    if (!a.fingerspot) return {};
    auto cloud = connectors::attendance::FingerspotConnector::create(*a.fingerspot);
    if (!cloud) return cloud.error();
    connectors::PullRequest req;
    req.stream = "attlog";
    auto cursor = (*punches)->cursor(a.fingerspot->name, "attlog");
    if (!cursor) return cursor.error();
    req.cursor = *cursor;
    req.params["start_date"] = siteDayIso(config.timeZone, -a.daysBack);
    req.params["end_date"] = siteDayIso(config.timeZone, -1);
    connectors::attendance::PunchStoreSink sink(*punches, a.fingerspot->name, "attlog");
    ProgressSink counted(sink, progress);
    auto stats = (*cloud)->pull(req, counted);
    items = sink.totals().inserted;
    sum.pulled[a.fingerspot->name + "/attlog"] = items;
    return stats ? Status{} : Status(stats.error());
  }

  // attendance_daily for the last days, for every NIP SIMPEG lists in active service (so absence
  // shows as TK; not for people on study leave, retired, ...).
  Status rollUpAttendance(std::uint64_t& items, CycleSummary& sum) {
    const AttendanceSettings& a = config.attendance;
    auto punches = attendance::openDaemonPunchStore(config.store);
    if (!punches) return punches.error();
    auto nips = attendance::activeEmployeeNips(store, config.sync.simpeg, "pegawai");
    if (!nips) return nips.error();
    attendance::AttendanceRollup rollup(**punches, store, a.rules);
    rollup.setEmployees(std::move(*nips));
    auto stats =
        rollup.run(siteDayIso(config.timeZone, -a.daysBack), siteDayIso(config.timeZone, -1));
    if (!stats) return stats.error();
    items = stats->present + stats->absentWithoutNotice + stats->fromEpresensi;
    sum.attendanceRows = items;
    sum.unmappedPunches = stats->unmappedPunches;
    return {};
  }

  // e-Kinerja appraisals per agency and period: the quarters of this year begun so far and the
  // annual one of last year. Each (year, period, agency) is its own stored stream, so its page
  // cursor never mixes with another's.
  Status pullEkinerja(std::int64_t run, std::uint64_t& items, CycleSummary& sum) {
    const std::string name = config.sync.ekinerja;
    connectors::Connector* c = connectors.find(name);
    if (c == nullptr) return Error::invalid("no connector named " + name);
    std::vector<std::string> unors = config.sync.ekinerjaUnors;
    if (unors.empty()) {
      auto units = storedFieldValues(store, config.sync.siasn, "data-utama", "unit_id");
      if (!units) return units.error();
      std::set<std::string> seen(units->begin(), units->end());
      unors.assign(seen.begin(), seen.end());
    }
    const std::string today = siteDayIso(config.timeZone, 0);
    const int year = std::stoi(today.substr(0, 4)), month = std::stoi(today.substr(5, 2));
    std::vector<std::pair<int, std::string>> periods;
    for (int q = 1; q <= (month + 2) / 3; ++q) periods.emplace_back(year, "TW" + std::to_string(q));
    periods.emplace_back(year, "TAHUNAN");  // who has not filled in this year's yet
    periods.emplace_back(year - 1, "TAHUNAN");
    // One listing per (period, agency), `concurrency` at a time; each is pulled into memory by a
    // worker and stored (batches with their cursors, in order) by this thread, which alone uses
    // the store. Chunks bound the memory.
    struct Listing {
      std::string key;
      connectors::PullRequest request;
    };
    std::vector<Listing> listings;
    for (const auto& [tahun, periode] : periods)
      for (const std::string& unor : unors) {
        Listing l;
        l.key = "penilaian/" + std::to_string(tahun) + "/" + periode + "/" + unor;
        l.request.stream = "penilaian";
        l.request.params = {
            {"unor_id", unor}, {"tahun", std::to_string(tahun)}, {"periode", periode}};
        listings.push_back(std::move(l));
      }
    struct Buffer : connectors::PullSink {
      std::vector<connectors::PullBatch> batches;
      Status store(const connectors::PullBatch& b) override {
        batches.push_back(b);
        return {};
      }
    };
    const std::size_t threads = static_cast<std::size_t>(
        std::max(1, config.ekinerja.count(name) ? config.ekinerja.at(name).concurrency : 8));
    Status firstError;
    for (std::size_t begin = 0; begin < listings.size(); begin += threads * 16) {
      const std::size_t end = std::min(listings.size(), begin + threads * 16);
      for (std::size_t i = begin; i < end; ++i) {
        auto cursor = store.cursor(name, listings[i].key);
        if (!cursor) return cursor.error();
        listings[i].request.cursor = cursor->value_or("");
      }
      std::vector<Buffer> buffers(end - begin);
      std::vector<Status> results(end - begin);
      std::atomic<std::size_t> next{begin};
      auto worker = [&] {
        for (std::size_t i = next++; i < end; i = next++) {
          auto r = c->pull(listings[i].request, buffers[i - begin]);
          if (!r) results[i - begin] = r.error();
        }
      };
      std::vector<std::thread> pool;
      for (std::size_t t = 1; t < std::min(threads, end - begin); ++t) pool.emplace_back(worker);
      worker();
      for (auto& t : pool) t.join();
      for (std::size_t i = begin; i < end; ++i) {
        store::StorePullSink sink(store, name, listings[i].key, run);
        ProgressSink counted(sink, progress);
        for (const auto& batch : buffers[i - begin].batches)
          if (Status st = counted.store(batch); !st) return st;
        items += sink.counts().inserted + sink.counts().changed + sink.counts().unchanged;
        if (!results[i - begin] && firstError) firstError = results[i - begin];  // others go on
      }
      if (stopRequestedHint && stopRequestedHint()) break;
    }
    sum.pulled[name + "/penilaian"] = items;
    return firstError;
  }

  // The delivery's stop check, which runs on this thread between delivery rounds, also counts
  // the entries no longer waiting (at most once a second) into the progress.
  std::function<bool()> pushProgressCheck(const std::function<bool()>& stop) {
    if (progress == nullptr) return stop;
    auto waiting = [this]() -> std::uint64_t {
      store::OutboxStore outbox(store);
      auto c = outbox.counts();
      return c ? c->pending + c->delivering : 0;
    };
    const std::uint64_t total = waiting();
    progress->setTotal(total);
    auto last = std::make_shared<std::chrono::steady_clock::time_point>();
    return [this, stop, waiting, total, last] {
      auto now = std::chrono::steady_clock::now();
      if (now - *last >= std::chrono::seconds(1)) {
        *last = now;
        const std::uint64_t left = waiting();
        progress->setDone(left < total ? total - left : 0);
      }
      return stop && stop();
    };
  }

  Status pullReference(std::int64_t run, std::uint64_t& items, CycleSummary& sum) {
    const std::string siasn = config.sync.siasn, stream = "referensi/latihan-struktural";
    std::int64_t have = 0;
    store.session() << "SELECT COUNT(*) FROM source_records WHERE connector = :c AND stream = :s",
        soci::use(siasn), soci::use(stream), soci::into(have);
    if (have > 0) return {};
    connectors::Connector* c = connectors.find(siasn);
    connectors::PullRequest req;
    req.stream = stream;
    store::StorePullSink sink(store, siasn, stream, run);
    Result<connectors::PullStats> stats = c->pull(req, sink);
    items = sink.counts().inserted;
    sum.pulled[siasn + "/" + stream] = items;
    return stats ? Status{} : Status(stats.error());
  }
};

SyncEngine::SyncEngine(const DaemonConfig& config, store::StateStore& store,
                       const ConnectorSet& connectors)
    : impl_(std::make_unique<Impl>(config, store, connectors)) {}
SyncEngine::~SyncEngine() = default;

Result<std::string> SyncEngine::recover() {
  Result<std::uint64_t> interrupted = impl_->runs.markInterrupted();
  if (!interrupted) return interrupted.error();
  store::OutboxStore outbox(impl_->store);
  Result<std::uint64_t> inFlight = outbox.recoverInFlight();
  if (!inFlight) return inFlight.error();
  return std::to_string(*interrupted) + " interrupted runs, " + std::to_string(*inFlight) +
         " outbox entries back to pending";
}

Result<CycleSummary> SyncEngine::runCycle(const CycleOptions& o) {
  Impl& m = *impl_;
  const SyncSettings& s = m.config.sync;
  auto t0 = std::chrono::steady_clock::now();
  const std::uint64_t requestsBefore = m.connectors.requests();
  const auto httpBefore = m.connectors.httpStats();
  const std::string job(jobName(o.scope));
  const bool full = o.scope == CycleScope::kFull;
  Result<std::int64_t> run = m.runs.start(o.dryRun ? job + " (dry run)" : job, o.trigger);
  if (!run) return run.error();
  CycleSummary sum;
  sum.runId = *run;
  sum.runDir = s.reportDir / ("run-" + std::to_string(*run));
  std::error_code ec;
  fs::create_directories(sum.runDir, ec);
  if (ec) {
    (void)m.runs.finish(*run, "failed", "", "cannot create " + sum.runDir.string());
    return Error::io("cannot create run folder " + sum.runDir.string() + ": " + ec.message());
  }
  auto stopped = [&] { return o.stopRequested && o.stopRequested(); };
  m.stopRequestedHint = o.stopRequested;
  m.progress = o.progress;
  if (o.progress != nullptr) o.progress->runStarted(*run);
  struct ProgressEnd {
    RunProgress* p;
    ~ProgressEnd() {
      if (p != nullptr) p->runFinished();
    }
  } progressEnd{o.progress};
  spdlog::info("run {}: {} started ({}{})", *run, full ? "sync cycle" : job, o.trigger,
               o.dryRun ? ", dry run" : "");

  if (full)
    m.step(*run, "pull " + s.simpeg + "/pegawai", sum, [&](std::uint64_t& n) {
      return m.pullIncremental(*run, s.simpeg, "pegawai", o.fullPull, n, sum);
    });
  // The post and unit tables feed diagnose's supervisor and unit-mapping checks; only SIMPEG
  // connectors that serve them (the REST API) are asked.
  if (full && !stopped() && servesPostTables(m.connectors, s.simpeg))
    m.step(*run, "pull " + s.simpeg + "/jabatan+unit-kerja", sum, [&](std::uint64_t& n) {
      auto r = pullSimpegPosts(m.store, m.connectors, s.simpeg, *run);
      if (!r) return Status(r.error());
      n = *r;
      return Status{};
    });
  if (full && !stopped())
    m.step(*run, "pull " + s.siasn + "/data-utama", sum,
           [&](std::uint64_t& n) { return m.pullSiasn(*run, n, sum); });
  if (full && !stopped() && s.planTraining && !s.training.empty()) {
    m.step(*run, "pull " + s.siasn + "/referensi", sum,
           [&](std::uint64_t& n) { return m.pullReference(*run, n, sum); });
    m.step(*run, "pull " + s.training + "/completions", sum, [&](std::uint64_t& n) {
      return m.pullIncremental(*run, s.training, "completions", o.fullPull, n, sum);
    });
  }

  if (full && !stopped() && !s.ekinerja.empty())
    m.step(*run, "pull " + s.ekinerja + "/penilaian", sum,
           [&](std::uint64_t& n) { return m.pullEkinerja(*run, n, sum); });
  if (o.scope != CycleScope::kPushOnly && !stopped() && m.config.attendance.enabled())
    m.step(*run, "pull attendance", sum,
           [&](std::uint64_t& n) { return m.pullAttendance(n, sum); });
  if (o.scope != CycleScope::kPushOnly && !stopped() && m.config.attendance.epresensi)
    m.step(*run, "pull " + m.config.attendance.epresensi->name, sum, [&](std::uint64_t& n) {
      Status st = pullEpresensi(m.config, m.store, m.progress, n);
      sum.pulled[m.config.attendance.epresensi->name + "/presensi"] = n;
      return st;
    });

  bool reconciled = false;
  if (full && !stopped())
    reconciled = m.step(*run, "reconcile", sum, [&](std::uint64_t& n) -> Status {
      auto left = exportStream(m.store, s.simpeg, "pegawai", "simpeg", sum.runDir);
      if (!left) return left.error();
      auto right = exportStream(m.store, s.siasn, "data-utama", "siasn", sum.runDir);
      if (!right) return right.error();
      ReconcileOptions ro;
      ro.left = left->records;
      ro.leftMapping = left->mapping;
      ro.right = right->records;
      ro.rightMapping = right->mapping;
      ro.outDir = sum.runDir;
      ro.settings = s.reconcile;
      ro.asOf = siteDay(m.config.timeZone);
      Result<ReconcileSummary> r = runReconcile(ro);
      if (!r) return r.error();
      sum.situations = r->situations;
      for (const auto& [k, v] : r->differencesByField) sum.differences += v;
      for (const auto& [k, v] : r->anomaliesByCode) sum.anomalies += v;
      sum.reportHtml = r->reportHtml;
      sum.reportXlsx = r->reportXlsx;
      fs::remove(left->records, ec);
      fs::remove(right->records, ec);
      n = left->count + right->count;
      return {};
    });

  PushPlan plan;
  if (reconciled && !stopped())
    m.step(*run, "link", sum, [&](std::uint64_t& n) -> Status {
      LinkInput in;
      in.situationsCsv = sum.runDir / "situations.csv";
      in.simpegConnector = s.simpeg;
      in.siasnConnector = s.siasn;
      in.policy = s.reconcile.policy;
      in.runId = *run;
      Result<LinkStats> r = writeLinks(m.store, in, plan.conflicts);
      if (!r) return r.error();
      n = r->linked;
      return {};
    });

  if (reconciled && !stopped())
    m.step(*run, "plan", sum, [&](std::uint64_t& n) -> Status {
      auto people = loadSiasnPeople(m.store, s.siasn);
      if (!people) return people.error();
      DifferencePlanInput d{sum.runDir / "differences.csv", s.simpeg, s.siasn};
      d.contactUpdates = s.planContactUpdates;
      if (Status st = planDifferences(d, *people, plan); !st) return st;
      if (s.planTraining && !s.training.empty()) {
        TrainingPlanInput t{s.training, s.siasn, s.push.jenisKursusId, s.push.jenisKursusIdDiklat};
        if (Status st = planTraining(m.store, t, *people, plan); !st) return st;
      }
      sum.trainingResolved = plan.trainingResolved;
      sum.trainingUnresolved = plan.trainingUnresolved;
      Result<PlanWriteStats> w =
          writePlan(m.store, plan, s.push, o.dryRun, *run, sum.runDir / "preview.csv");
      if (!w) return w.error();
      sum.queued = w->queued;
      sum.alreadyQueued = w->alreadyQueued;
      sum.previewed = w->previewed;
      sum.conflictsOpened = w->conflictsOpened;
      sum.previewFile = w->previewFile;
      n = plan.changes.size();
      return {};
    });

  if (o.scope != CycleScope::kAttendanceOnly && !o.dryRun && !stopped())
    m.step(*run, "push", sum, [&](std::uint64_t& n) -> Status {
      OutboxDelivery delivery(m.store, m.connectors, s.push);
      Result<DeliveryStats> d =
          delivery.run(o.waitForRetries, m.pushProgressCheck(o.stopRequested), o.onDelivery);
      if (!d) return d.error();
      sum.pushed = d->delivered;
      sum.alreadyPresent = d->alreadyPresent;
      sum.retryLater = d->retryLater;
      sum.deadLettered = d->deadLettered;
      n = d->attempts;
      return {};
    });

  if (o.scope != CycleScope::kPushOnly && !stopped() && m.config.attendance.enabled())
    m.step(*run, "attendance roll-up", sum,
           [&](std::uint64_t& n) { return m.rollUpAttendance(n, sum); });

  store::OutboxStore outbox(m.store);
  if (auto counts = outbox.counts()) {
    sum.outboxPending = counts->pending + counts->delivering;
    sum.deadLettersWaiting = counts->deadLettersWaiting;
  }
  sum.requests = m.connectors.requests() - requestsBefore;
  sum.seconds = secondsSince(t0);
  for (const auto& [name, after] : m.connectors.httpStats()) {
    auto before = httpBefore.find(name);
    sum.http[name] =
        before == httpBefore.end() ? after : connectors::http::statsSince(after, before->second);
  }
  sum.status = stopped()              ? "stopped"
               : full && !reconciled  ? "failed"
               : sum.problems.empty() ? "ok"
                                      : "partial";
  (void)m.runs.finish(*run, sum.status, sum.toJson(),
                      sum.problems.empty() ? "" : sum.problems.front());
  spdlog::info("run {}: {} {} in {:.1f} s", *run, full ? "sync cycle" : job, sum.status,
               sum.seconds);
  return sum;
}

}  // namespace sinkron::daemon::sync
