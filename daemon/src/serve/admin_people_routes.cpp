// The people routes: conflicts.
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

struct PeopleRoutes {
  AdminContext& c;

  AdminResponse conflictsList(const AdminRequest& req) {
    auto it = req.query.find("status");
    std::string status = it == req.query.end() ? "open" : it->second;
    long long limit = static_cast<long long>(limitOf(req, 100));
    std::lock_guard lock(c.storeMutex);
    long long id = 0, created = 0;
    std::string field, ls, lv, rs, rv, reason;
    soci::indicator lvi = soci::i_null, rvi = soci::i_null, ri = soci::i_null;
    soci::statement st = (c.store->session().prepare
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
    std::lock_guard lock(c.storeMutex);
    bool found = false;
    Status s = c.store->transaction("resolving a conflict", [&](soci::session& sql) -> Status {
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
};

}  // namespace

Status addPeopleRoutes(admin::AdminRouter& router, AdminContext& ctx) {
  auto self = std::make_shared<PeopleRoutes>(PeopleRoutes{ctx});
  const RouteAccess anyone =
      RouteAccess::forRoles({Role::kOperator, Role::kHelpdesk, Role::kAuditor});
  const RouteAccess operators = RouteAccess::forRoles({Role::kOperator});
  for (Status s : {router.add("GET", "/api/v1/conflicts", anyone,
                              [self](const AdminRequest&r, const Principal&) {
                                return self->conflictsList(r);
                              }),
                   router.add("POST", "/api/v1/conflicts/{id}/resolve", operators,
                              [self](const AdminRequest&r, const Principal&p) {
                                return self->resolveConflict(r, p);
                              })})
    if (!s) return s;
  return {};
}

}  // namespace sinkron::daemon
