#include "sinkron/connectors/training_connector.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "sinkron/security/masking.hpp"

namespace sinkron::connectors::training {

namespace {

constexpr std::uint64_t kMaxPages = 10'000'000;

std::string text(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  if (it == object.MemberEnd()) return {};
  if (it->value.IsString()) return std::string(it->value.GetString(), it->value.GetStringLength());
  if (it->value.IsUint64()) return std::to_string(it->value.GetUint64());
  if (it->value.IsInt64()) return std::to_string(it->value.GetInt64());
  return {};
}

// "v1|<updated_since>|<page cursor>|<watermark: the last stored row's updated_at>"
struct Cursor {
  std::string since, page, watermark;
  std::string encode() const { return "v1|" + since + "|" + page + "|" + watermark; }
  static Result<Cursor> decode(const std::string& text) {
    Cursor c;
    if (text.empty()) return c;
    std::size_t a = text.find('|');
    std::size_t b = a == std::string::npos ? a : text.find('|', a + 1);
    std::size_t d = b == std::string::npos ? b : text.find('|', b + 1);
    if (text.rfind("v1|", 0) != 0 || d == std::string::npos)
      return Error::parse("training cursor '" + text.substr(0, 80) +
                          "': expected v1|<updated_since>|<page cursor>|<watermark>");
    c.since = text.substr(a + 1, b - a - 1);
    c.page = text.substr(b + 1, d - b - 1);
    c.watermark = text.substr(d + 1);
    return c;
  }
};

// {"completion":<row>,"attendee":{"nip":..,"nik":..}} with the hint exactly as given.
std::string annotated(const rapidjson::Value& row) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("completion");
  row.Accept(w);
  w.Key("attendee");
  w.StartObject();
  for (const char* name : {"nip", "nik"}) {
    w.Key(name);
    auto it = row.FindMember(name);
    if (it == row.MemberEnd() || !it->value.IsString() || it->value.GetStringLength() == 0)
      w.Null();
    else
      w.String(it->value.GetString(), it->value.GetStringLength());
  }
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

Status TrainingConfig::validate() const {
  const std::string where = "training connector '" + name + "': ";
  if (name.empty()) return Error::invalid("training connector: name: must not be empty");
  if (!baseUrl.starts_with("http://") && !baseUrl.starts_with("https://"))
    return Error::invalid(where + "base_url: must start with http:// or https:// (got '" + baseUrl +
                          "')");
  if (baseUrl.ends_with("/")) return Error::invalid(where + "base_url: must not end with '/'");
  if (apiKey.empty()) return Error::invalid(where + "api_key: must be given");
  if (pageSize < 1 || pageSize > 500)
    return Error::invalid(where + "page_size: must be within 1..500");
  if (maxAttempts < 1 || maxAttempts > 20)
    return Error::invalid(where + "max_attempts: must be within 1..20");
  if (retryBaseDelay.count() < 1)
    return Error::invalid(where + "retry_base_delay_ms: must be at least 1");
  return {};
}

struct TrainingConnector::Impl {
  TrainingConfig config;
  std::shared_ptr<http::HttpClient> client;

  http::Request makeRequest(std::string pathAndQuery) const {
    http::Request r;
    r.url = config.baseUrl + pathAndQuery;
    r.headers = {{"X-API-Key", config.apiKey.reveal()}, {"Accept", "application/json"}};
    r.label = "training completions";
    return r;
  }

  Result<rapidjson::Document> getJson(const http::Request& r) {
    Result<http::Response> res = client->send(r);
    if (!res) {
      Error e = res.error();
      e.message = security::maskIdsInText(e.message);
      return e;
    }
    rapidjson::Document doc;
    doc.Parse(res->body.data(), res->body.size());
    const std::string where = "GET " + r.url;
    if (doc.HasParseError())
      return Error::parse(where + ": malformed JSON at offset " +
                          std::to_string(doc.GetErrorOffset()) + ": " +
                          rapidjson::GetParseError_En(doc.GetParseError()));
    if (!doc.IsObject() || !doc.HasMember("data") || !doc["data"].IsArray())
      return Error::parse(where + ": answer has no \"data\" array");
    return doc;
  }
};

Result<std::unique_ptr<TrainingConnector>> TrainingConnector::create(TrainingConfig config,
                                                                     http::ClientOptions base) {
  if (Status s = config.validate(); !s) return s.error();
  base.name = config.name;
  if (!config.caFile.empty()) base.tls.caFile = config.caFile;
  base.retry.maxAttempts = config.maxAttempts;
  base.retry.baseDelay = config.retryBaseDelay;
  Result<std::shared_ptr<http::HttpClient>> client = http::HttpClient::create(std::move(base));
  if (!client)
    return Error::invalid("training connector '" + config.name + "': " + client.error().message);
  auto impl = std::unique_ptr<Impl>(new Impl{std::move(config), *client});
  return std::unique_ptr<TrainingConnector>(new TrainingConnector(std::move(impl)));
}

TrainingConnector::TrainingConnector(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TrainingConnector::~TrainingConnector() = default;

std::string TrainingConnector::name() const {
  return impl_->config.name;
}

std::vector<std::string> TrainingConnector::streams() const {
  return {"completions"};
}

http::ClientStats TrainingConnector::httpStats() const {
  return impl_->client->stats();
}

Status TrainingConnector::testConnection() {
  Result<rapidjson::Document> doc =
      impl_->getJson(impl_->makeRequest("/api/v1/completions?limit=1"));
  if (!doc) return doc.error();
  return {};
}

Result<PushResult> TrainingConnector::push(const Change& change) {
  return Error::unsupported("training connector '" + impl_->config.name + "': push '" +
                            change.kind +
                            "' is not supported (completions go to SIASN through its connector)");
}

Result<PullStats> TrainingConnector::pull(const PullRequest& request, PullSink& sink) {
  if (request.stream != "completions")
    return Error::invalid("training connector '" + impl_->config.name + "': unknown stream '" +
                          request.stream + "' (one of: completions)");
  Result<Cursor> decoded = Cursor::decode(request.cursor);
  if (!decoded) return decoded.error();
  Cursor cursor = *decoded;
  PullStats stats;
  stats.cursor = request.cursor;
  for (std::uint64_t pages = 0; pages < kMaxPages; ++pages) {
    std::string query = "/api/v1/completions?limit=" + std::to_string(impl_->config.pageSize);
    if (!cursor.since.empty()) query += "&updated_since=" + http::urlEncode(cursor.since);
    if (!cursor.page.empty()) query += "&cursor=" + http::urlEncode(cursor.page);
    http::Request r = impl_->makeRequest(query);
    Result<rapidjson::Document> doc = impl_->getJson(r);
    if (!doc) return doc.error();
    auto next = doc->FindMember("next_cursor");
    if (next == doc->MemberEnd() || !(next->value.IsNull() || next->value.IsString()))
      return Error::parse("GET " + r.url + ": answer has no \"next_cursor\" (text or null)");
    PullBatch batch;
    Cursor after = cursor;
    for (const rapidjson::Value& row : (*doc)["data"].GetArray()) {
      std::string id = row.IsObject() ? text(row, "id") : std::string();
      std::string updatedAt = row.IsObject() ? text(row, "updated_at") : std::string();
      if (id.empty() || updatedAt.empty())
        return Error::parse("GET " + r.url + ": a row has no id or updated_at");
      batch.items.push_back({"completions", std::move(id), std::nullopt, annotated(row)});
      if (updatedAt > after.watermark) after.watermark = std::move(updatedAt);
    }
    bool last = next->value.IsNull();
    if (last) {
      if (!after.watermark.empty()) after.since = after.watermark;  // strictly after it next
      after.page.clear();
    } else {
      after.page = next->value.GetString();
    }
    batch.cursorAfter = after.encode();
    if (!batch.items.empty() || batch.cursorAfter != stats.cursor) {
      if (Status s = sink.store(batch); !s) return s.error();
      ++stats.batches;
      stats.items += batch.items.size();
      stats.cursor = batch.cursorAfter;
    }
    cursor = after;
    if (last) return stats;
  }
  return Error::internal("training connector: more than " + std::to_string(kMaxPages) + " pages");
}

}  // namespace sinkron::connectors::training
