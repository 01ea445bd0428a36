#include "sinkron/connectors/attendance/punch_store_sink.hpp"

#include <rapidjson/document.h>

#include "sinkron/security/masking.hpp"

namespace sinkron::connectors::attendance {
namespace {

Result<Punch> punchFromItem(const PulledItem& item) {
  rapidjson::Document doc;
  doc.Parse(item.json.data(), item.json.size());
  auto text = [&doc](const char* name) -> std::string {
    auto it = doc.FindMember(name);
    return it != doc.MemberEnd() && it->value.IsString()
               ? std::string(it->value.GetString(), it->value.GetStringLength())
               : std::string();
  };
  auto number = [&doc](const char* name) -> std::optional<int> {
    auto it = doc.FindMember(name);
    if (it == doc.MemberEnd() || !it->value.IsInt()) return std::nullopt;
    return it->value.GetInt();
  };
  if (doc.HasParseError() || !doc.IsObject())
    return Error::parse("item " + item.key + ": json is not an object");
  Punch p;
  p.deviceSn = text("cloud_id");
  p.pin = text("pin");
  p.time = text("scan_date");
  p.timeZone = text("time_zone");
  std::optional<int> status = number("status_scan"), verify = number("verify");
  if (p.deviceSn.empty() || p.pin.empty() || !isPunchTime(p.time) || !status || !verify)
    return Error::parse("item " + item.key +
                        ": needs cloud_id, pin, scan_date, status_scan and verify");
  p.status = *status;
  p.verify = *verify;
  p.source = "fingerspot";
  return p;
}

// An e-presensi person-day: a check-in at jam_in and a check-out at jam_out (either may be
// absent), the day status (H, I, S, C, DL, TK) kept in workcode.
Status appendPresensi(const PulledItem& item, const std::string& deviceSn,
                      std::vector<Punch>& out) {
  rapidjson::Document doc;
  doc.Parse(item.json.data(), item.json.size());
  if (doc.HasParseError() || !doc.IsObject())
    return Error::parse("item " + item.key + ": json is not an object");
  auto text = [&doc](const char* name) -> std::string {
    auto it = doc.FindMember(name);
    return it != doc.MemberEnd() && it->value.IsString()
               ? std::string(it->value.GetString(), it->value.GetStringLength())
               : std::string();
  };
  const std::string nip = text("nip"), date = text("tanggal");
  for (auto [field, status] : {std::pair{"jam_in", 0}, {"jam_out", 1}}) {
    std::string clock = text(field);
    if (clock.empty()) continue;
    if (clock.size() == 5) clock += ":00";
    Punch p;
    p.deviceSn = deviceSn;
    p.pin = nip;
    p.time = date + " " + clock;
    p.status = status;
    p.verify = 0;
    p.workcode = text("status");
    p.timeZone = text("time_zone");
    p.source = "epresensi";
    if (nip.empty() || !isPunchTime(p.time))
      return Error::parse("item " + security::maskIdsInText(item.key) + ": " + field +
                          " is not HH:MM:SS on a valid tanggal");
    out.push_back(std::move(p));
  }
  return {};
}

}  // namespace

PunchStoreSink::PunchStoreSink(std::shared_ptr<PunchStore> store, std::string connectorName,
                               std::string stream)
    : store_(std::move(store)), connector_(std::move(connectorName)), stream_(std::move(stream)) {}

Status PunchStoreSink::store(const PullBatch& batch) {
  std::vector<Punch> punches;
  punches.reserve(batch.items.size());
  for (const PulledItem& item : batch.items) {
    if (item.stream == "presensi") {
      if (Status s = appendPresensi(item, connector_, punches); !s) return s;
      continue;
    }
    Result<Punch> punch = punchFromItem(item);
    if (!punch) return punch.error();
    punches.push_back(std::move(*punch));
  }
  Result<StoreStats> stored = store_->storeBatch(
      punches, std::nullopt, CursorUpdate{connector_, stream_, batch.cursorAfter});
  if (!stored) return stored.error();
  totals_.inserted += stored->inserted;
  totals_.duplicates += stored->duplicates;
  return {};
}

}  // namespace sinkron::connectors::attendance
