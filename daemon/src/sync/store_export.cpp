#include "store_export.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <soci/soci.h>

#include <fstream>

#include "sinkron/mappings/field.hpp"

namespace sinkron::daemon::sync {

Result<ExportedSource> exportStream(store::StateStore& store, const std::string& connector,
                                    const std::string& stream, const std::string& sourceName,
                                    const std::filesystem::path& dir) {
  ExportedSource out;
  out.records = dir / (sourceName + ".jsonl");
  out.mapping = dir / (sourceName + ".mapping.yaml");
  {
    std::ofstream m(out.mapping);
    m << "# generated: the store's canonical records of " << connector << "/" << stream << "\n"
      << "source: " << sourceName << "\nformat: json\nkey: _key\nfields:\n";
    for (std::size_t i = 0; i < mappings::kFieldCount; ++i) {
      std::string_view name = mappings::fieldName(static_cast<mappings::Field>(i));
      m << "  " << name << ": { from: " << name << " }\n";
    }
    if (!m) return Error::io("cannot write " + out.mapping.string());
  }
  std::ofstream f(out.records, std::ios::binary | std::ios::trunc);
  if (!f) return Error::io("cannot write " + out.records.string());
  try {
    soci::session& sql = store.session();
    std::string key, json;
    soci::statement st =
        (sql.prepare << "SELECT source_key, record_json FROM source_records "
                        "WHERE connector = :c AND stream = :s AND "
                        "missing_since IS NULL ORDER BY source_key",
         soci::use(connector), soci::use(stream), soci::into(key), soci::into(json));
    st.execute();
    rapidjson::StringBuffer sb;
    while (st.fetch()) {
      sb.Clear();
      rapidjson::Writer<rapidjson::StringBuffer> w(sb);
      w.String(key.data(), static_cast<rapidjson::SizeType>(key.size()));
      f << "{\"_key\":" << sb.GetString();
      if (json.size() > 2)
        f << ',' << std::string_view(json).substr(1);
      else
        f << '}';
      f << '\n';
      ++out.count;
    }
  } catch (const std::exception& e) {
    return Error::io("reading " + connector + "/" + stream + " from the store: " + e.what());
  }
  f.close();
  if (!f) return Error::io("writing " + out.records.string() + " failed");
  return out;
}

Result<std::vector<std::string>> storedFieldValues(store::StateStore& store,
                                                   const std::string& connector,
                                                   const std::string& stream,
                                                   std::string_view field) {
  std::vector<std::string> values;
  // Canonical records are compact RapidJSON text ({"nip":"...",...}): the value follows the key
  // directly; one with escapes is parsed properly.
  std::string needle(1, '"');
  needle.append(field).append("\":\"");
  try {
    std::string json;
    soci::statement st =
        (store.session().prepare << "SELECT record_json FROM source_records WHERE connector = :c "
                                    "AND stream = :s AND missing_since IS NULL",
         soci::use(connector), soci::use(stream), soci::into(json));
    st.execute();
    rapidjson::Document d;
    while (st.fetch()) {
      auto at = json.find(needle);
      if (at == std::string::npos) continue;
      const std::size_t begin = at + needle.size();
      const std::size_t end = json.find('"', begin);
      if (end == std::string::npos || end == begin) continue;
      if (json.find('\\', begin) < end) {
        d.Parse(json.c_str());
        auto it = d.IsObject() ? d.FindMember(rapidjson::StringRef(field.data(), field.size()))
                               : d.MemberEnd();
        if (!d.HasParseError() && it != d.MemberEnd() && it->value.IsString())
          values.emplace_back(it->value.GetString(), it->value.GetStringLength());
        continue;
      }
      values.push_back(json.substr(begin, end - begin));
    }
  } catch (const std::exception& e) {
    return Error::io("reading " + connector + "/" + stream + " from the store: " + e.what());
  }
  return values;
}

}  // namespace sinkron::daemon::sync
