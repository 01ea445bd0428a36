// The e-presensi pull: windows of at most 31 days, pages of per_page rows, one batch per page.
#include "sinkron/connectors/attendance/epresensi_connector.hpp"

#include <algorithm>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "sinkron/connectors/attendance/adms_config.hpp"
#include "sinkron/connectors/token_source.hpp"
#include "sinkron/mappings/civil_date.hpp"
#include "sinkron/security/masking.hpp"

#include "login_token_source.hpp"

namespace sinkron::connectors::attendance {
namespace {

using mappings::CivilDate;

constexpr int kMaxWindowDays = 31, kMaxPerPage = 1000;
constexpr std::uint64_t kMaxPages = 1000000;  // a bound for the page loop

// A string member (first of the names present); "" for null or absent.
std::string text(const rapidjson::Value& object, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    auto it = object.FindMember(name);
    if (it != object.MemberEnd() && it->value.IsString())
      return {it->value.GetString(), it->value.GetStringLength()};
  }
  return "";
}

Result<CivilDate> dateParam(const PullRequest& request, const char* name) {
  auto it = request.params.find(name);
  std::optional<CivilDate> date;
  if (it != request.params.end()) date = mappings::parseIsoDate(it->second);
  if (!date || !date->valid())
    return Error::invalid(std::string("presensi: parameter ") + name +
                          " (yyyy-mm-dd) is required and must be a date");
  return *date;
}

}  // namespace

Status EpresensiConfig::validate() const {
  if (name.empty()) return Error::invalid("name: must not be empty");
  if (baseUrl.rfind("http://", 0) != 0 && baseUrl.rfind("https://", 0) != 0)
    return Error::invalid("base_url: \"" + baseUrl + "\" must start with http:// or https://");
  if (loginPath.empty() || loginPath.front() != '/' || presensiPath.empty() ||
      presensiPath.front() != '/')
    return Error::invalid("login_path, presensi_path: must start with '/'");
  if (username.empty() || password.empty())
    return Error::invalid("username, password: both are required");
  if (windowDays < 1 || windowDays > kMaxWindowDays)
    return Error::invalid("window_days: " + std::to_string(windowDays) + " is not within 1..31");
  if (perPage < 1 || perPage > kMaxPerPage)
    return Error::invalid("per_page: " + std::to_string(perPage) + " is not within 1..1000");
  if (!isIndonesianTimeZone(timeZone))
    return Error::invalid("time_zone: \"" + timeZone + "\" is not an Indonesian IANA zone");
  return {};
}

Result<std::unique_ptr<EpresensiConnector>> EpresensiConnector::create(EpresensiConfig config) {
  if (Status s = config.validate(); !s)
    return Error::invalid("epresensi " + config.name + ": " + s.error().message);
  http::ClientOptions options = config.client;
  options.name = config.name;
  if (!config.caFile.empty()) options.tls.caFile = config.caFile;
  auto client = http::HttpClient::create(std::move(options));
  if (!client) return client.error();
  return std::unique_ptr<EpresensiConnector>(
      new EpresensiConnector(std::move(config), std::move(*client)));
}

EpresensiConnector::EpresensiConnector(EpresensiConfig config,
                                       std::shared_ptr<http::HttpClient> client)
    : config_(std::move(config)), client_(std::move(client)) {
  token_ = std::make_shared<LoginTokenSource>(client_, config_.baseUrl + config_.loginPath,
                                              config_.username, config_.password);
}

EpresensiConnector::~EpresensiConnector() = default;

std::uint64_t EpresensiConnector::logins() const {
  return token_->logins();
}

Status EpresensiConnector::testConnection() {
  Result<std::string> token = token_->tokenBlocking();
  if (!token) return token.error();
  return {};
}

Result<EpresensiConnector::Page> EpresensiConnector::page(const std::string& start,
                                                          const std::string& end,
                                                          const std::string& unorId,
                                                          std::uint64_t number) {
  std::string url = config_.baseUrl + config_.presensiPath + "?tanggal_mulai=" + start +
                    "&tanggal_selesai=" + end + "&page=" + std::to_string(number) +
                    "&per_page=" + std::to_string(config_.perPage);
  if (!unorId.empty()) url += "&unor_id=" + http::urlEncode(unorId);
  http::Request request;
  request.url = url;
  request.headers = {{"Accept", "application/json"}};
  request.label = config_.name + " presensi";
  auto answer = auth::sendAuthorizedBlocking(*client_, {auth::TokenBinding{token_}}, request);
  if (!answer) return answer.error();
  ++pages_;
  const std::string where = "GET " + url;
  rapidjson::Document doc;
  doc.Parse(answer->body.data(), answer->body.size());
  if (doc.HasParseError() || !doc.IsObject())
    return Error::parse(where + ": answer is not a JSON object");
  auto data = doc.FindMember("data");
  auto meta = doc.FindMember("meta");
  if (data == doc.MemberEnd() || !data->value.IsArray() || meta == doc.MemberEnd() ||
      !meta->value.IsObject())
    return Error::parse(where + ": answer has no 'data' array and 'meta' object");
  Page out;
  if (auto last = meta->value.FindMember("last_page");
      last != meta->value.MemberEnd() && last->value.IsUint64())
    out.lastPage = last->value.GetUint64();
  rapidjson::SizeType index = 0;
  for (const rapidjson::Value& row : data->value.GetArray()) {
    const std::string at = where + ": data[" + std::to_string(index++) + "]";
    if (!row.IsObject()) return Error::parse(at + ": not an object");
    std::string nip = text(row, {"nip"}), tanggal = text(row, {"tanggal"});
    if (nip.empty() || !mappings::parseIsoDate(tanggal))
      return Error::parse(at + ": nip and tanggal (yyyy-mm-dd) are required");
    rapidjson::StringBuffer json;
    rapidjson::Writer<rapidjson::StringBuffer> w(json);
    w.StartObject();
    w.Key("nip");
    w.String(nip);
    w.Key("tanggal");
    w.String(tanggal);
    w.Key("jam_in");
    w.String(text(row, {"jam_in", "jam_masuk"}));
    w.Key("jam_out");
    w.String(text(row, {"jam_out", "jam_pulang"}));
    w.Key("status");
    w.String(text(row, {"status"}));
    w.Key("lokasi");
    w.String(text(row, {"lokasi"}));
    w.Key("time_zone");
    w.String(config_.timeZone);
    w.EndObject();
    PulledItem item;
    item.stream = "presensi";
    item.key = nip + "|" + tanggal;
    item.json = json.GetString();
    out.items.push_back(std::move(item));
  }
  return out;
}

Result<PullStats> EpresensiConnector::pull(const PullRequest& request, PullSink& sink) {
  if (request.stream != "presensi")
    return Error::invalid(config_.name + ": unknown stream \"" + request.stream +
                          "\" (streams: presensi)");
  Result<CivilDate> start = dateParam(request, "start_date");
  if (!start) return start.error();
  Result<CivilDate> end = dateParam(request, "end_date");
  if (!end) return end.error();
  if (*end < *start) return Error::invalid("presensi: end_date is before start_date");
  PullStats stats;
  stats.cursor = request.cursor;
  std::int32_t from = start->toDays();
  if (!request.cursor.empty()) {
    auto stored = mappings::parseIsoDate(request.cursor);
    if (!stored || !stored->valid())
      return Error::invalid("presensi: cursor \"" + request.cursor + "\" is not a yyyy-mm-dd date");
    from = std::max(from, stored->toDays() + 1);
  }
  const std::int32_t last = end->toDays();
  const std::vector<std::string> units =
      config_.unorIds.empty() ? std::vector<std::string>{""} : config_.unorIds;
  auto stopped = [&stats](Error e) {
    e.message = security::maskIdsInText(e.message) + " (cursor stays at " +
                (stats.cursor.empty() ? "none" : stats.cursor) + ")";
    return e;
  };
  while (from <= last) {
    const std::int32_t to = std::min(last, from + config_.windowDays - 1);
    const std::string windowStart = CivilDate::fromDays(from).iso();
    const std::string windowEnd = CivilDate::fromDays(to).iso();
    for (std::size_t u = 0; u < units.size(); ++u) {
      std::uint64_t lastPage = 1;
      for (std::uint64_t number = 1; number <= lastPage && number <= kMaxPages; ++number) {
        auto fetched = page(windowStart, windowEnd, units[u], number);
        if (!fetched) return stopped(fetched.error());
        lastPage = fetched->lastPage;
        const bool windowDone = u + 1 == units.size() && number >= lastPage;
        PullBatch batch{std::move(fetched->items), windowDone ? windowEnd : stats.cursor};
        if (Status s = sink.store(batch); !s) return stopped(s.error());
        stats.items += batch.items.size();
        ++stats.batches;
        stats.cursor = batch.cursorAfter;
      }
    }
    from = to + 1;
  }
  return stats;
}

Result<PushResult> EpresensiConnector::push(const Change& change) {
  return Error::unsupported(config_.name + ": e-presensi is read-only (push of \"" + change.kind +
                            "\" refused)");
}

}  // namespace sinkron::connectors::attendance
