// The people routes: employee lookup across systems, conflicts (list, resolve → planned push).
// Tokens scoped to agencies see only their agencies' employees and conflicts.
#include <rapidjson/document.h>
#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include "../lookup/conflict_subject.hpp"
#include "../lookup/employee_lookup.hpp"
#include "../sync/resolution_planner.hpp"
#include "admin_context.hpp"
#include "sinkron/security/masking.hpp"
#include "sinkron/store/change_history.hpp"
#include "sinkron/store/outbox_store.hpp"

namespace sinkron::daemon {
namespace {

using namespace admin_json;  // the admin types and the JSON helpers

// Every value as in GET /api/v1/diagnose: 16/18-digit runs (NIK, NIP) masked.
void masked(Writer& w, const char* key, const std::string& value) {
  str(w, key, security::maskIdsInText(value));
}

void writeMatch(Writer& w, const lookup::EmployeeMatch& m) {
  w.StartObject();
  w.Key("employee_id");
  m.employeeId ? w.Int64(*m.employeeId) : w.Null();
  masked(w, "nip", m.nip);
  masked(w, "nama", m.nama);
  str(w, "birth_date", m.birthDate);
  str(w, "unor_id", m.unorId);
  str(w, "unor", m.unor);
  str(w, "status", m.status);
  w.Key("nip_one_digit_off");
  w.Bool(m.nipOneDigitOff);
  w.Key("systems");
  w.StartArray();
  for (const lookup::SystemRecord& r : m.systems) {
    w.StartObject();
    str(w, "system", r.system);
    str(w, "type", r.type);
    str(w, "stream", r.stream);
    masked(w, "key", r.key);
    w.Key("linked");
    w.Bool(r.linked);
    masked(w, "nip", r.nip);
    masked(w, "nama", r.nama);
    if (r.missingSinceMs) w.Key("missing_since_ms"), w.Int64(*r.missingSinceMs);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

struct PeopleRoutes {
  AdminContext& c;

  lookup::LookupSettings lookupSettings(const Principal& who) const {
    lookup::LookupSettings s;
    s.siasnConnector = c.siasnConnector;
    s.agencies = who.agencies;
    if (c.config) {
      for (const auto& [name, cfg] : c.config->simpegRest) s.connectorTypes[name] = "simpeg";
      for (const auto& [name, cfg] : c.config->siasn) s.connectorTypes[name] = "siasn";
      for (const auto& [name, cfg] : c.config->training) s.connectorTypes[name] = "training";
      for (const auto& [name, cfg] : c.config->ekinerja) s.connectorTypes[name] = "ekinerja";
      if (c.config->attendance.fingerspot)
        s.connectorTypes[c.config->attendance.fingerspot->name] = "attendance";
      if (c.config->attendance.epresensi)
        s.connectorTypes[c.config->attendance.epresensi->name] = "attendance";
    }
    s.connectorTypes.emplace(c.simpegConnector, "simpeg");
    s.connectorTypes.emplace(c.siasnConnector, "siasn");
    return s;
  }

  // GET /api/v1/employees?nip=|nik=|name=[&birth_date=][&limit=]
  AdminResponse employees(const AdminRequest& req, const Principal& who) {
    lookup::EmployeeQuery q;
    q.nip = queryValue(req, "nip");
    q.nik = queryValue(req, "nik");
    q.name = queryValue(req, "name");
    q.birthDate = queryValue(req, "birth_date");
    q.limit = limitOf(req, 20);
    const lookup::LookupSettings settings = lookupSettings(who);
    std::lock_guard lock(c.storeMutex);
    auto found = lookup::lookupEmployees(c.store->session(), q, settings);
    if (!found) {
      if (found.error().code == ErrorCode::kInvalidArgument)
        return AdminResponse::error(400, "bad_request", found.error().message);
      spdlog::error("admin: {}", found.error().message);
      return AdminResponse::error(500, "internal", "the store could not be read");
    }
    rapidjson::StringBuffer sb;
    Writer w(sb);
    w.StartObject();
    w.Key("employees");
    w.StartArray();
    for (const lookup::EmployeeMatch& m : *found) writeMatch(w, m);
    w.EndArray();
    w.EndObject();
    return ok(sb);
  }

  AdminResponse conflictsList(const AdminRequest& req, const Principal& who) {
    auto it = req.query.find("status");
    std::string status = it == req.query.end() ? "open" : it->second;
    const std::size_t limit = limitOf(req, 100);
    // A scoped token's rows are filtered after the query: read on, within a bound.
    const long long scan = who.agencies.empty() ? static_cast<long long>(limit) : 100000;
    std::lock_guard lock(c.storeMutex);
    soci::session& sql = c.store->session();
    long long id = 0, created = 0, employee = 0;
    std::string field, ls, lv, rs, rv, reason;
    soci::indicator lvi = soci::i_null, rvi = soci::i_null, ri = soci::i_null, ei = soci::i_null;
    soci::statement st = (sql.prepare << "SELECT id, field, left_source, left_value, "
                                         "right_source, right_value, reason, created_at, "
                                         "employee_id FROM conflicts WHERE status = :s "
                                         "ORDER BY id LIMIT :l",
                          soci::use(status), soci::use(scan), soci::into(id), soci::into(field),
                          soci::into(ls), soci::into(lv, lvi), soci::into(rs), soci::into(rv, rvi),
                          soci::into(reason, ri), soci::into(created), soci::into(employee, ei));
    st.execute();
    struct Row {
      long long id, created;
      std::string field, ls, lv, rs, rv, note;
      lookup::ConflictSides sides;
    };
    std::vector<Row> rows;
    while (st.fetch()) {
      Row r{id,
            created,
            field,
            ls,
            lvi == soci::i_ok ? lv : "",
            rs,
            rvi == soci::i_ok ? rv : "",
            ri == soci::i_ok ? reason : "",
            {}};
      r.sides = {ei == soci::i_ok ? std::optional<std::int64_t>(employee) : std::nullopt, r.ls,
                 r.lv, r.rs, r.rv};
      rows.push_back(std::move(r));
    }
    rapidjson::StringBuffer sb;
    Writer w(sb);
    w.StartObject();
    w.Key("conflicts");
    w.StartArray();
    std::size_t written = 0;
    for (const Row& r : rows) {
      if (written >= limit) break;
      if (!lookup::conflictInAgencies(sql, r.sides, who.agencies)) continue;
      ++written;
      w.StartObject();
      w.Key("id"), w.Int64(r.id);
      str(w, "field", r.field);
      str(w, "left_source", r.ls);
      masked(w, "left_value", r.lv);
      str(w, "right_source", r.rs);
      masked(w, "right_value", r.rv);
      str(w, "note", r.note);
      w.Key("created_at_ms"), w.Int64(r.created);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return ok(sb);
  }

  sync::ResolutionTargets resolutionTargets() const {
    sync::ResolutionTargets t;
    t.simpegConnector = c.simpegConnector;
    t.siasnConnector = c.siasnConnector;
    t.simpegWritable = !c.config || c.config->simpegRest.count(c.simpegConnector) > 0;
    if (c.config)
      for (const std::string& name : {c.simpegConnector, c.siasnConnector})
        if (c.config->sync.push.modeOf(name) == sync::PushMode::kPreview)
          t.previewConnectors.insert(name);
    return t;
  }

  // A person decides: take the left or right value, enter one, or dismiss; with a reason that
  // goes to the change history. The pushes the decision implies are queued in the same
  // transaction.
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
    const sync::ResolutionTargets targets = resolutionTargets();
    std::lock_guard lock(c.storeMutex);
    enum class Outcome {
      kNotFound,
      kForbidden,
      kNotOpen,
      kBadValue,
      kDone
    } outcome = Outcome::kNotFound;
    std::string message, note;
    std::vector<std::int64_t> queued;
    Status s = c.store->transaction("resolving a conflict", [&](soci::session& sql) -> Status {
      sync::ConflictRow row;
      std::string status;
      long long employee = 0;
      soci::indicator fi = soci::i_null, lvi = soci::i_null, rvi = soci::i_null, ei = soci::i_null;
      sql << "SELECT field, status, left_source, left_value, right_source, right_value, "
             "employee_id FROM conflicts WHERE id = :id",
          soci::use(id), soci::into(row.field, fi), soci::into(status), soci::into(row.leftSource),
          soci::into(row.leftValue, lvi), soci::into(row.rightSource),
          soci::into(row.rightValue, rvi), soci::into(employee, ei);
      if (!sql.got_data() || fi != soci::i_ok) return {};
      row.id = id;
      if (lvi != soci::i_ok) row.leftValue.clear();
      if (rvi != soci::i_ok) row.rightValue.clear();
      const lookup::ConflictSides sides{
          ei == soci::i_ok ? std::optional<std::int64_t>(employee) : std::nullopt, row.leftSource,
          row.leftValue, row.rightSource, row.rightValue};
      if (!lookup::conflictInAgencies(sql, sides, who.agencies)) {
        outcome = Outcome::kForbidden;
        return {};
      }
      if (status != "open") {
        outcome = Outcome::kNotOpen;
        message = "conflict " + std::to_string(id) + " is " + status;
        return {};
      }
      Result<sync::ResolutionPlan> plan =
          sync::planResolution(sql, row, resolution, value, targets);
      if (!plan) {
        outcome = Outcome::kBadValue;
        message = plan.error().message;
        return {};
      }
      note = plan->note;
      const std::int64_t now = store::nowMillis();
      const std::string by = "operator:" + who.name, newStatus = "resolved";
      sql << "UPDATE conflicts SET status = :st, resolution = :r, resolved_value = :v, "
             "resolved_by = :b, reason = :why, resolved_at = :t WHERE id = :id",
          soci::use(newStatus), soci::use(resolution), soci::use(plan->chosenValue), soci::use(by),
          soci::use(reason), soci::use(now), soci::use(id);
      for (const sync::PlannedChange& ch : plan->changes) {
        store::NewOutboxEntry e{ch.connector,         ch.change.kind, ch.change.targetKey,
                                ch.change.naturalKey, ch.change.json, 0};
        Result<store::EnqueueResult> r = store::OutboxStore::enqueue(sql, e);
        if (!r) return r.error();
        if (r->created) queued.push_back(r->id);
      }
      store::ChangeEntry h;
      h.actor = by;
      h.entity = "conflict";
      h.entityKey = std::to_string(id);
      h.field = row.field;
      h.oldValue = "open";
      h.newValue = resolution == "value" ? "value: " + security::maskIdsInText(plan->chosenValue)
                                         : resolution;
      if (!plan->changes.empty())
        h.newValue += " (queued " + std::to_string(plan->changes.size()) + " push" +
                      (plan->changes.size() == 1 ? ")" : "es)");
      h.reason = reason;
      outcome = Outcome::kDone;
      return store::ChangeHistory::append(sql, h);
    });
    if (!s) {
      spdlog::error("admin: resolving conflict {}: {}", id, s.error().message);
      return AdminResponse::error(500, "internal", "the resolution could not be stored");
    }
    switch (outcome) {
      case Outcome::kNotFound:
      case Outcome::kForbidden:  // not revealed to a token of another agency
        return AdminResponse::error(404, "not_found", "no conflict " + std::to_string(id));
      case Outcome::kNotOpen:
        return AdminResponse::error(409, "conflict", message);
      case Outcome::kBadValue:
        return AdminResponse::error(400, "bad_request", message);
      case Outcome::kDone:
        break;
    }
    rapidjson::StringBuffer sb;
    Writer w(sb);
    w.StartObject();
    w.Key("resolved"), w.Int64(id);
    w.Key("queued");
    w.StartArray();
    for (std::int64_t q : queued) w.Int64(q);
    w.EndArray();
    if (!note.empty()) masked(w, "note", note);
    w.EndObject();
    return ok(sb);
  }
};

}  // namespace

Status addPeopleRoutes(admin::AdminRouter& router, AdminContext& ctx) {
  auto self = std::make_shared<PeopleRoutes>(PeopleRoutes{ctx});
  const RouteAccess anyone =
      RouteAccess::forRoles({Role::kOperator, Role::kHelpdesk, Role::kAuditor});
  const RouteAccess operators = RouteAccess::forRoles({Role::kOperator});
  for (Status s : {router.add("GET", "/api/v1/employees", anyone,
                              [self](const AdminRequest&r, const Principal&p) {
                                return self->employees(r, p);
                              }),
                   router.add("GET", "/api/v1/conflicts", anyone,
                              [self](const AdminRequest&r, const Principal&p) {
                                return self->conflictsList(r, p);
                              }),
                   router.add("POST", "/api/v1/conflicts/{id}/resolve", operators,
                              [self](const AdminRequest&r, const Principal&p) {
                                return self->resolveConflict(r, p);
                              })})
    if (!s) return s;
  return {};
}

}  // namespace sinkron::daemon
