// The diagnose routes: diagnose one person, and queue a fix diagnose offered once an operator
// approves it.
#include <rapidjson/document.h>
#include <soci/soci.h>

#include "admin_context.hpp"
#include "sinkron/daemon/sync/site_calendar.hpp"
#include "sinkron/diagnose/diagnoser.hpp"
#include "sinkron/diagnose/report_render.hpp"
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

struct DiagnoseRoutes {
  AdminContext& c;

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
    settings.simpegConnector = c.simpegConnector;
    settings.siasnConnector = c.siasnConnector;
    settings.asOf = sync::siteDay(c.timeZone);
    std::lock_guard lock(c.storeMutex);
    diagnose::Diagnoser diagnoser(*c.store, settings);
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
    std::lock_guard lock(c.storeMutex);
    store::EnqueueResult queued;
    Status s = c.store->transaction("queueing an approved fix", [&](soci::session& sql) -> Status {
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
};

}  // namespace

Status addDiagnoseRoutes(admin::AdminRouter& router, AdminContext& ctx) {
  auto self = std::make_shared<DiagnoseRoutes>(DiagnoseRoutes{ctx});
  for (Status s :
       {router.add(
            "GET", "/api/v1/diagnose", RouteAccess::forRoles({Role::kOperator, Role::kHelpdesk}),
            [self](const AdminRequest&r, const Principal&) { return self->diagnosePerson(r); }),
        router.add(
            "POST", "/api/v1/fixes", RouteAccess::forRoles({Role::kOperator}),
            [self](const AdminRequest&r, const Principal&p) { return self->approveFix(r, p); })})
    if (!s) return s;
  return {};
}

}  // namespace sinkron::daemon
