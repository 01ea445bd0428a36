// The Fingerspot-style cloud pull: date range -> windows of at most 2 days -> one get_attlog call
// per cloud id per window -> one PullBatch per window, cursor = the window's last day.
#include "sinkron/connectors/attendance/fingerspot_connector.hpp"

#include <algorithm>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <spdlog/spdlog.h>

#include "sinkron/connectors/attendance/adms_config.hpp"
#include "sinkron/connectors/attendance/punch.hpp"
#include "sinkron/mappings/civil_date.hpp"
#include "sinkron/security/masking.hpp"

namespace sinkron::connectors::attendance {
namespace {

using mappings::CivilDate;
using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

constexpr int kMaxWindowDays = 2;  // the cloud refuses longer ranges

// A string member, or a number as its text; "" when absent. `alternative` covers field drift.
std::string textMember(const rapidjson::Value& object, const char* name, const char* alternative) {
  for (const char* key : {name, alternative}) {
    if (key == nullptr) continue;
    auto it = object.FindMember(key);
    if (it == object.MemberEnd()) continue;
    if (it->value.IsString()) return {it->value.GetString(), it->value.GetStringLength()};
    if (it->value.IsInt64()) return std::to_string(it->value.GetInt64());
  }
  return "";
}

std::optional<int> intMember(const rapidjson::Value& object, const char* name,
                             const char* alternative) {
  std::string text = textMember(object, name, alternative);
  if (text.empty() || text.size() > 4 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stoi(text);
}

Result<CivilDate> dateParam(const PullRequest& request, const char* name) {
  auto it = request.params.find(name);
  if (it == request.params.end() || it->second.empty())
    return Error::invalid(std::string("attlog: parameter ") + name + " (yyyy-mm-dd) is required");
  std::optional<CivilDate> date = mappings::parseIsoDate(it->second);
  if (!date || !date->valid())
    return Error::invalid(std::string("attlog: parameter ") + name + ": \"" + it->second +
                          "\" is not a yyyy-mm-dd date");
  return *date;
}

}  // namespace

Status FingerspotConfig::validate() const {
  if (name.empty()) return Error::invalid("name: must not be empty");
  if (baseUrl.rfind("http://", 0) != 0 && baseUrl.rfind("https://", 0) != 0)
    return Error::invalid("base_url: \"" + baseUrl + "\" must start with http:// or https://");
  if (!baseUrl.empty() && baseUrl.back() == '/')
    return Error::invalid("base_url: no trailing '/' (\"" + baseUrl + "\")");
  if (attlogPath.empty() || attlogPath.front() != '/')
    return Error::invalid("attlog_path: must start with '/'");
  if (allPinPath.empty() || allPinPath.front() != '/')
    return Error::invalid("all_pin_path: must start with '/'");
  if (token.empty()) return Error::invalid("token: the API token is required");
  if (cloudIds.empty()) return Error::invalid("cloud_ids: at least one cloud id is required");
  for (const std::string& id : cloudIds)
    if (id.empty()) return Error::invalid("cloud_ids: an empty cloud id");
  if (!isIndonesianTimeZone(timeZone))
    return Error::invalid("time_zone: \"" + timeZone + "\" is not an Indonesian IANA zone");
  if (windowDays < 1 || windowDays > kMaxWindowDays)
    return Error::invalid("window_days: " + std::to_string(windowDays) +
                          " is not within 1..2 (the cloud answers at most 2 days per call)");
  return {};
}

Result<std::unique_ptr<FingerspotConnector>> FingerspotConnector::create(FingerspotConfig config) {
  if (Status s = config.validate(); !s)
    return Error::invalid("fingerspot " + config.name + ": " + s.error().message);
  http::ClientOptions options = config.client;
  options.name = config.name;
  if (!config.caFile.empty()) options.tls.caFile = config.caFile;
  auto client = http::HttpClient::create(std::move(options));
  if (!client) return client.error();
  auto token = auth::staticTokenSource(config.token);
  return std::make_unique<FingerspotConnector>(std::move(config), std::move(*client),
                                               std::move(token));
}

FingerspotConnector::FingerspotConnector(FingerspotConfig config,
                                         std::shared_ptr<http::HttpClient> client,
                                         std::shared_ptr<auth::TokenSource> token)
    : config_(std::move(config)), client_(std::move(client)), token_(std::move(token)) {}

Result<http::Response> FingerspotConnector::post(const std::string& path, const std::string& body,
                                                 const std::string& label) {
  http::Request request;
  request.method = "POST";
  request.url = config_.baseUrl + path;
  request.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
  request.body = body;
  request.idempotent = true;  // a read, even though it is a POST
  request.label = label;
  return auth::sendAuthorizedBlocking(*client_, {auth::TokenBinding{token_}}, std::move(request));
}

Status FingerspotConnector::testConnection() {
  rapidjson::StringBuffer out;
  JsonWriter w(out);
  w.StartObject();
  w.Key("trans_id");
  w.String("1");
  w.Key("cloud_id");
  w.String(config_.cloudIds.front());
  w.EndObject();
  auto answer = post(config_.allPinPath, out.GetString(), config_.name + " get_all_pin");
  if (!answer) return answer.error();
  rapidjson::Document doc;
  doc.Parse(answer->body.data(), answer->body.size());
  if (doc.HasParseError() || !doc.IsObject())
    return Error::parse("POST " + config_.baseUrl + config_.allPinPath + ": answer is not JSON");
  if (!doc.HasMember("success") || !doc["success"].IsBool() || !doc["success"].GetBool())
    return Error::rejected(
        "POST " + config_.baseUrl + config_.allPinPath + ": " + textMember(doc, "message", nullptr),
        answer->status);
  return {};
}

Result<std::vector<PulledItem>> FingerspotConnector::window(const std::string& cloudId,
                                                            const std::string& start,
                                                            const std::string& end) {
  const std::string url = config_.baseUrl + config_.attlogPath;
  rapidjson::StringBuffer out;
  JsonWriter w(out);
  w.StartObject();
  w.Key("trans_id");
  w.String(std::to_string(++calls_));
  w.Key("cloud_id");
  w.String(cloudId);
  w.Key("start_date");
  w.String(start);
  w.Key("end_date");
  w.String(end);
  w.EndObject();
  auto answer = post(config_.attlogPath, out.GetString(), config_.name + " get_attlog");
  if (!answer) return answer.error();
  const std::string where =
      "POST " + url + " (cloud_id " + cloudId + ", " + start + ".." + end + ")";
  rapidjson::Document doc;
  doc.Parse(answer->body.data(), answer->body.size());
  if (doc.HasParseError() || !doc.IsObject())
    return Error::parse(where + ": answer is not a JSON object");
  auto success = doc.FindMember("success");
  if (success == doc.MemberEnd() || !success->value.IsBool())
    return Error::parse(where + ": answer has no boolean 'success'");
  if (!success->value.GetBool())
    return Error::rejected(
        where + ": " + security::maskIdsInText(textMember(doc, "message", nullptr)),
        answer->status);
  auto data = doc.FindMember("data");
  if (data == doc.MemberEnd() || !data->value.IsArray())
    return Error::parse(where + ": answer has no 'data' array");
  std::vector<PulledItem> items;
  items.reserve(data->value.Size());
  rapidjson::SizeType index = 0;
  for (const rapidjson::Value& row : data->value.GetArray()) {
    const std::string at = where + ": data[" + std::to_string(index++) + "]";
    if (!row.IsObject()) return Error::parse(at + ": not an object");
    std::string pin = textMember(row, "pin", nullptr);
    std::string time = textMember(row, "scan_date", "scandate");  // drift seen in the wild
    std::optional<int> verify = intMember(row, "verify", nullptr);
    std::optional<int> status = intMember(row, "status_scan", "status");
    if (pin.empty()) return Error::parse(at + ".pin: missing");
    if (!isPunchTime(time))
      return Error::parse(at + ".scan_date: \"" + time + "\" is not YYYY-MM-DD HH:MM:SS");
    if (!verify || !status) return Error::parse(at + ": verify or status_scan is not a number");
    rapidjson::StringBuffer itemJson;
    JsonWriter iw(itemJson);
    iw.StartObject();
    iw.Key("cloud_id");
    iw.String(cloudId);
    iw.Key("pin");
    iw.String(pin);
    iw.Key("scan_date");
    iw.String(time);
    iw.Key("verify");
    iw.Int(*verify);
    iw.Key("status_scan");
    iw.Int(*status);
    iw.Key("time_zone");
    iw.String(config_.timeZone);
    iw.EndObject();
    PulledItem item;
    item.stream = "attlog";
    item.key = cloudId + "|" + pin + "|" + time;
    item.json = itemJson.GetString();
    items.push_back(std::move(item));
  }
  return items;
}

Result<PullStats> FingerspotConnector::pull(const PullRequest& request, PullSink& sink) {
  if (request.stream != "attlog")
    return Error::invalid(config_.name + ": unknown stream \"" + request.stream +
                          "\" (streams: attlog)");
  Result<CivilDate> start = dateParam(request, "start_date");
  if (!start) return start.error();
  Result<CivilDate> end = dateParam(request, "end_date");
  if (!end) return end.error();
  if (*end < *start)
    return Error::invalid("attlog: end_date " + end->iso() + " is before start_date " +
                          start->iso());
  PullStats stats;
  stats.cursor = request.cursor;
  std::int32_t from = start->toDays();
  if (!request.cursor.empty()) {
    std::optional<CivilDate> stored = mappings::parseIsoDate(request.cursor);
    if (!stored || !stored->valid())
      return Error::invalid("attlog: cursor \"" + request.cursor + "\" is not a yyyy-mm-dd date");
    from = std::max(from, stored->toDays() + 1);
  }
  const std::int32_t last = end->toDays();
  const int maxWindows = (last - from) / config_.windowDays + 2;  // a bound for the loop
  for (int n = 0; n < maxWindows && from <= last; ++n) {
    const std::int32_t to = std::min(last, from + config_.windowDays - 1);
    const std::string windowStart = CivilDate::fromDays(from).iso();
    const std::string windowEnd = CivilDate::fromDays(to).iso();
    PullBatch batch;
    batch.cursorAfter = windowEnd;
    for (const std::string& cloudId : config_.cloudIds) {
      auto items = window(cloudId, windowStart, windowEnd);
      if (!items) {
        Error e = items.error();
        e.message += " (cursor stays at " + (stats.cursor.empty() ? "none" : stats.cursor) + ")";
        return e;
      }
      std::move(items->begin(), items->end(), std::back_inserter(batch.items));
    }
    if (Status s = sink.store(batch); !s) {
      Error e = s.error();
      e.message = config_.name + " attlog " + windowStart + ".." + windowEnd +
                  ": not stored: " + e.message + " (cursor stays at " +
                  (stats.cursor.empty() ? "none" : stats.cursor) + ")";
      return e;
    }
    stats.items += batch.items.size();
    ++stats.batches;
    stats.cursor = windowEnd;
    spdlog::info("[{}] attlog {}..{}: {} punches stored", config_.name, windowStart, windowEnd,
                 batch.items.size());
    from = to + 1;
  }
  return stats;
}

Result<PushResult> FingerspotConnector::push(const Change& change) {
  return Error::unsupported(config_.name + ": the attendance cloud is read-only (push of \"" +
                            change.kind + "\" refused)");
}

}  // namespace sinkron::connectors::attendance
