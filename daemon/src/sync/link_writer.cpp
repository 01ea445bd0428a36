#include "link_writer.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <soci/soci.h>

#include <unordered_map>

#include "../report/report_inputs.hpp"
#include "sinkron/mappings/field.hpp"

namespace sinkron::daemon::sync {
namespace {

struct Row {
  std::string situation, left, right, score, nama;
};

struct MergedRecord {
  std::string json, nip, nama, nik, birthDate;
};

// The employee's record: each field from its owner, the other side's value when the owner has
// none.
MergedRecord merged(const std::string& leftJson, const std::string& rightJson,
                    const OwnershipPolicy& policy) {
  MergedRecord out;
  rapidjson::Document l, r;
  l.Parse(leftJson.c_str());
  r.Parse(rightJson.c_str());
  auto value = [](const rapidjson::Document& d, std::string_view name) -> std::string_view {
    if (d.HasParseError() || !d.IsObject()) return {};
    auto it = d.FindMember(rapidjson::StringRef(name.data(), name.size()));
    if (it == d.MemberEnd() || !it->value.IsString()) return {};
    return {it->value.GetString(), it->value.GetStringLength()};
  };
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  w.StartObject();
  for (std::size_t i = 0; i < mappings::kFieldCount; ++i) {
    std::string_view name = mappings::fieldName(static_cast<mappings::Field>(i));
    std::string_view a = value(l, name), b = value(r, name);
    std::string_view v =
        policy.owner[i] == OwnerSide::kLeft ? (a.empty() ? b : a) : (b.empty() ? a : b);
    if (v.empty()) continue;
    w.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
    w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
    if (i == mappings::index(mappings::Field::kNip)) out.nip = v;
    if (i == mappings::index(mappings::Field::kNama)) out.nama = v;
    if (i == mappings::index(mappings::Field::kNik)) out.nik = v;
    if (i == mappings::index(mappings::Field::kTglLahir)) out.birthDate = v;
  }
  w.EndObject();
  out.json.assign(sb.GetString(), sb.GetSize());
  return out;
}

}  // namespace

Result<LinkStats> writeLinks(store::StateStore& store, const LinkInput& in,
                             std::vector<PlannedConflict>& conflicts) {
  std::vector<Row> rows;
  {
    auto table =
        report::CsvTable::open(in.situationsCsv.parent_path(), in.situationsCsv.filename().string(),
                               {"situation", "left_key", "right_key", "score", "nama"});
    if (!table) return table.error();
    for (;;) {
      Result<bool> more = table->next();
      if (!more) return more.error();
      if (!*more) break;
      rows.push_back({std::string((*table)[0]), std::string((*table)[1]), std::string((*table)[2]),
                      std::string((*table)[3]), std::string((*table)[4])});
    }
  }

  LinkStats stats;
  const bool pg = store.backend() == store::Backend::kPostgreSql;
  Status s = store.transaction("writing identity links", [&](soci::session& sql) -> Status {
    // Existing links of both sources.
    std::unordered_map<std::string, std::int64_t> simpegLinks, siasnLinks;
    {
      std::string connector, key;
      std::int64_t employee = 0;
      soci::statement st = (sql.prepare << "SELECT connector, source_key, employee_id FROM links",
                            soci::into(connector), soci::into(key), soci::into(employee));
      st.execute();
      while (st.fetch()) {
        if (connector == in.simpegConnector) simpegLinks[key] = employee;
        if (connector == in.siasnConnector) siasnLinks[key] = employee;
      }
    }
    const std::int64_t now = store::nowMillis();
    std::string nip, name, nik, birthDate, canonical, leftJson, rightJson, connector, key, stream,
        decision;
    std::int64_t employee = 0;
    double score = 0;
    soci::indicator jsonInd = soci::i_ok;
    std::string json;
    soci::statement readRecord =
        (sql.prepare << "SELECT record_json FROM source_records WHERE connector = :c AND "
                        "stream = :s AND source_key = :k",
         soci::use(connector), soci::use(stream), soci::use(key), soci::into(json, jsonInd));
    soci::statement insertEmployee =
        pg ? (sql.prepare << "INSERT INTO employees (nip, name, nik, birth_date, canonical_json, "
                             "created_at, updated_at) VALUES (:n, :m, :k, :b, :j, :t, :t2) "
                             "RETURNING id",
              soci::use(nip), soci::use(name), soci::use(nik), soci::use(birthDate),
              soci::use(canonical), soci::use(now), soci::use(now), soci::into(employee))
           : (sql.prepare << "INSERT INTO employees (nip, name, nik, birth_date, canonical_json, "
                             "created_at, updated_at) VALUES (:n, :m, :k, :b, :j, :t, :t2)",
              soci::use(nip), soci::use(name), soci::use(nik), soci::use(birthDate),
              soci::use(canonical), soci::use(now), soci::use(now));
    soci::statement updateEmployee =
        (sql.prepare << "UPDATE employees SET nip = :n, name = :m, nik = :k, birth_date = :b, "
                        "canonical_json = :j, updated_at = :t WHERE id = :id",
         soci::use(nip), soci::use(name), soci::use(nik), soci::use(birthDate),
         soci::use(canonical), soci::use(now), soci::use(employee));
    std::string explanation;
    soci::statement upsertLink =
        (sql.prepare << "INSERT INTO links (connector, source_key, employee_id, decision, score, "
                        "explanation, decided_by, updated_at) VALUES (:c, :k, :e, :d, :s, :x, "
                        "'sinkron', :t) ON CONFLICT (connector, source_key) DO UPDATE SET "
                        "employee_id = excluded.employee_id, decision = excluded.decision, "
                        "score = excluded.score, explanation = excluded.explanation, "
                        "updated_at = excluded.updated_at",
         soci::use(connector), soci::use(key), soci::use(employee), soci::use(decision),
         soci::use(score), soci::use(explanation), soci::use(now));
    soci::statement linkRecord =
        (sql.prepare << "UPDATE source_records SET employee_id = :e WHERE connector = :c AND "
                        "stream = :s AND source_key = :k",
         soci::use(employee), soci::use(connector), soci::use(stream), soci::use(key));

    auto recordOf = [&](const std::string& c, const std::string& st, const std::string& k) {
      connector = c, stream = st, key = k;
      json.clear();
      jsonInd = soci::i_null;
      readRecord.execute(true);
      return readRecord.got_data() && jsonInd == soci::i_ok ? json : std::string("{}");
    };
    auto link = [&](const std::string& c, const std::string& st, const std::string& k,
                    const std::string& d) {
      connector = c, stream = st, key = k, decision = d;
      upsertLink.execute(true);
      linkRecord.execute(true);
    };

    for (const Row& row : rows) {
      const bool paired = row.situation == "matched" || row.situation == "matched_with_differences";
      score = row.score.empty() ? 0 : std::atof(row.score.c_str());
      explanation = row.situation;
      auto sides = paired              ? std::vector<int>{0, 1}
                   : row.left.empty()  ? std::vector<int>{1}
                   : row.right.empty() ? std::vector<int>{0}
                                       : std::vector<int>{0, 1};
      if (row.situation == "review") ++stats.review;
      if (row.situation == "duplicate") ++stats.duplicates;
      if (row.situation == "review" || row.situation == "duplicate")
        conflicts.push_back(
            {"identity", in.simpegConnector, row.left, in.siasnConnector, row.right,
             row.situation == "review"
                 ? "possibly the same person (score " + row.score + "): link or keep apart"
                 : "duplicate record of one person: merge in the source"});
      // One employee per side unless the pair is a match.
      for (std::size_t g = 0; g < (paired ? 1u : sides.size()); ++g) {
        const bool withLeft = paired || sides[g] == 0;
        const bool withRight = paired || sides[g] == 1;
        if (withLeft && row.left.empty()) continue;
        if (withRight && !withLeft && row.right.empty()) continue;
        leftJson = withLeft ? recordOf(in.simpegConnector, in.simpegStream, row.left) : "{}";
        rightJson = withRight ? recordOf(in.siasnConnector, in.siasnStream, row.right) : "{}";
        MergedRecord m = merged(leftJson, rightJson, in.policy);
        canonical = std::move(m.json);
        nip = std::move(m.nip);
        name = std::move(m.nama);
        nik = std::move(m.nik);
        birthDate = std::move(m.birthDate);
        std::int64_t existing = 0;
        if (withLeft)
          if (auto it = simpegLinks.find(row.left); it != simpegLinks.end()) existing = it->second;
        if (existing == 0 && withRight)
          if (auto it = siasnLinks.find(row.right); it != siasnLinks.end()) existing = it->second;
        if (existing != 0) {
          employee = existing;
          updateEmployee.execute(true);
        } else {
          insertEmployee.execute(true);
          if (!pg) sql << "SELECT last_insert_rowid()", soci::into(employee);
          ++stats.newEmployees;
        }
        const std::string d = paired ? "match" : row.situation;
        if (withLeft)
          link(in.simpegConnector, in.simpegStream, row.left, d), simpegLinks[row.left] = employee;
        if (withRight)
          link(in.siasnConnector, in.siasnStream, row.right, d), siasnLinks[row.right] = employee;
        ++stats.linked;
      }
    }
    return {};
  });
  if (!s) return s.error();
  return stats;
}

}  // namespace sinkron::daemon::sync
