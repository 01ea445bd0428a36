// The diagnose routes: diagnose one person (optionally re-pulled first), and queue a fix
// diagnose offered once an operator approves it. Tokens scoped to agencies see only people of
// those agencies (the person's SIASN unorId).
#include <rapidjson/document.h>
#include <soci/soci.h>

#include <mutex>
#include <set>

#include "../sync/connector_set.hpp"
#include "../sync/person_refresh.hpp"
#include "admin_context.hpp"
#include "sinkron/daemon/sync/site_calendar.hpp"
#include "sinkron/diagnose/diagnoser.hpp"
#include "sinkron/diagnose/fix_approval.hpp"
#include "sinkron/diagnose/report_render.hpp"
#include "sinkron/security/masking.hpp"

namespace sinkron::daemon {
namespace {

using namespace admin_json;  // the admin types and the JSON helpers

AdminResponse diagnoseError(const Error& e) {
  const bool bad = e.code == ErrorCode::kInvalidArgument;
  return AdminResponse::error(bad ? 400 : 500, bad ? "bad_request" : "internal", e.message);
}

// A scoped token may see a person only when their agency is one of its agencies; a person found
// nowhere reveals nothing and stays visible.
bool outOfScope(const Principal& who, const diagnose::DiagnoseReport& r) {
  return !who.agencies.empty() && r.found && (r.agency.empty() || !who.mayAccessAgency(r.agency));
}

AdminResponse forbidden() {
  return AdminResponse::error(403, "forbidden", "this person is not in this token's agencies");
}

struct DiagnoseRoutes {
  AdminContext& c;
  // A refresh re-pulls over the network: it runs on its own connectors and store session,
  // outside storeMutex, so the other routes answer meanwhile. One refresh at a time.
  std::mutex refreshMutex;
  std::unique_ptr<sync::ConnectorSet> connectors;  // created at the first refresh
  std::unique_ptr<store::StateStore> refreshStore;

  explicit DiagnoseRoutes(AdminContext& ctx) : c(ctx) {}

  diagnose::DiagnoseSettings settings() const {
    diagnose::DiagnoseSettings s;
    s.simpegConnector = c.simpegConnector;
    s.siasnConnector = c.siasnConnector;
    s.asOf = sync::siteDay(c.timeZone);
    return s;
  }

  // Under refreshMutex: re-pulls the person's NIPs into the store through the refresh's own
  // session (the pulls leave the cycle's cursors and last_run alone).
  Result<std::vector<diagnose::RefreshedSystem>> repull(const std::set<std::string>& nips) {
    if (!c.config) return Error::internal("diagnose refresh: the daemon config is not available");
    if (!connectors) {
      auto set = sync::ConnectorSet::create(*c.config);
      if (!set) return Error::io("diagnose refresh: " + set.error().message);
      connectors = std::move(*set);
    }
    if (!refreshStore) {
      auto st = store::StateStore::open(c.config->store);
      if (!st) return Error::io("diagnose refresh: " + st.error().message);
      refreshStore = std::move(*st);
    }
    return sync::refreshPerson(*refreshStore, *connectors, *c.config, nips);
  }

  Result<diagnose::DiagnoseReport> diagnoseStored(const diagnose::DiagnoseQuery& q) {
    std::lock_guard lock(c.storeMutex);
    diagnose::Diagnoser diagnoser(*c.store, settings());
    return diagnoser.diagnose(q);
  }

  AdminResponse diagnosePerson(const AdminRequest& req, const Principal& who) {
    diagnose::DiagnoseQuery q;
    q.nip = queryValue(req, "nip");
    q.nik = queryValue(req, "nik");
    q.name = queryValue(req, "name");
    q.birthDate = queryValue(req, "birth_date");
    const std::string refresh = queryValue(req, "refresh");
    auto report = diagnoseStored(q);
    if (!report) return diagnoseError(report.error());
    // The scope is checked on the stored person before anything is re-pulled for them.
    if (outOfScope(who, *report)) return forbidden();
    if (refresh == "1" || refresh == "true") {
      std::unique_lock busy(refreshMutex, std::try_to_lock);
      if (!busy.owns_lock())
        return AdminResponse::error(503, "busy",
                                    "another diagnose refresh is running; try again shortly");
      auto pulled = repull(sync::nipsToRefresh(q, *report));
      if (!pulled) return diagnoseError(pulled.error());
      report = diagnoseStored(q);
      if (!report) return diagnoseError(report.error());
      sync::addRefreshed(*report, std::move(*pulled));
      if (outOfScope(who, *report)) return forbidden();
    }
    if (queryValue(req, "format") == "text") {
      AdminResponse r;
      r.body = diagnose::toText(
          *report, queryValue(req, "lang") == "en" ? diagnose::Lang::kEn : diagnose::Lang::kId);
      r.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
      return r;
    }
    return AdminResponse::json(200, diagnose::toJson(*report));
  }

  AdminResponse queue(const diagnose::OfferedFix& fix, const std::string& reason,
                      const Principal& who) {
    auto queued = diagnose::approveFix(*c.store, fix, "operator:" + who.name, reason);
    if (!queued) return AdminResponse::error(500, "internal", queued.error().message);
    return AdminResponse::json(queued->created ? 201 : 200,
                               "{\"outbox_id\":" + std::to_string(queued->outboxId) +
                                   ",\"created\":" + (queued->created ? "true" : "false") + "}");
  }

  // An offered fix (from diagnose), approved by an operator: queued like any planned push. Either
  // by reference — the person (nip | nik | name + birth_date) and the fix_id diagnose showed,
  // so masked identifiers never have to be sent back — or spelled out in full.
  AdminResponse approveFix(const AdminRequest& req, const Principal& who) {
    rapidjson::Document b;
    b.Parse(req.body.c_str());
    auto text = [&](const char* k) -> std::string {
      return !b.HasParseError() && b.IsObject() && b.HasMember(k) && b[k].IsString()
                 ? b[k].GetString()
                 : "";
    };
    const std::string reason = text("reason"), fixId = text("fix_id");
    if (!fixId.empty() && !reason.empty()) {
      diagnose::DiagnoseQuery q{text("nip"), text("nik"), text("name"), text("birth_date")};
      std::lock_guard lock(c.storeMutex);
      diagnose::Diagnoser diagnoser(*c.store, settings());
      auto report = diagnoser.diagnose(q);
      if (!report) return diagnoseError(report.error());
      if (outOfScope(who, *report)) return forbidden();
      for (const auto& check : report->checks)
        for (const diagnose::OfferedFix& f : check.offeredFixes)
          if (f.fixId() == fixId) {
            diagnose::OfferedFix fix = f;  // queued afresh: what the report said of the outbox goes
            fix.outboxId = 0;
            fix.outboxStatus.clear();
            fix.deliveredAtMs.reset();
            return queue(fix, reason, who);
          }
      return AdminResponse::error(
          404, "not_found",
          "diagnose offers no fix " + fixId + " for this person now (diagnose again)");
    }
    const std::string connector = text("connector"), kind = text("kind"),
                      target = text("target_key"), key = text("natural_key"),
                      payload = text("json");
    if (connector.empty() || kind.empty() || target.empty() || key.empty() || payload.empty() ||
        reason.empty())
      return AdminResponse::error(400, "bad_request",
                                  "expected {\"nip\"|\"nik\"|\"name\"+\"birth_date\",\"fix_id\","
                                  "\"reason\"} or {\"connector\",\"kind\",\"target_key\","
                                  "\"natural_key\",\"json\",\"reason\"} as diagnose offers");
    if (!who.agencies.empty())
      return AdminResponse::error(403, "forbidden",
                                  "a token scoped to agencies approves fixes by fix_id");
    std::lock_guard lock(c.storeMutex);
    diagnose::OfferedFix fix;
    fix.connector = connector;
    fix.kind = kind;
    fix.targetKey = target;
    fix.naturalKey = key;
    fix.json = payload;
    return queue(fix, reason, who);
  }
};

}  // namespace

Status addDiagnoseRoutes(admin::AdminRouter& router, AdminContext& ctx) {
  auto self = std::make_shared<DiagnoseRoutes>(ctx);
  for (Status s :
       {router.add(
            "GET", "/api/v1/diagnose", RouteAccess::forRoles({Role::kOperator, Role::kHelpdesk}),
            [self](const AdminRequest&r, const Principal&p) { return self->diagnosePerson(r, p); }),
        router.add(
            "POST", "/api/v1/fixes", RouteAccess::forRoles({Role::kOperator}),
            [self](const AdminRequest&r, const Principal&p) { return self->approveFix(r, p); })})
    if (!s) return s;
  return {};
}

}  // namespace sinkron::daemon
