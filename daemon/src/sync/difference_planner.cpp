#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <soci/soci.h>

#include "../report/report_inputs.hpp"
#include "planners.hpp"

namespace sinkron::daemon::sync {

std::string jsonObject(std::initializer_list<std::pair<std::string_view, std::string_view>> kv) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  w.StartObject();
  for (const auto& [k, v] : kv) {
    w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
    w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
  }
  w.EndObject();
  return {sb.GetString(), sb.GetSize()};
}

namespace {

std::string text(const rapidjson::Value& o, const char* name) {
  auto it = o.FindMember(name);
  return it != o.MemberEnd() && it->value.IsString() ? it->value.GetString() : std::string();
}

}  // namespace

Result<std::unordered_map<std::string, SiasnPerson>> loadSiasnPeople(store::StateStore& store,
                                                                     const std::string& siasn) {
  std::unordered_map<std::string, SiasnPerson> people;
  try {
    soci::session& sql = store.session();
    std::string key, json, stream = "data-utama";
    soci::statement st = (sql.prepare << "SELECT source_key, record_json FROM source_records "
                                         "WHERE connector = :c AND stream = :s AND "
                                         "missing_since IS NULL",
                          soci::use(siasn), soci::use(stream), soci::into(key), soci::into(json));
    st.execute();
    rapidjson::Document d;
    while (st.fetch()) {
      d.Parse(json.c_str());
      if (d.HasParseError() || !d.IsObject()) continue;
      SiasnPerson p{text(d, "nip"), text(d, "person_id"), text(d, "nama"), text(d, "nik")};
      if (p.nip.empty()) p.nip = key;
      people.emplace(p.nip, std::move(p));
    }
  } catch (const std::exception& e) {
    return Error::io(std::string("reading SIASN people from the store: ") + e.what());
  }
  return people;
}

Status planDifferences(const DifferencePlanInput& in,
                       const std::unordered_map<std::string, SiasnPerson>& people, PushPlan& plan) {
  const auto dir = in.differencesCsv.parent_path();
  auto table = report::CsvTable::open(
      dir, in.differencesCsv.filename().string(),
      {"left_key", "right_key", "field", "left_value", "right_value", "owner"});
  if (!table) return table.error();
  for (;;) {
    Result<bool> more = table->next();
    if (!more) return more.error();
    if (!*more) break;
    const std::string leftKey((*table)[0]), rightKey((*table)[1]), field((*table)[2]);
    const std::string leftValue((*table)[3]), rightValue((*table)[4]), owner((*table)[5]);
    const bool simpegOwns = owner == in.simpegSource;
    const std::string& ownerValue = simpegOwns ? leftValue : rightValue;
    if (ownerValue.empty()) {
      plan.conflicts.push_back({field, in.simpegConnector, leftKey + "=" + leftValue,
                                in.siasnConnector, rightKey + "=" + rightValue,
                                field + " owned by " + owner + ", which has no value"});
      continue;
    }
    if (simpegOwns && in.contactUpdates && (field == "email" || field == "phone")) {
      auto person = people.find(rightKey);
      if (person == people.end() || person->second.personId.empty()) {
        ++plan.differencesWithoutRoute;
        continue;
      }
      const std::string& pid = person->second.personId;
      const char* bodyField = field == "email" ? "email" : "nomor_hp";
      PlannedChange c;
      c.connector = in.siasnConnector;
      c.change.kind = "data-utama-update";
      c.change.targetKey = rightKey;
      c.change.naturalKey = "data-utama-update|" + pid + "|" + bodyField + "=" + leftValue;
      c.change.json = jsonObject({{"pns_orang_id", pid}, {bodyField, leftValue}});
      c.reason = field + " owned by " + owner;
      plan.changes.push_back(std::move(c));
      ++plan.byKind["data-utama-update"];
      continue;
    }
    if (!simpegOwns && (field == "nip" || field == "nip_lama" || field == "person_id")) {
      const char* bodyField = field == "nip"        ? "nip_baru"
                              : field == "nip_lama" ? "nip_lama"
                                                    : "no_ref_bkn";
      PlannedChange c;
      c.connector = in.simpegConnector;
      c.change.kind = "pegawai-patch";
      c.change.targetKey = leftKey;
      c.change.naturalKey = "pegawai|" + leftKey + "|" + bodyField + "=" + rightValue;
      c.change.json = jsonObject({{bodyField, rightValue}});
      c.reason = field + " owned by " + owner;
      plan.changes.push_back(std::move(c));
      ++plan.byKind["pegawai-patch"];
      continue;
    }
    ++plan.differencesWithoutRoute;
  }
  return {};
}

}  // namespace sinkron::daemon::sync
