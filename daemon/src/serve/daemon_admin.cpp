#include "daemon_admin.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <unistd.h>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "../cli/report_command.hpp"
#include "sinkron/admin/admin_server.hpp"
#include "sinkron/admin/authenticator.hpp"
#include "sinkron/admin/health_routes.hpp"
#include "sinkron/admin/token_store.hpp"
#include "sinkron/agency_report/report_writers.hpp"
#include "sinkron/daemon/sync/site_calendar.hpp"
#include "sinkron/diagnose/diagnoser.hpp"
#include "sinkron/diagnose/report_render.hpp"
#include "sinkron/metrics/buckets.hpp"
#include "sinkron/metrics/registry.hpp"
#include "sinkron/metrics/text_format.hpp"
#include "sinkron/security/masking.hpp"
#include "sinkron/store/change_history.hpp"
#include "sinkron/store/outbox_store.hpp"

namespace sinkron::daemon {
namespace {

using admin::AdminRequest;
using admin::AdminResponse;
using admin::Principal;
using admin::Role;
using admin::RouteAccess;
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

std::string isoTime(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void str(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

AdminResponse ok(const rapidjson::StringBuffer& sb, int status = 200) {
  return AdminResponse::json(status, std::string(sb.GetString(), sb.GetSize()));
}

std::size_t limitOf(const AdminRequest& req, std::size_t fallback) {
  auto it = req.query.find("limit");
  if (it == req.query.end()) return fallback;
  char* end = nullptr;
  unsigned long long v = std::strtoull(it->second.c_str(), &end, 10);
  return end && *end == '\0' && v > 0 ? std::min<std::size_t>(v, 10000) : fallback;
}

}  // namespace

struct DaemonAdmin::Impl {
  DaemonHooks hooks;
  std::string simpegConnector, siasnConnector, timeZone;
  std::unique_ptr<sync::DaemonConfig> config;  // a copy: reports read connector names from it
  std::unique_ptr<store::StateStore> store;    // the admin thread's own session
  std::mutex storeMutex;
  std::unique_ptr<admin::TokenStore> tokens;
  std::unique_ptr<admin::Authenticator> auth;
  metrics::MetricsRegistry registry;
  metrics::CounterFamily* runs = nullptr;
  metrics::HistogramFamily* durations = nullptr;
  metrics::GaugeFamily* lastSuccess = nullptr;
  metrics::CounterFamily* pulled = nullptr;
  metrics::CounterFamily* pushes = nullptr;
  metrics::CounterFamily* requests = nullptr;
  std::unique_ptr<admin::AdminServer> server;

  Status registerMetrics() {
    auto r =
        registry.addCounter("sinkron_runs_total", "Job runs by job and outcome", {"job", "status"});
    if (!r) return r.error();
    runs = *r;
    auto d = registry.addHistogram("sinkron_run_duration_seconds", "Job run durations", {"job"},
                                   metrics::durationBuckets());
    if (!d) return d.error();
    durations = *d;
    auto l = registry.addGauge("sinkron_last_success_timestamp_seconds",
                               "When each job last ended ok (Unix time)", {"job"});
    if (!l) return l.error();
    lastSuccess = *l;
    auto p = registry.addCounter("sinkron_records_pulled_total", "Records pulled per stream",
                                 {"stream"});
    if (!p) return p.error();
    pulled = *p;
    auto q = registry.addCounter("sinkron_pushes_total", "Outbox deliveries by result", {"result"});
    if (!q) return q.error();
    pushes = *q;
    auto h =
        registry.addCounter("sinkron_http_requests_total", "HTTP requests sent by connectors", {});
    if (!h) return h.error();
    requests = *h;
    // Read from the store at scrape time.
    Status s = registry.registerCallbackGauge(
        "sinkron_outbox_entries", "Outbox entries by status", {"status"}, [this] {
          std::vector<std::pair<metrics::LabelValues, double>> out;
          std::lock_guard lock(storeMutex);
          store::OutboxStore outbox(*store);
          if (auto c = outbox.counts()) {
            out.push_back({{"pending"}, static_cast<double>(c->pending)});
            out.push_back({{"delivering"}, static_cast<double>(c->delivering)});
            out.push_back({{"delivered"}, static_cast<double>(c->delivered)});
            out.push_back({{"dead"}, static_cast<double>(c->dead)});
          }
          return out;
        });
    if (!s) return s;
    s = registry.registerCallbackGauge(
        "sinkron_dead_letters_waiting", "Dead letters waiting for a person", {}, [this] {
          std::vector<std::pair<metrics::LabelValues, double>> out;
          std::lock_guard lock(storeMutex);
          store::OutboxStore outbox(*store);
          if (auto c = outbox.counts())
            out.push_back({{}, static_cast<double>(c->deadLettersWaiting)});
          return out;
        });
    if (!s) return s;
    return registry.registerCallbackGauge(
        "sinkron_conflicts_open", "Conflicts waiting for a person, by field", {"field"}, [this] {
          std::vector<std::pair<metrics::LabelValues, double>> out;
          std::lock_guard lock(storeMutex);
          try {
            std::string field;
            long long n = 0;
            soci::statement st =
                (store->session().prepare << "SELECT field, COUNT(*) FROM conflicts WHERE status = "
                                             "'open' GROUP BY field",
                 soci::into(field), soci::into(n));
            st.execute();
            while (st.fetch()) out.push_back({{field}, static_cast<double>(n)});
          } catch (const std::exception& e) {
            spdlog::warn("metrics: reading conflicts: {}", e.what());
          }
          return out;
        });
  }

  AdminResponse status() {
    rapidjson::StringBuffer sb;
    Writer w(sb);
    w.StartObject();
    w.Key("jobs");
    w.StartArray();
    for (const auto& j : hooks.jobs()) {
      w.StartObject();
      str(w, "name", j.name);
      w.Key("running"), w.Bool(j.running);
      w.Key("queued"), w.Bool(j.queued);
      if (j.nextRun) str(w, "next_run", isoTime(*j.nextRun));
      if (j.lastStarted) str(w, "last_started", isoTime(*j.lastStarted));
      if (j.lastFinished) str(w, "last_finished", isoTime(*j.lastFinished));
      w.Key("runs"), w.Uint64(j.runs);
      w.Key("skipped_overlaps"), w.Uint64(j.skippedOverlaps);
      w.EndObject();
    }
    w.EndArray();
    std::lock_guard lock(storeMutex);
    store::OutboxStore outbox(*store);
    if (auto c = outbox.counts()) {
      w.Key("outbox");
      w.StartObject();
      w.Key("pending"), w.Uint64(c->pending);
      w.Key("delivering"), w.Uint64(c->delivering);
      w.Key("delivered"), w.Uint64(c->delivered);
      w.Key("dead"), w.Uint64(c->dead);
      w.Key("dead_letters_waiting"), w.Uint64(c->deadLettersWaiting);
      w.EndObject();
    }
    w.Key("shutting_down"), w.Bool(hooks.shuttingDown());
    w.EndObject();
    return ok(sb);
  }

  AdminResponse runsList(const AdminRequest& req) {
    rapidjson::StringBuffer sb;
    Writer w(sb);
    std::lock_guard lock(storeMutex);
    long long id = 0, started = 0, finished = 0;
    std::string job, trigger, status, summary, error;
    soci::indicator fi = soci::i_null, si = soci::i_null, ei = soci::i_null;
    long long limit = static_cast<long long>(limitOf(req, 20));
    soci::statement st =
        (store->session().prepare
             << "SELECT id, job, trigger, status, started_at, finished_at, summary_json, error "
                "FROM runs ORDER BY id DESC LIMIT :l",
         soci::use(limit), soci::into(id), soci::into(job), soci::into(trigger), soci::into(status),
         soci::into(started), soci::into(finished, fi), soci::into(summary, si),
         soci::into(error, ei));
    st.execute();
    w.StartObject();
    w.Key("runs");
    w.StartArray();
    while (st.fetch()) {
      w.StartObject();
      w.Key("id"), w.Int64(id);
      str(w, "job", job);
      str(w, "trigger", trigger);
      str(w, "status", status);
      w.Key("started_at_ms"), w.Int64(started);
      if (fi == soci::i_ok) w.Key("finished_at_ms"), w.Int64(finished);
      if (si == soci::i_ok && !summary.empty()) {
        w.Key("summary");
        w.RawValue(summary.c_str(), summary.size(), rapidjson::kObjectType);
      }
      if (ei == soci::i_ok && !error.empty()) str(w, "error", security::maskIdsInText(error));
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return ok(sb);
  }

  AdminResponse trigger(const AdminRequest& req) {
    const std::string job = req.params.at("job");
    switch (hooks.trigger(job)) {
      case scheduler::TriggerOutcome::kStarted:
        return AdminResponse::json(202, R"({"outcome":"started"})");
      case scheduler::TriggerOutcome::kQueued:
        return AdminResponse::json(202, R"({"outcome":"queued"})");
      case scheduler::TriggerOutcome::kAlreadyQueued:
        return AdminResponse::json(202, R"({"outcome":"already_queued"})");
      case scheduler::TriggerOutcome::kUnknownJob:
        return AdminResponse::error(404, "not_found", "no job named '" + job + "'");
      case scheduler::TriggerOutcome::kStopping:
        return AdminResponse::error(503, "shutting_down", "the daemon is stopping");
    }
    return AdminResponse::error(500, "internal", "unknown trigger outcome");
  }

  AdminResponse outboxList(const AdminRequest& req) {
    auto it = req.query.find("status");
    const std::string status = it == req.query.end() ? "pending" : it->second;
    if (status != "pending" && status != "delivering" && status != "delivered" && status != "dead")
      return AdminResponse::error(400, "bad_request",
                                  "status must be pending, delivering, delivered or dead");
    std::lock_guard lock(storeMutex);
    store::OutboxStore outbox(*store);
    auto rows = outbox.list(status, limitOf(req, 100));
    if (!rows) return AdminResponse::error(500, "internal", rows.error().message);
    rapidjson::StringBuffer sb;
    Writer w(sb);
    w.StartObject();
    w.Key("entries");
    w.StartArray();
    for (const auto& e : *rows) {
      w.StartObject();
      w.Key("id"), w.Int64(e.id);
      str(w, "connector", e.connector);
      str(w, "kind", e.kind);
      str(w, "target", security::maskIdsInText(e.targetKey));
      str(w, "natural_key", security::maskIdsInText(e.naturalKey));
      str(w, "status", e.status);
      w.Key("attempts"), w.Int(e.attempts);
      if (!e.lastError.empty()) str(w, "last_error", security::maskIdsInText(e.lastError));
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return ok(sb);
  }

  AdminResponse deadLetters(const AdminRequest& req) {
    std::lock_guard lock(storeMutex);
    store::OutboxStore outbox(*store);
    auto rows = outbox.deadLetters(limitOf(req, 100));
    if (!rows) return AdminResponse::error(500, "internal", rows.error().message);
    rapidjson::StringBuffer sb;
    Writer w(sb);
    w.StartObject();
    w.Key("dead_letters");
    w.StartArray();
    for (const auto& d : *rows) {
      w.StartObject();
      w.Key("id"), w.Int64(d.id);
      str(w, "connector", d.connector);
      str(w, "kind", d.kind);
      str(w, "target", security::maskIdsInText(d.targetKey));
      str(w, "reason", security::maskIdsInText(d.reason));
      str(w, "status", d.status);
      w.Key("attempts"), w.Int(d.attempts);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return ok(sb);
  }

  AdminResponse handleDeadLetters(const AdminRequest& req, const Principal& who, bool replay) {
    rapidjson::Document body;
    body.Parse(req.body.c_str());
    if (body.HasParseError() || !body.IsObject() || !body.HasMember("ids") ||
        !body["ids"].IsArray() || !body.HasMember("reason") || !body["reason"].IsString() ||
        body["reason"].GetStringLength() == 0)
      return AdminResponse::error(400, "bad_request",
                                  "expected {\"ids\":[dead letter ids],\"reason\":\"why\"}");
    std::vector<std::int64_t> ids;
    for (const auto& v : body["ids"].GetArray()) {
      if (!v.IsInt64()) return AdminResponse::error(400, "bad_request", "ids must be integers");
      ids.push_back(v.GetInt64());
    }
    std::lock_guard lock(storeMutex);
    store::OutboxStore outbox(*store);
    const std::string actor = "operator:" + who.name;
    auto done = replay ? outbox.replay(ids, actor, body["reason"].GetString())
                       : outbox.discard(ids, actor, body["reason"].GetString());
    if (!done) return AdminResponse::error(409, "conflict", done.error().message);
    return AdminResponse::json(200, std::string("{\"") + (replay ? "replayed" : "discarded") +
                                        "\":" + std::to_string(*done) + "}");
  }

  AdminResponse diagnosePerson(const AdminRequest& req) {
    diagnose::DiagnoseQuery q;
    auto get = [&](const char* k) {
      auto it = req.query.find(k);
      return it == req.query.end() ? std::string() : it->second;
    };
    q.nip = get("nip");
    q.nik = get("nik");
    q.name = get("name");
    q.birthDate = get("birth_date");
    diagnose::DiagnoseSettings settings;
    settings.simpegConnector = simpegConnector;
    settings.siasnConnector = siasnConnector;
    settings.asOf = sync::siteDay(timeZone);
    std::lock_guard lock(storeMutex);
    diagnose::Diagnoser diagnoser(*store, settings);
    auto report = diagnoser.diagnose(q);
    if (!report) {
      const bool bad = report.error().code == ErrorCode::kInvalidArgument;
      return AdminResponse::error(bad ? 400 : 500, bad ? "bad_request" : "internal",
                                  report.error().message);
    }
    if (get("format") == "text") {
      AdminResponse r;
      r.body = diagnose::toText(*report,
                                get("lang") == "en" ? diagnose::Lang::kEn : diagnose::Lang::kId);
      r.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
      return r;
    }
    return AdminResponse::json(200, diagnose::toJson(*report));
  }

  // An offered fix (from diagnose), approved by an operator: queued like any planned push.
  AdminResponse approveFix(const AdminRequest& req, const Principal& who) {
    rapidjson::Document b;
    b.Parse(req.body.c_str());
    auto text = [&](const char* k) -> std::string {
      return b.IsObject() && b.HasMember(k) && b[k].IsString() ? b[k].GetString() : "";
    };
    const std::string connector = text("connector"), kind = text("kind"),
                      target = text("target_key"), key = text("natural_key"),
                      payload = text("json"), reason = text("reason");
    if (b.HasParseError() || connector.empty() || kind.empty() || target.empty() || key.empty() ||
        payload.empty() || reason.empty())
      return AdminResponse::error(400, "bad_request",
                                  "expected {\"connector\",\"kind\",\"target_key\","
                                  "\"natural_key\",\"json\",\"reason\"} as diagnose offers");
    std::lock_guard lock(storeMutex);
    store::EnqueueResult queued;
    Status s = store->transaction("queueing an approved fix", [&](soci::session& sql) -> Status {
      auto r = store::OutboxStore::enqueue(sql, {connector, kind, target, key, payload, 0});
      if (!r) return r.error();
      queued = *r;
      store::ChangeEntry h;
      h.actor = "operator:" + who.name;
      h.entity = "outbox";
      h.entityKey = security::maskIdsInText(key);
      h.field = "status";
      h.newValue = r->created ? "pending (approved fix)" : "already queued";
      h.reason = reason;
      return store::ChangeHistory::append(sql, h);
    });
    if (!s) return AdminResponse::error(500, "internal", s.error().message);
    return AdminResponse::json(queued.created ? 201 : 200,
                               "{\"outbox_id\":" + std::to_string(queued.id) +
                                   ",\"created\":" + (queued.created ? "true" : "false") + "}");
  }

  AdminResponse conflictsList(const AdminRequest& req) {
    auto it = req.query.find("status");
    std::string status = it == req.query.end() ? "open" : it->second;
    long long limit = static_cast<long long>(limitOf(req, 100));
    std::lock_guard lock(storeMutex);
    long long id = 0, created = 0;
    std::string field, ls, lv, rs, rv, reason;
    soci::indicator lvi = soci::i_null, rvi = soci::i_null, ri = soci::i_null;
    soci::statement st = (store->session().prepare
                              << "SELECT id, field, left_source, left_value, right_source, "
                                 "right_value, reason, created_at FROM conflicts WHERE status = :s "
                                 "ORDER BY id LIMIT :l",
                          soci::use(status), soci::use(limit), soci::into(id), soci::into(field),
                          soci::into(ls), soci::into(lv, lvi), soci::into(rs), soci::into(rv, rvi),
                          soci::into(reason, ri), soci::into(created));
    st.execute();
    rapidjson::StringBuffer sb;
    Writer w(sb);
    w.StartObject();
    w.Key("conflicts");
    w.StartArray();
    while (st.fetch()) {
      w.StartObject();
      w.Key("id"), w.Int64(id);
      str(w, "field", field);
      str(w, "left_source", ls);
      str(w, "left_value", security::maskIdsInText(lvi == soci::i_ok ? lv : ""));
      str(w, "right_source", rs);
      str(w, "right_value", security::maskIdsInText(rvi == soci::i_ok ? rv : ""));
      str(w, "note", ri == soci::i_ok ? reason : "");
      w.Key("created_at_ms"), w.Int64(created);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return ok(sb);
  }

  // A person decides: take the left or right value, enter one, or dismiss; with a reason that
  // goes to the change history.
  AdminResponse resolveConflict(const AdminRequest& req, const Principal& who) {
    rapidjson::Document b;
    b.Parse(req.body.c_str());
    auto text = [&](const char* k) -> std::string {
      return b.IsObject() && b.HasMember(k) && b[k].IsString() ? b[k].GetString() : "";
    };
    const std::string resolution = text("resolution"), value = text("value"),
                      reason = text("reason");
    if (b.HasParseError() || reason.empty() ||
        (resolution != "left" && resolution != "right" && resolution != "value" &&
         resolution != "dismiss") ||
        (resolution == "value" && value.empty()))
      return AdminResponse::error(400, "bad_request",
                                  "expected {\"resolution\":\"left|right|value|dismiss\","
                                  "\"value\" (with value),\"reason\"}");
    long long id = std::atoll(req.params.at("id").c_str());
    std::lock_guard lock(storeMutex);
    bool found = false;
    Status s = store->transaction("resolving a conflict", [&](soci::session& sql) -> Status {
      std::string field, status;
      soci::indicator fi = soci::i_null;
      sql << "SELECT field, status FROM conflicts WHERE id = :id", soci::use(id),
          soci::into(field, fi), soci::into(status);
      if (fi != soci::i_ok) return {};
      if (status != "open")
        return Error::invalid("conflict " + std::to_string(id) + " is " + status);
      found = true;
      std::int64_t now = store::nowMillis();
      const std::string by = "operator:" + who.name, newStatus = "resolved";
      sql << "UPDATE conflicts SET status = :st, resolution = :r, resolved_value = :v, "
             "resolved_by = :b, reason = :why, resolved_at = :t WHERE id = :id",
          soci::use(newStatus), soci::use(resolution), soci::use(value), soci::use(by),
          soci::use(reason), soci::use(now), soci::use(id);
      store::ChangeEntry h;
      h.actor = by;
      h.entity = "conflict";
      h.entityKey = std::to_string(id);
      h.field = field;
      h.oldValue = "open";
      h.newValue = resolution == "value" ? "value: " + security::maskIdsInText(value) : resolution;
      h.reason = reason;
      return store::ChangeHistory::append(sql, h);
    });
    if (!s) return AdminResponse::error(409, "conflict", s.error().message);
    if (!found) return AdminResponse::error(404, "not_found", "no conflict " + std::to_string(id));
    return AdminResponse::json(200, "{\"resolved\":" + std::to_string(id) + "}");
  }

  // GET /api/v1/reports/agency?agency=&period=YYYY-MM[&format=html]: the figures as JSON, or the
  // self-contained HTML report. A token scoped to agencies sees only those.
  AdminResponse agencyReport(const AdminRequest& req, const Principal& who) {
    auto get = [&](const char* k) {
      auto it = req.query.find(k);
      return it == req.query.end() ? std::string() : it->second;
    };
    const std::string agency = get("agency"), period = get("period");
    if (agency.empty() || period.empty())
      return AdminResponse::error(400, "bad_request", "agency and period (YYYY-MM) are required");
    if (!who.mayAccessAgency(agency))
      return AdminResponse::error(403, "forbidden", "this token is not for agency " + agency);
    std::lock_guard lock(storeMutex);
    auto report = agencyReportFor(*store, *config, agency, period);
    if (!report) {
      const bool bad = report.error().code == ErrorCode::kInvalidArgument;
      return AdminResponse::error(bad ? 400 : 500, bad ? "bad_request" : "internal",
                                  report.error().message);
    }
    if (get("format") == "html") {
      auto file = std::filesystem::temp_directory_path() /
                  ("sinkron-report-" + std::to_string(::getpid()) + ".html");
      if (Status st = agency_report::writeAgencyReportHtml(*report, file); !st)
        return AdminResponse::error(500, "internal", st.error().message);
      std::ifstream in(file);
      std::stringstream html;
      html << in.rdbuf();
      std::filesystem::remove(file);
      AdminResponse r;
      r.body = html.str();
      r.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
      return r;
    }
    const auto& t = report->totals;
    rapidjson::StringBuffer sb;
    Writer w(sb);
    w.StartObject();
    str(w, "agency", report->agency);
    str(w, "agency_name", report->agencyName);
    w.Key("year"), w.Int(report->year);
    w.Key("month"), w.Int(report->month);
    w.Key("skp_days_left"), w.Int(report->skpDaysLeft);
    auto n = [&](const char* k, int v) { w.Key(k), w.Int(v); };
    n("employees", t.employees);
    n("matched", t.matched);
    n("matched_with_differences", t.matchedWithDifferences);
    n("only_simpeg", t.onlySimpeg);
    n("only_siasn", t.onlySiasn);
    n("review", t.review);
    n("skp_not_filled", t.skpNotFilled);
    n("skp_filled", t.skpFilled);
    n("skp_finished", t.skpFinished);
    n("skp_no_data", t.skpNoData);
    n("training_target_met", t.trainingTargetMet);
    n("training_pushed", t.trainingPushed);
    n("training_not_pushed", t.trainingNotPushed);
    n("days_present", t.daysPresent);
    n("late_days", t.lateDays);
    n("tanpa_keterangan", t.tanpaKeterangan);
    w.EndObject();
    return ok(sb);
  }

  Status routes(admin::AdminRouter& router) {
    const RouteAccess anyone =
        RouteAccess::forRoles({Role::kOperator, Role::kHelpdesk, Role::kAuditor});
    const RouteAccess operators = RouteAccess::forRoles({Role::kOperator});
    const RouteAccess watchers = RouteAccess::forRoles({Role::kOperator, Role::kAuditor});
    if (Status s = admin::addHealthRoutes(
            router,
            [this] {
              admin::ReadyState r;
              std::lock_guard lock(storeMutex);
              r.storeReachable = static_cast<bool>(store->ping());
              r.migrationsDone = store->schemaVersion() == store::StateStore::latestSchemaVersion();
              r.shuttingDown = hooks.shuttingDown();
              return r;
            });
        !s)
      return s;
    std::vector<Status> added = {
        router.add("GET", "/metrics", watchers,
                   [this](const AdminRequest&, const Principal&) {
                     AdminResponse r;
                     r.status = 200;
                     r.body = registry.render();
                     r.headers.emplace_back("Content-Type", std::string(metrics::kTextContentType));
                     return r;
                   }),
        router.add("GET", "/api/v1/status", anyone,
                   [this](const AdminRequest&, const Principal&) { return status(); }),
        router.add("GET", "/api/v1/runs", anyone,
                   [this](const AdminRequest& r, const Principal&) { return runsList(r); }),
        router.add("POST", "/api/v1/jobs/{job}/run", operators,
                   [this](const AdminRequest& r, const Principal&) { return trigger(r); }),
        router.add("GET", "/api/v1/outbox", watchers,
                   [this](const AdminRequest& r, const Principal&) { return outboxList(r); }),
        router.add("GET", "/api/v1/dlq", watchers,
                   [this](const AdminRequest& r, const Principal&) { return deadLetters(r); }),
        router.add("POST", "/api/v1/dlq/replay", operators,
                   [this](const AdminRequest& r, const Principal& p) {
                     return handleDeadLetters(r, p, true);
                   }),
        router.add("GET", "/api/v1/diagnose",
                   RouteAccess::forRoles({Role::kOperator, Role::kHelpdesk}),
                   [this](const AdminRequest& r, const Principal&) { return diagnosePerson(r); }),
        router.add("POST", "/api/v1/fixes", operators,
                   [this](const AdminRequest& r, const Principal& p) { return approveFix(r, p); }),
        router.add(
            "GET", "/api/v1/reports/agency", anyone,
            [this](const AdminRequest& r, const Principal& p) { return agencyReport(r, p); }),
        router.add("GET", "/api/v1/conflicts", anyone,
                   [this](const AdminRequest& r, const Principal&) { return conflictsList(r); }),
        router.add(
            "POST", "/api/v1/conflicts/{id}/resolve", operators,
            [this](const AdminRequest& r, const Principal& p) { return resolveConflict(r, p); }),
        router.add("POST", "/api/v1/dlq/discard", operators,
                   [this](const AdminRequest& r, const Principal& p) {
                     return handleDeadLetters(r, p, false);
                   })};
    for (const Status& s : added)
      if (!s) return s;
    return {};
  }
};

DaemonAdmin::DaemonAdmin(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DaemonAdmin::~DaemonAdmin() {
  stop();
}

Result<std::unique_ptr<DaemonAdmin>> DaemonAdmin::start(const sync::DaemonConfig& config,
                                                        DaemonHooks hooks) {
  auto impl = std::make_unique<Impl>();
  impl->hooks = std::move(hooks);
  impl->simpegConnector = config.sync.simpeg;
  impl->siasnConnector = config.sync.siasn;
  impl->timeZone = config.timeZone;
  impl->config = std::make_unique<sync::DaemonConfig>(config);
  auto st = store::StateStore::open(config.store);
  if (!st) return st.error();
  impl->store = std::move(*st);
  auto tokens = admin::TokenStore::open(*impl->store);
  if (!tokens) return tokens.error();
  impl->tokens = std::move(*tokens);
  impl->auth = std::make_unique<admin::Authenticator>(*impl->tokens);
  if (Status s = impl->registerMetrics(); !s) return s.error();
  admin::AdminRouter router;
  if (Status s = impl->routes(router); !s) return s.error();
  admin::AdminServerOptions o;
  o.bindAddress = config.admin.bind;
  o.port = static_cast<std::uint16_t>(config.admin.port);
  o.threads = 1;  // one session: the admin thread's own
  if (!config.admin.tlsCertificate.empty())
    o.tls = admin::AdminTlsFiles{config.admin.tlsCertificate, config.admin.tlsKey};
  auto server = admin::AdminServer::start(o, std::move(router), *impl->auth);
  if (!server) return Error{server.error().code, "admin API: " + server.error().message};
  impl->server = std::move(*server);
  return std::unique_ptr<DaemonAdmin>(new DaemonAdmin(std::move(impl)));
}

std::string DaemonAdmin::baseUrl() const {
  return impl_->server ? impl_->server->baseUrl() : "";
}

void DaemonAdmin::recordRun(const std::string& job, const sync::CycleSummary& s) {
  impl_->runs->labels({job, s.status}).inc();
  impl_->durations->labels({job}).observe(s.seconds);
  if (s.status == "ok")
    impl_->lastSuccess->labels({job}).set(
        static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count()));
  for (const auto& [stream, n] : s.pulled) impl_->pulled->labels({stream}).inc(n);
  impl_->pushes->labels({"delivered"}).inc(s.pushed);
  impl_->pushes->labels({"already_present"}).inc(s.alreadyPresent);
  impl_->pushes->labels({"retry_later"}).inc(s.retryLater);
  impl_->pushes->labels({"dead_lettered"}).inc(s.deadLettered);
  impl_->requests->labels({}).inc(s.requests);
}

void DaemonAdmin::stop() {
  if (impl_ && impl_->server) impl_->server->stop();
}

}  // namespace sinkron::daemon
