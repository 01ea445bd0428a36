#include "sinkron/store/store_pull_sink.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <soci/soci.h>

#include <cstdio>
#include <optional>

namespace sinkron::store {
namespace {

std::string contentHash(std::string_view text) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return out;
}

}  // namespace

std::string canonicalJson(const mappings::EmployeeRecord& record) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  w.StartObject();
  for (std::size_t i = 0; i < mappings::kFieldCount; ++i) {
    auto f = static_cast<mappings::Field>(i);
    if (!record.has(f)) continue;
    std::string_view name = mappings::fieldName(f);
    w.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
    const std::string& v = record.get(f);
    w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
  }
  w.EndObject();
  return {sb.GetString(), sb.GetSize()};
}

StorePullSink::StorePullSink(StateStore& store, std::string connector, std::string stream,
                             std::int64_t runId)
    : store_(store), connector_(std::move(connector)), stream_(std::move(stream)), runId_(runId) {}

Status StorePullSink::store(const connectors::PullBatch& batch) {
  SinkCounts delta;
  Status s = store_.transaction(
      "storing a " + connector_ + "/" + stream_ + " batch", [&](soci::session& sql) -> Status {
        std::string key, json, hash, oldHash;
        std::int64_t now = nowMillis();
        soci::indicator oldInd = soci::i_null;
        soci::statement find = (sql.prepare << "SELECT content_hash FROM source_records WHERE "
                                               "connector = :c AND stream = :s AND source_key = :k",
                                soci::use(connector_), soci::use(stream_), soci::use(key),
                                soci::into(oldHash, oldInd));
        // A side pull leaves last_run alone; its new rows count as seen by the stream's newest run.
        std::optional<soci::statement> upsert, touch;
        if (sidePull_) {
          upsert.emplace(
              (sql.prepare
                   << "INSERT INTO source_records (connector, stream, source_key, content_hash, "
                      "record_json, last_run, missing_since, updated_at) VALUES (:c, :s, :k, :h, "
                      ":j, (SELECT MAX(last_run) FROM source_records WHERE connector = :c2 AND "
                      "stream = :s2), NULL, :t) "
                      "ON CONFLICT (connector, stream, source_key) DO UPDATE SET "
                      "content_hash = excluded.content_hash, record_json = excluded.record_json, "
                      "missing_since = NULL, updated_at = excluded.updated_at",
               soci::use(connector_), soci::use(stream_), soci::use(key), soci::use(hash),
               soci::use(json), soci::use(connector_), soci::use(stream_), soci::use(now)));
          touch.emplace((sql.prepare << "UPDATE source_records SET missing_since = NULL WHERE "
                                        "connector = :c AND stream = :s AND source_key = :k",
                         soci::use(connector_), soci::use(stream_), soci::use(key)));
        } else {
          upsert.emplace(
              (sql.prepare
                   << "INSERT INTO source_records (connector, stream, source_key, content_hash, "
                      "record_json, last_run, missing_since, updated_at) "
                      "VALUES (:c, :s, :k, :h, :j, :r, NULL, :t) "
                      "ON CONFLICT (connector, stream, source_key) DO UPDATE SET "
                      "content_hash = excluded.content_hash, record_json = excluded.record_json, "
                      "last_run = excluded.last_run, missing_since = NULL, "
                      "updated_at = excluded.updated_at",
               soci::use(connector_), soci::use(stream_), soci::use(key), soci::use(hash),
               soci::use(json), soci::use(runId_), soci::use(now)));
          touch.emplace(
              (sql.prepare << "UPDATE source_records SET last_run = :r, missing_since = NULL WHERE "
                              "connector = :c AND stream = :s AND source_key = :k",
               soci::use(runId_), soci::use(connector_), soci::use(stream_), soci::use(key)));
        }
        for (const auto& item : batch.items) {
          key = item.key;
          json = item.record ? canonicalJson(*item.record) : item.json;
          hash = contentHash(json);
          oldInd = soci::i_null;
          find.execute(true);
          bool existed = find.got_data() && oldInd == soci::i_ok;
          if (existed && oldHash == hash) {
            touch->execute(true);
            ++delta.unchanged;
            continue;
          }
          upsert->execute(true);
          ++(existed ? delta.changed : delta.inserted);
        }
        if (sidePull_) return Status{};
        return StateStore::saveCursor(
            sql, connector_, stream_,
            cursorMapper_ ? cursorMapper_(batch.cursorAfter) : batch.cursorAfter);
      });
  if (!s) return s;
  counts_.inserted += delta.inserted;
  counts_.changed += delta.changed;
  counts_.unchanged += delta.unchanged;
  ++counts_.batches;
  return {};
}

}  // namespace sinkron::store
