#include "resolution_planner.hpp"

#include "planners.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

namespace sinkron::daemon::sync {
namespace {

// The difference planner writes each side of a field conflict as "<source key>=<value>".
struct Side {
  std::string key, value;
  bool ok = false;
};

Side sideOf(const std::string& text) {
  const auto at = text.find('=');
  if (at == std::string::npos || at == 0) return {};
  return {text.substr(0, at), text.substr(at + 1), true};
}

std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

bool digits(const std::string& s, std::size_t n) {
  return s.size() == n &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// SIMPEG PATCH pegawai body field per canonical field (the difference planner's names, plus
// contact fields the SIMPEG REST API takes).
const char* simpegField(const std::string& field) {
  if (field == "nip") return "nip_baru";
  if (field == "nip_lama") return "nip_lama";
  if (field == "person_id") return "no_ref_bkn";
  if (field == "email") return "email";
  if (field == "phone") return "no_hp";
  return nullptr;
}

// SIASN data-utama-update body field per canonical field.
const char* siasnField(const std::string& field) {
  if (field == "email") return "email";
  if (field == "phone") return "nomor_hp";
  return nullptr;
}

Status checkValue(const std::string& field, const std::string& v) {
  if (field == "nip" && !digits(v, 18)) return Error::invalid("a NIP must be 18 digits");
  if (field == "nip_lama" && !digits(v, 9)) return Error::invalid("an old NIP must be 9 digits");
  if (field == "email" && (v.find('@') == std::string::npos || v.find(' ') != std::string::npos))
    return Error::invalid("not an email address");
  if (field == "phone" &&
      !std::all_of(v.begin(), v.end(), [](char c) { return (c >= '0' && c <= '9') || c == '+'; }))
    return Error::invalid("a phone number is digits (and a leading +)");
  return {};
}

std::string siasnPersonId(soci::session& sql, const std::string& siasn, const std::string& nip) {
  std::string json, stream = "data-utama";
  soci::indicator ji = soci::i_null;
  sql << "SELECT record_json FROM source_records WHERE connector = :c AND stream = :s AND "
         "source_key = :k",
      soci::use(siasn), soci::use(stream), soci::use(nip), soci::into(json, ji);
  if (!sql.got_data() || ji != soci::i_ok) return {};
  rapidjson::Document d;
  d.Parse(json.c_str());
  if (d.HasParseError() || !d.IsObject() || !d.HasMember("person_id") || !d["person_id"].IsString())
    return {};
  return d["person_id"].GetString();
}

void addNote(std::string& note, const std::string& text) {
  note += (note.empty() ? "" : "; ") + text;
}

}  // namespace

Result<ResolutionPlan> planResolution(soci::session& sql, const ConflictRow& c,
                                      const std::string& resolution, const std::string& value,
                                      const ResolutionTargets& t) {
  ResolutionPlan plan;
  if (resolution == "dismiss") {
    plan.note = "dismissed: nothing to push";
    return plan;
  }
  const Side left = sideOf(c.leftValue), right = sideOf(c.rightValue);
  const bool fieldConflict =
      c.leftSource == t.simpegConnector && c.rightSource == t.siasnConnector && left.ok && right.ok;
  plan.chosenValue = resolution == "left"    ? (fieldConflict ? left.value : c.leftValue)
                     : resolution == "right" ? (fieldConflict ? right.value : c.rightValue)
                                             : trimmed(value);
  if (!fieldConflict) {
    plan.note = "a " + c.field + " conflict has no push route: the decision is recorded";
    return plan;
  }
  if (resolution == "value")
    if (Status s = checkValue(c.field, plan.chosenValue); !s)
      return Error::invalid(c.field + " value: " + s.error().message);
  if (plan.chosenValue.empty()) {
    plan.note = "the chosen side has no value: nothing to push";
    return plan;
  }
  const char* toSimpeg = simpegField(c.field);
  const char* toSiasn = siasnField(c.field);
  if (toSimpeg == nullptr && toSiasn == nullptr) {
    plan.note = "no API route writes " + c.field +
                " (SIMPEG PATCH pegawai: nip, nip_lama, person_id, email, phone; SIASN "
                "data-utama-update: email, phone): the decision is recorded, correct it in the "
                "source system";
    return plan;
  }
  const std::string why = "conflict " + std::to_string(c.id) + " resolved (" + resolution + ")";
  if (left.value != plan.chosenValue) {
    if (toSimpeg == nullptr || !t.simpegWritable) {
      addNote(plan.note, "SIMPEG has no API route for " + c.field);
    } else if (t.previewConnectors.count(t.simpegConnector)) {
      addNote(plan.note, t.simpegConnector + " is in preview mode: not queued");
    } else {
      PlannedChange ch;
      ch.connector = t.simpegConnector;
      ch.change.kind = "pegawai-patch";
      ch.change.targetKey = left.key;
      ch.change.naturalKey = "pegawai|" + left.key + "|" + toSimpeg + "=" + plan.chosenValue;
      ch.change.json = jsonObject({{toSimpeg, plan.chosenValue}});
      ch.reason = why;
      plan.changes.push_back(std::move(ch));
    }
  }
  if (right.value != plan.chosenValue) {
    const std::string pid = toSiasn ? siasnPersonId(sql, t.siasnConnector, right.key) : "";
    if (toSiasn == nullptr) {
      addNote(plan.note, "SIASN has no API route for " + c.field);
    } else if (pid.empty()) {
      addNote(plan.note, "the SIASN person id of this record is not known: SIASN not queued");
    } else if (t.previewConnectors.count(t.siasnConnector)) {
      addNote(plan.note, t.siasnConnector + " is in preview mode: not queued");
    } else {
      PlannedChange ch;
      ch.connector = t.siasnConnector;
      ch.change.kind = "data-utama-update";
      ch.change.targetKey = right.key;
      ch.change.naturalKey =
          std::string("data-utama-update|") + pid + "|" + toSiasn + "=" + plan.chosenValue;
      ch.change.json = jsonObject({{"pns_orang_id", pid}, {toSiasn, plan.chosenValue}});
      ch.reason = why;
      plan.changes.push_back(std::move(ch));
    }
  }
  return plan;
}

}  // namespace sinkron::daemon::sync
