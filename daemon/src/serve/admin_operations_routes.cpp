// The operations routes: status, runs, job triggers, the outbox and the dead-letter queue.
#include <rapidjson/document.h>
#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>

#include "../lookup/employee_lookup.hpp"
#include "admin_context.hpp"
#include "sinkron/security/masking.hpp"
#include "sinkron/store/change_history.hpp"
#include "sinkron/store/outbox_store.hpp"

namespace sinkron::daemon {
namespace {

using namespace admin_json;  // the admin types and the JSON helpers

struct OperationsRoutes {
  AdminContext& c;
  // The status's store figures, read at most once a second: status is polled (dashboards, the
  // CLI's watch) while a sync writes, and these are aggregate queries over growing tables.
  std::mutex figuresMutex;
  std::chrono::steady_clock::time_point figuresReadAt{};
  std::optional<store::OutboxCounts> outboxCounts;
  std::map<std::string, long long> lastPull;

  void refreshFigures() {
    const auto now = std::chrono::steady_clock::now();
    if (figuresReadAt != std::chrono::steady_clock::time_point{} &&
        now - figuresReadAt < std::chrono::seconds(1))
      return;
    std::lock_guard lock(c.storeMutex);
    store::OutboxStore outbox(*c.store);
    auto counts = outbox.counts();
    outboxCounts = counts ? std::optional<store::OutboxCounts>(*counts) : std::nullopt;
    lastPull.clear();
    try {
      std::string name;
      long long at = 0;
      soci::statement st =
          (c.store->session().prepare
               << "SELECT connector, MAX(updated_at) FROM cursors GROUP BY connector",
           soci::into(name), soci::into(at));
      st.execute();
      while (st.fetch()) lastPull[name] = at;
    } catch (const std::exception& e) {
      spdlog::warn("status: reading cursors: {}", e.what());
    }
    figuresReadAt = now;
  }

  AdminResponse status() {
    rapidjson::StringBuffer sb;
    Writer w(sb);
    w.StartObject();
    w.Key("jobs");
    w.StartArray();
    for (const auto& j : c.hooks.jobs()) {
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
    std::lock_guard figures(figuresMutex);
    refreshFigures();
    if (const auto& counts = outboxCounts) {
      w.Key("outbox");
      w.StartObject();
      w.Key("pending"), w.Uint64(counts->pending);
      w.Key("delivering"), w.Uint64(counts->delivering);
      w.Key("delivered"), w.Uint64(counts->delivered);
      w.Key("dead"), w.Uint64(counts->dead);
      w.Key("dead_letters_waiting"), w.Uint64(counts->deadLettersWaiting);
      w.EndObject();
    }
    connectorsJson(w);
    if (auto p = c.hooks.progress ? c.hooks.progress() : std::nullopt)
      w.Key("running_run_id"), w.Int64(p->runId);
    w.Key("shutting_down"), w.Bool(c.hooks.shuttingDown());
    w.EndObject();
    return ok(sb);
  }

  // Every configured connector, with when its last pull stored a batch (a cursor saved).
  void connectorsJson(Writer& w) {
    const sync::DaemonConfig& cfg = *c.config;
    w.Key("connectors");
    w.StartArray();
    auto one = [&](const std::string& name, const char* type, const std::string& baseUrl) {
      w.StartObject();
      str(w, "name", name);
      str(w, "type", type);
      str(w, "base_url", baseUrl);
      if (auto it = lastPull.find(name); it != lastPull.end())
        w.Key("last_pull_ms"), w.Int64(it->second);
      {
        std::lock_guard lock(c.httpMutex);
        if (auto it = c.lastCircuits.find(name); it != c.lastCircuits.end())
          str(w, "circuit", it->second);
      }
      w.EndObject();
    };
    for (const auto& [name, k] : cfg.simpegRest) one(name, "simpeg-rest", k.baseUrl);
    for (const auto& [name, k] : cfg.siasn) one(name, "siasn", k.gatewayUrl);
    for (const auto& [name, k] : cfg.training) one(name, "training", k.baseUrl);
    for (const auto& [name, k] : cfg.ekinerja) one(name, "ekinerja", k.baseUrl);
    if (cfg.attendance.fingerspot)
      one(cfg.attendance.fingerspot->name, "fingerspot", cfg.attendance.fingerspot->baseUrl);
    if (cfg.attendance.epresensi)
      one(cfg.attendance.epresensi->name, "epresensi", cfg.attendance.epresensi->baseUrl);
    w.EndArray();
  }

  // A row of `runs` as the run list and the run detail both read it.
  struct RunRow {
    long long id = 0, started = 0, finished = 0;
    std::string job, trigger, status, summary, error;
    soci::indicator fi = soci::i_null, si = soci::i_null, ei = soci::i_null;
  };
  static void writeRunFields(Writer& w, const RunRow& r) {
    w.Key("id"), w.Int64(r.id);
    str(w, "job", r.job);
    str(w, "trigger", r.trigger);
    str(w, "status", r.status);
    w.Key("started_at_ms"), w.Int64(r.started);
    if (r.fi == soci::i_ok) w.Key("finished_at_ms"), w.Int64(r.finished);
    if (r.si == soci::i_ok && !r.summary.empty()) {
      w.Key("summary");
      w.RawValue(r.summary.c_str(), r.summary.size(), rapidjson::kObjectType);
    }
    if (r.ei == soci::i_ok && !r.error.empty()) str(w, "error", security::maskIdsInText(r.error));
  }

  // One run with its steps, and its live progress while it runs.
  AdminResponse runOne(const AdminRequest& req) {
    const std::string text = req.params.at("id");
    char* end = nullptr;
    const long long id = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || end == nullptr || *end != '\0' || id <= 0)
      return AdminResponse::error(404, "not_found", "no run with id '" + text + "'");
    rapidjson::StringBuffer sb;
    Writer w(sb);
    std::lock_guard lock(c.storeMutex);
    soci::session& sql = c.store->session();
    RunRow run;
    run.id = id;
    sql << "SELECT job, trigger, status, started_at, finished_at, summary_json, error FROM runs "
           "WHERE id = :id",
        soci::use(id), soci::into(run.job), soci::into(run.trigger), soci::into(run.status),
        soci::into(run.started), soci::into(run.finished, run.fi), soci::into(run.summary, run.si),
        soci::into(run.error, run.ei);
    if (!sql.got_data())
      return AdminResponse::error(404, "not_found", "no run with id " + std::to_string(id));
    w.StartObject();
    w.Key("run");
    w.StartObject();
    writeRunFields(w, run);
    long long started = 0, finished = 0, items = 0;
    std::string step, status, message;
    soci::indicator fi = soci::i_null, mi = soci::i_null;
    w.Key("steps");
    w.StartArray();
    soci::statement st =
        (sql.prepare << "SELECT step, status, started_at, finished_at, items, message FROM "
                        "run_steps WHERE run_id = :id ORDER BY started_at, step",
         soci::use(id), soci::into(step), soci::into(status), soci::into(started),
         soci::into(finished, fi), soci::into(items), soci::into(message, mi));
    st.execute();
    for (int n = 0; n < 1000 && st.fetch(); ++n) {
      w.StartObject();
      str(w, "step", step);
      str(w, "status", status);
      w.Key("started_at_ms"), w.Int64(started);
      if (fi == soci::i_ok) w.Key("finished_at_ms"), w.Int64(finished);
      w.Key("items"), w.Int64(items);
      if (mi == soci::i_ok && !message.empty()) str(w, "detail", security::maskIdsInText(message));
      w.EndObject();
    }
    w.EndArray();
    auto p = c.hooks.progress ? c.hooks.progress() : std::nullopt;
    if (p && p->runId == id) {
      const auto now = std::chrono::steady_clock::now();
      w.Key("progress");
      w.StartObject();
      str(w, "step", p->step);
      w.Key("done"), w.Uint64(p->done);
      w.Key("total"), w.Uint64(p->total);
      w.Key("rate_per_s"), w.Double(p->ratePerSecond(now));
      w.Key("eta_s"), w.Double(p->etaSeconds(now));
      w.EndObject();
    }
    w.EndObject();
    w.EndObject();
    return ok(sb);
  }

  AdminResponse runsList(const AdminRequest& req) {
    rapidjson::StringBuffer sb;
    Writer w(sb);
    std::lock_guard lock(c.storeMutex);
    RunRow r;
    long long limit = static_cast<long long>(limitOf(req, 20));
    soci::statement st =
        (c.store->session().prepare
             << "SELECT id, job, trigger, status, started_at, finished_at, summary_json, error "
                "FROM runs ORDER BY id DESC LIMIT :l",
         soci::use(limit), soci::into(r.id), soci::into(r.job), soci::into(r.trigger),
         soci::into(r.status), soci::into(r.started), soci::into(r.finished, r.fi),
         soci::into(r.summary, r.si), soci::into(r.error, r.ei));
    st.execute();
    w.StartObject();
    w.Key("runs");
    w.StartArray();
    while (st.fetch()) {
      w.StartObject();
      writeRunFields(w, r);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return ok(sb);
  }

  AdminResponse trigger(const AdminRequest& req) {
    const std::string job = req.params.at("job");
    switch (c.hooks.trigger(job)) {
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

  // A token scoped to agencies sees only the entries whose target person is in one of them;
  // an entry whose person cannot be told is shown to unscoped tokens only.
  bool visibleTo(const Principal& who, const std::string& connector, const std::string& target) {
    if (who.agencies.empty()) return true;
    auto employee = lookup::employeeOfRecord(c.store->session(), connector, target);
    return employee && lookup::employeeInAgencies(c.store->session(), *employee, who.agencies);
  }
  // Scoped lists are filtered after reading, so they read more rows than they show.
  static std::size_t readLimit(const Principal& who, std::size_t shown) {
    return who.agencies.empty() ? shown : 10000;
  }

  // Drops the rows `who` may not see, then keeps at most `limit`.
  template <typename Row>
  void keepVisible(std::vector<Row>& rows, const Principal& who, std::size_t limit) {
    std::erase_if(rows, [&](const Row& r) { return !visibleTo(who, r.connector, r.targetKey); });
    if (rows.size() > limit) rows.resize(limit);
  }
  // The fields an outbox entry and a dead letter share.
  template <typename Row>
  static void writeDelivery(Writer& w, const Row& r) {
    w.Key("id"), w.Int64(r.id);
    str(w, "connector", r.connector);
    str(w, "kind", r.kind);
    str(w, "target", security::maskIdsInText(r.targetKey));
    str(w, "status", r.status);
    w.Key("attempts"), w.Int(r.attempts);
  }

  AdminResponse outboxList(const AdminRequest& req, const Principal& who) {
    auto it = req.query.find("status");
    const std::string status = it == req.query.end() ? "pending" : it->second;
    if (status != "pending" && status != "delivering" && status != "delivered" && status != "dead")
      return AdminResponse::error(400, "bad_request",
                                  "status must be pending, delivering, delivered or dead");
    std::lock_guard lock(c.storeMutex);
    store::OutboxStore outbox(*c.store);
    const std::size_t limit = limitOf(req, 100);
    auto rows = outbox.list(status, readLimit(who, limit));
    if (!rows) return AdminResponse::error(500, "internal", rows.error().message);
    keepVisible(*rows, who, limit);
    rapidjson::StringBuffer sb;
    Writer w(sb);
    w.StartObject();
    w.Key("entries");
    w.StartArray();
    for (const auto& e : *rows) {
      w.StartObject();
      writeDelivery(w, e);
      str(w, "natural_key", security::maskIdsInText(e.naturalKey));
      if (!e.lastError.empty()) str(w, "last_error", security::maskIdsInText(e.lastError));
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return ok(sb);
  }

  AdminResponse deadLetters(const AdminRequest& req, const Principal& who) {
    std::lock_guard lock(c.storeMutex);
    store::OutboxStore outbox(*c.store);
    const std::size_t limit = limitOf(req, 100);
    auto rows = outbox.deadLetters(readLimit(who, limit));
    if (!rows) return AdminResponse::error(500, "internal", rows.error().message);
    keepVisible(*rows, who, limit);
    rapidjson::StringBuffer sb;
    Writer w(sb);
    w.StartObject();
    w.Key("dead_letters");
    w.StartArray();
    for (const auto& d : *rows) {
      w.StartObject();
      writeDelivery(w, d);
      str(w, "reason", security::maskIdsInText(d.reason));
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
    std::lock_guard lock(c.storeMutex);
    store::OutboxStore outbox(*c.store);
    if (!who.agencies.empty()) {
      auto all = outbox.deadLetters(readLimit(who, 0));
      if (!all) return AdminResponse::error(500, "internal", all.error().message);
      for (std::int64_t id : ids) {
        auto it = std::find_if(all->begin(), all->end(), [&](const auto& d) { return d.id == id; });
        if (it == all->end() || !visibleTo(who, it->connector, it->targetKey))
          return AdminResponse::error(404, "not_found",
                                      "no dead letter " + std::to_string(id) + " for this token");
      }
    }
    const std::string actor = "operator:" + who.name;
    auto done = replay ? outbox.replay(ids, actor, body["reason"].GetString())
                       : outbox.discard(ids, actor, body["reason"].GetString());
    if (!done) return AdminResponse::error(409, "conflict", done.error().message);
    return AdminResponse::json(200, std::string("{\"") + (replay ? "replayed" : "discarded") +
                                        "\":" + std::to_string(*done) + "}");
  }
};

}  // namespace

Status addOperationsRoutes(admin::AdminRouter& router, AdminContext& ctx) {
  auto self = std::make_shared<OperationsRoutes>(ctx);
  const RouteAccess anyone =
      RouteAccess::forRoles({Role::kOperator, Role::kHelpdesk, Role::kAuditor});
  const RouteAccess operators = RouteAccess::forRoles({Role::kOperator});
  const RouteAccess watchers = RouteAccess::forRoles({Role::kOperator, Role::kAuditor});
  for (Status s :
       {router.add("GET", "/api/v1/status", anyone,
                   [self](const AdminRequest&, const Principal&) { return self->status(); }),
        router.add("GET", "/api/v1/runs", anyone,
                   [self](const AdminRequest&r, const Principal&) { return self->runsList(r); }),
        router.add("GET", "/api/v1/runs/{id}", anyone,
                   [self](const AdminRequest&r, const Principal&) { return self->runOne(r); }),
        router.add("POST", "/api/v1/jobs/{job}/run", operators,
                   [self](const AdminRequest&r, const Principal&) { return self->trigger(r); }),
        router.add(
            "GET", "/api/v1/outbox", watchers,
            [self](const AdminRequest&r, const Principal&p) { return self->outboxList(r, p); }),
        router.add(
            "GET", "/api/v1/dlq", watchers,
            [self](const AdminRequest&r, const Principal&p) { return self->deadLetters(r, p); }),
        router.add("POST", "/api/v1/dlq/replay", operators,
                   [self](const AdminRequest&r, const Principal&p) {
                     return self->handleDeadLetters(r, p, true);
                   }),
        router.add("POST", "/api/v1/dlq/discard", operators,
                   [self](const AdminRequest&r, const Principal&p) {
                     return self->handleDeadLetters(r, p, false);
                   })})
    if (!s) return s;
  return {};
}

}  // namespace sinkron::daemon
