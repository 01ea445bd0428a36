#include "store_lookup.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace sinkron::diagnose::detail {
namespace {

constexpr const char* kRecordColumns =
    "SELECT connector, stream, source_key, record_json, employee_id, "
    "CASE WHEN missing_since IS NULL THEN 0 ELSE 1 END FROM source_records ";

// Reads every row of a prepared statement over kRecordColumns.
class RecordReader {
 public:
  void bind(soci::statement& st) {
    st.exchange(soci::into(row_.connector));
    st.exchange(soci::into(row_.stream));
    st.exchange(soci::into(row_.sourceKey));
    st.exchange(soci::into(row_.json));
    st.exchange(soci::into(employee_, employeeInd_));
    st.exchange(soci::into(missing_));
  }
  std::vector<StoredRecord> readAll(soci::statement& st) {
    std::vector<StoredRecord> out;
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
      StoredRecord r = row_;
      r.employeeId = employeeInd_ == soci::i_ok ? std::optional(employee_) : std::nullopt;
      r.missing = missing_ != 0;
      out.push_back(std::move(r));
    }
    return out;
  }

 private:
  StoredRecord row_;
  long long employee_ = 0;
  soci::indicator employeeInd_ = soci::i_null;
  int missing_ = 0;
};

std::string jsonString(const std::string& value) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  return {sb.GetString(), sb.GetSize()};
}

}  // namespace

std::optional<StoredRecord> recordByKey(soci::session& sql, const std::string& connector,
                                        const std::string& stream, const std::string& key) {
  soci::statement st(sql);
  st.alloc();
  st.prepare(std::string(kRecordColumns) +
             "WHERE connector = :c AND stream = :s AND source_key = :k");
  RecordReader reader;
  reader.bind(st);
  st.exchange(soci::use(connector));
  st.exchange(soci::use(stream));
  st.exchange(soci::use(key));
  auto rows = reader.readAll(st);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::vector<StoredRecord> recordsOfEmployee(soci::session& sql, std::int64_t employeeId) {
  const long long id = employeeId;
  soci::statement st(sql);
  st.alloc();
  st.prepare(std::string(kRecordColumns) + "WHERE employee_id = :e ORDER BY connector, stream");
  RecordReader reader;
  reader.bind(st);
  st.exchange(soci::use(id));
  return reader.readAll(st);
}

std::vector<std::int64_t> employeesByNip(soci::session& sql, const std::string& nip) {
  std::vector<std::int64_t> ids;
  long long id = 0;
  soci::statement st = (sql.prepare << "SELECT id FROM employees WHERE nip = :n ORDER BY id",
                        soci::use(nip), soci::into(id));
  st.execute();
  while (st.fetch()) ids.push_back(id);
  return ids;
}

std::vector<StoredRecord> recordsWithField(soci::session& sql, const std::string& connector,
                                           const std::string& stream, const std::string& field,
                                           const std::string& value) {
  const std::string needle = jsonString(field) + ":" + jsonString(value);
  soci::statement st(sql);
  st.alloc();
  // instr (SQLite) and strpos (PostgreSQL) find the text as is: no LIKE wildcards to escape.
  const bool lite = sql.get_backend_name() == "sqlite3";
  st.prepare(std::string(kRecordColumns) + "WHERE connector = :c AND stream = :s AND " +
             (lite ? "instr" : "strpos") + "(record_json, :n) > 0 ORDER BY source_key");
  RecordReader reader;
  reader.bind(st);
  st.exchange(soci::use(connector));
  st.exchange(soci::use(stream));
  st.exchange(soci::use(needle));
  return reader.readAll(st);
}

std::optional<StoredLink> linkOf(soci::session& sql, const std::string& connector,
                                 const std::string& key) {
  StoredLink link;
  long long employee = 0;
  double score = 0;
  soci::indicator scoreInd = soci::i_null;
  sql << "SELECT decision, score, employee_id FROM links WHERE connector = :c AND "
         "source_key = :k",
      soci::use(connector), soci::use(key), soci::into(link.decision), soci::into(score, scoreInd),
      soci::into(employee);
  if (!sql.got_data()) return std::nullopt;
  if (scoreInd == soci::i_ok) link.score = score;
  link.employeeId = employee;
  return link;
}

std::vector<PushEntry> openPushes(soci::session& sql, const std::string& connector,
                                  const std::string& targetKey) {
  std::vector<PushEntry> out;
  PushEntry row;
  long long id = 0;
  std::string lastError;
  soci::indicator errorInd = soci::i_null;
  soci::statement st =
      (sql.prepare << "SELECT id, connector, kind, target_key, natural_key, status, attempts, "
                      "last_error FROM outbox WHERE connector = :c AND target_key = :t AND "
                      "status <> 'delivered' ORDER BY id",
       soci::use(connector), soci::use(targetKey), soci::into(id), soci::into(row.connector),
       soci::into(row.kind), soci::into(row.targetKey), soci::into(row.naturalKey),
       soci::into(row.status), soci::into(row.attempts), soci::into(lastError, errorInd));
  st.execute();
  while (st.fetch()) {
    row.id = id;
    row.lastError = errorInd == soci::i_ok ? lastError : std::string();
    out.push_back(row);
  }
  return out;
}

std::string rawMember(const std::string& json, const char* name) {
  rapidjson::Document d;
  d.Parse(json.c_str());
  if (d.HasParseError() || !d.IsObject()) return {};
  auto it = d.FindMember(name);
  if (it == d.MemberEnd()) return {};
  if (it->value.IsString()) return it->value.GetString();
  if (it->value.IsUint64()) return std::to_string(it->value.GetUint64());
  if (it->value.IsInt64()) return std::to_string(it->value.GetInt64());
  return {};
}

bool findQueuedFix(soci::session& sql, OfferedFix& fix) {
  long long id = 0, deliveredAt = 0;
  std::string status;
  soci::indicator deliveredInd = soci::i_null;
  sql << "SELECT id, status, delivered_at FROM outbox WHERE connector = :c AND natural_key = :k",
      soci::use(fix.connector), soci::use(fix.naturalKey), soci::into(id), soci::into(status),
      soci::into(deliveredAt, deliveredInd);
  if (!sql.got_data()) return false;
  fix.outboxId = id;
  fix.outboxStatus = status;
  if (deliveredInd == soci::i_ok) fix.deliveredAtMs = deliveredAt;
  return true;
}

}  // namespace sinkron::diagnose::detail
