#include "sinkron/attendance/epresensi_daily_sink.hpp"

#include <rapidjson/document.h>

#include "daily_tables.hpp"
#include "sinkron/attendance/daily_summary.hpp"
#include "sinkron/security/masking.hpp"

namespace sinkron::attendance {
namespace {

Result<EpresensiDay> dayFromItem(const connectors::PulledItem& item) {
  const std::string where = "item " + security::maskIdsInText(item.key);
  rapidjson::Document doc;
  doc.Parse(item.json.data(), item.json.size());
  if (doc.HasParseError() || !doc.IsObject())
    return Error::parse(where + ": json is not an object");
  auto text = [&doc](const char* name) -> std::string {
    auto it = doc.FindMember(name);
    return it != doc.MemberEnd() && it->value.IsString()
               ? std::string(it->value.GetString(), it->value.GetStringLength())
               : std::string();
  };
  EpresensiDay day{text("nip"),     text("tanggal"), text("jam_in"),
                   text("jam_out"), text("status"),  text("lokasi")};
  if (day.jamIn.empty()) day.jamIn = text("jam_masuk");
  if (day.jamOut.empty()) day.jamOut = text("jam_pulang");
  return day;
}

}  // namespace

EpresensiDailySink::EpresensiDailySink(store::StateStore& state, std::string connectorName,
                                       RollupRules rules, std::string stream)
    : state_(state),
      connector_(std::move(connectorName)),
      stream_(std::move(stream)),
      rules_(std::move(rules)) {}

Status EpresensiDailySink::store(const connectors::PullBatch& batch) {
  if (Status s = rules_.validate(); !s)
    return Error::invalid("attendance rules: " + s.error().message);
  std::vector<EpresensiDay> days;
  std::vector<DailyRow> rows;
  days.reserve(batch.items.size());
  rows.reserve(batch.items.size());
  for (const connectors::PulledItem& item : batch.items) {
    if (item.stream != stream_)
      return Error::invalid(connector_ + ": item of stream \"" + item.stream + "\", expected \"" +
                            stream_ + "\"");
    Result<EpresensiDay> day = dayFromItem(item);
    if (!day) return day.error();
    Result<DailyRow> row = dailyFromEpresensi(*day, rules_);
    if (!row) return row.error();
    // Stored with normalised times, as the roll-up will read them back.
    day->jamIn = row->firstIn.value_or("");
    day->jamOut = row->lastOut.value_or("");
    days.push_back(std::move(*day));
    rows.push_back(std::move(*row));
  }
  const std::int64_t now = store::nowMillis();
  Status s = state_.transaction(
      "storing a " + connector_ + "/" + stream_ + " batch", [&](soci::session& sql) -> Status {
        if (!tablesReady_) detail::ensureTables(sql);
        for (std::size_t i = 0; i < days.size(); ++i) {
          detail::upsertEpresensi(sql, days[i], now);
          detail::upsertDaily(sql, rows[i], now);
        }
        return store::StateStore::saveCursor(sql, connector_, stream_, batch.cursorAfter);
      });
  if (!s) return s;
  tablesReady_ = true;
  counts_.rows += days.size();
  ++counts_.batches;
  return {};
}

}  // namespace sinkron::attendance
