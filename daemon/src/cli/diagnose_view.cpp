#include "diagnose_view.hpp"

#include <fmt/format.h>

#include <string>

#include "display_format.hpp"
#include "messages.hpp"
#include "text_table.hpp"

namespace sinkron::daemon::cli {
namespace {

std::string h(std::string_view key) {
  return std::string(text(key));
}

// {"id": "...", "en": "..."} in the CLI's language.
std::string inLang(const rapidjson::Value& object, const char* key) {
  if (!object.IsObject() || !object.HasMember(key)) return "";
  const auto& t = object[key];
  if (t.IsString()) return t.GetString();
  return jsonText(t, currentLang() == Lang::kId ? "id" : "en");
}

const rapidjson::Value* array(const rapidjson::Value& object, const char* key) {
  if (!object.IsObject() || !object.HasMember(key) || !object[key].IsArray()) return nullptr;
  return &object[key];
}

std::string systemLabel(const std::string& system) {
  return system == "simpeg"  ? "SIMPEG"
         : system == "siasn" ? "SIASN"
         : system.empty()    ? "-"
                             : system;
}

// An offered fix: to approve (with its fix id), or where the outbox has it already.
std::string fixLine(const rapidjson::Value& f) {
  const std::string state = jsonText(f, "state");
  const std::string what =
      jsonText(f, "connector") + " " + jsonText(f, "kind") + " " + jsonText(f, "json");
  if (state == "offered" || state.empty())
    return say("diagnose.fix_offered", jsonText(f, "fix_id"), what);
  return say("diagnose.fix_in_outbox", jsonText(f, "outbox_id"), statusWord(state), what);
}

}  // namespace

bool diagnosisFailed(const rapidjson::Value& report) {
  if (!jsonBool(report, "found")) return true;
  if (const auto* checks = array(report, "checks"))
    for (const auto& c : checks->GetArray())
      if (jsonText(c, "status") == "FAIL") return true;
  return false;
}

void printDiagnosis(const rapidjson::Value& r) {
  std::string head = say("diagnose.head", jsonText(r, "query"));
  if (std::string nama = jsonText(r, "nama"); !nama.empty()) head += " · " + nama;
  fmt::print("{}\n", head);
  if (!jsonBool(r, "found")) fmt::print("{}\n", h("diagnose.not_found"));
  if (const auto* systems = array(r, "systems"); systems && !systems->Empty()) {
    TextTable t({h("col.system"), h("col.found"), h("col.key"), h("col.nip"), h("col.link"),
                 h("col.employee")});
    for (const auto& s : systems->GetArray()) {
      std::string nip = jsonText(s, "nip");
      if (jsonBool(s, "nip_one_digit_off")) nip += " (!)";
      std::string link = jsonText(s, "link_decision");
      if (auto score = jsonNumber(s, "link_score")) link += fmt::format(" {:.2f}", *score);
      auto employee = jsonInt(s, "employee_id");
      t.add({systemLabel(jsonText(s, "system")), yesNo(jsonBool(s, "found")),
             jsonText(s, "source_key"), nip, link,
             employee ? "#" + std::to_string(*employee) : "-"});
    }
    fmt::print("\n");
    t.print();
  }
  if (const auto* checks = array(r, "checks"); checks && !checks->Empty()) {
    TextTable t({h("col.status"), h("col.system"), h("col.check"), h("col.finding")});
    for (const auto& c : checks->GetArray()) {
      t.add({jsonText(c, "status"), systemLabel(jsonText(c, "system")), jsonText(c, "code"),
             inLang(c, "message")});
      if (std::string fix = inLang(c, "fix"); !fix.empty())
        t.add({"", "", "", say("diagnose.fix", fix)});
      if (const auto* fixes = array(c, "offered_fixes"))
        for (const auto& f : fixes->GetArray()) t.add({"", "", "", fixLine(f)});
    }
    fmt::print("\n");
    t.print();
  }
  if (const auto* pushes = array(r, "pushes"); pushes && !pushes->Empty()) {
    fmt::print("\n{}\n", h("diagnose.pushes"));
    for (const auto& p : pushes->GetArray()) {
      std::string error = jsonText(p, "last_error");
      fmt::print("  #{} {} {} {} {}{}\n", jsonText(p, "id"), jsonText(p, "connector"),
                 jsonText(p, "kind"), jsonText(p, "target_key"), jsonText(p, "status"),
                 error.empty() ? "" : ": " + error);
    }
  }
  if (const auto* refreshed = array(r, "refreshed"); refreshed && !refreshed->Empty()) {
    fmt::print("\n{}\n", h("diagnose.refreshed"));
    for (const auto& x : refreshed->GetArray())
      fmt::print("  {}\n", jsonBool(x, "ok") ? say("diagnose.refresh_ok", jsonText(x, "connector"),
                                                   jsonText(x, "records"))
                                             : say("diagnose.refresh_failed",
                                                   jsonText(x, "connector"), jsonText(x, "error")));
  }
  if (const auto* notes = array(r, "notes"))
    for (const auto& n : notes->GetArray())
      fmt::print("\n{}\n", jsonText(n, currentLang() == Lang::kId ? "id" : "en"));
}

}  // namespace sinkron::daemon::cli
