// The report as JSON for the admin API and `--json`: both languages, identifiers masked.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "sinkron/diagnose/report_render.hpp"
#include "sinkron/security/masking.hpp"

namespace sinkron::diagnose {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void str(JsonWriter& w, const char* key, std::string_view value) {
  w.Key(key);
  const std::string masked = security::maskIdsInText(value);
  w.String(masked.data(), static_cast<rapidjson::SizeType>(masked.size()));
}

void text(JsonWriter& w, const char* key, const Text& t) {
  w.Key(key);
  w.StartObject();
  str(w, "id", t.id);
  str(w, "en", t.en);
  w.EndObject();
}

void system(JsonWriter& w, const SystemPresence& s) {
  w.StartObject();
  str(w, "system", s.system);
  str(w, "connector", s.connector);
  str(w, "stream", s.stream);
  w.Key("found");
  w.Bool(s.found);
  str(w, "source_key", s.sourceKey);
  str(w, "nip", s.nip);
  w.Key("employee_id");
  s.employeeId ? w.Int64(*s.employeeId) : w.Null();
  str(w, "link_decision", s.linkDecision);
  w.Key("link_score");
  s.linkScore ? w.Double(*s.linkScore) : w.Null();
  w.Key("missing_in_source");
  w.Bool(s.missingInSource);
  w.Key("nip_one_digit_off");
  w.Bool(s.nipOneDigitOff);
  w.EndObject();
}

void check(JsonWriter& w, const Check& c) {
  w.StartObject();
  str(w, "code", c.code);
  str(w, "system", c.system);
  str(w, "status", checkStatusName(c.status));
  text(w, "message", c.message);
  text(w, "fix", c.fix);
  w.Key("offered_fixes");
  w.StartArray();
  for (const OfferedFix& f : c.offeredFixes) {
    w.StartObject();
    str(w, "connector", f.connector);
    str(w, "kind", f.kind);
    str(w, "target_key", f.targetKey);
    str(w, "natural_key", f.naturalKey);
    str(w, "json", f.json);
    str(w, "fix_id", f.fixId());
    // "offered" (approve it), or the outbox state of the entry already holding it.
    str(w, "state", f.outboxStatus.empty() ? "offered" : f.outboxStatus);
    w.Key("outbox_id");
    f.outboxId ? w.Int64(f.outboxId) : w.Null();
    w.Key("delivered_at_ms");
    f.deliveredAtMs ? w.Int64(*f.deliveredAtMs) : w.Null();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void push(JsonWriter& w, const PushEntry& p) {
  w.StartObject();
  w.Key("id");
  w.Int64(p.id);
  str(w, "connector", p.connector);
  str(w, "kind", p.kind);
  str(w, "target_key", p.targetKey);
  str(w, "natural_key", p.naturalKey);
  str(w, "status", p.status);
  w.Key("attempts");
  w.Int(p.attempts);
  str(w, "last_error", p.lastError);
  w.EndObject();
}

}  // namespace

std::string toJson(const DiagnoseReport& r) {
  rapidjson::StringBuffer sb;
  JsonWriter w(sb);
  w.StartObject();
  str(w, "query", r.query);
  w.Key("found");
  w.Bool(r.found);
  str(w, "nama", r.nama);
  w.Key("systems");
  w.StartArray();
  for (const auto& s : r.systems) system(w, s);
  w.EndArray();
  w.Key("checks");
  w.StartArray();
  for (const auto& c : r.checks) check(w, c);
  w.EndArray();
  w.Key("pushes");
  w.StartArray();
  for (const auto& p : r.pushes) push(w, p);
  w.EndArray();
  w.Key("notes");
  w.StartArray();
  for (const auto& n : r.notes) {
    w.StartObject();
    str(w, "id", n.id);
    str(w, "en", n.en);
    w.EndObject();
  }
  w.EndArray();
  str(w, "agency", r.agency);
  w.Key("refreshed");
  w.StartArray();
  for (const RefreshedSystem& x : r.refreshed) {
    w.StartObject();
    str(w, "system", x.system);
    str(w, "connector", x.connector);
    w.Key("ok");
    w.Bool(x.ok);
    w.Key("records");
    w.Uint64(x.records);
    str(w, "error", x.error);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return {sb.GetString(), sb.GetSize()};
}

}  // namespace sinkron::diagnose
