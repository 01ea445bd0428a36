// The operations routes: status, runs, job triggers, the outbox and the dead-letter queue.
#include <rapidjson/document.h>
#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include "admin_context.hpp"
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
using namespace admin_json;

struct OperationsRoutes {
  AdminContext& c;

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
    std::lock_guard lock(c.storeMutex);
    store::OutboxStore outbox(*c.store);
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
    w.Key("shutting_down"), w.Bool(c.hooks.shuttingDown());
    w.EndObject();
    return ok(sb);
  }

  AdminResponse runsList(const AdminRequest& req) {
    rapidjson::StringBuffer sb;
    Writer w(sb);
    std::lock_guard lock(c.storeMutex);
    long long id = 0, started = 0, finished = 0;
    std::string job, trigger, status, summary, error;
    soci::indicator fi = soci::i_null, si = soci::i_null, ei = soci::i_null;
    long long limit = static_cast<long long>(limitOf(req, 20));
    soci::statement st =
        (c.store->session().prepare
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

  AdminResponse outboxList(const AdminRequest& req) {
    auto it = req.query.find("status");
    const std::string status = it == req.query.end() ? "pending" : it->second;
    if (status != "pending" && status != "delivering" && status != "delivered" && status != "dead")
      return AdminResponse::error(400, "bad_request",
                                  "status must be pending, delivering, delivered or dead");
    std::lock_guard lock(c.storeMutex);
    store::OutboxStore outbox(*c.store);
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
    std::lock_guard lock(c.storeMutex);
    store::OutboxStore outbox(*c.store);
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
    std::lock_guard lock(c.storeMutex);
    store::OutboxStore outbox(*c.store);
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
  auto self = std::make_shared<OperationsRoutes>(OperationsRoutes{ctx});
  const RouteAccess anyone =
      RouteAccess::forRoles({Role::kOperator, Role::kHelpdesk, Role::kAuditor});
  const RouteAccess operators = RouteAccess::forRoles({Role::kOperator});
  const RouteAccess watchers = RouteAccess::forRoles({Role::kOperator, Role::kAuditor});
  for (Status s :
       {router.add("GET", "/api/v1/status", anyone,
                   [self](const AdminRequest&, const Principal&) { return self->status(); }),
        router.add("GET", "/api/v1/runs", anyone,
                   [self](const AdminRequest&r, const Principal&) { return self->runsList(r); }),
        router.add("POST", "/api/v1/jobs/{job}/run", operators,
                   [self](const AdminRequest&r, const Principal&) { return self->trigger(r); }),
        router.add("GET", "/api/v1/outbox", watchers,
                   [self](const AdminRequest&r, const Principal&) { return self->outboxList(r); }),
        router.add("GET", "/api/v1/dlq", watchers,
                   [self](const AdminRequest&r, const Principal&) { return self->deadLetters(r); }),
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
