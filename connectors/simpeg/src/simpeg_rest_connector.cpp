#include "sinkron/connectors/simpeg_rest_connector.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <optional>

#include "pegawai_cursor.hpp"
#include "record_mapper.hpp"
#include "sinkron/connectors/json_values.hpp"
#include "sinkron/security/masking.hpp"

namespace sinkron::connectors::simpeg {

namespace {

// FNV-1a of a row's JSON: kept in cursors, so it must stay the same across versions.
std::uint64_t stableHash(std::string_view text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
  return h;
}

constexpr std::size_t kMaxIssueMessages = 100;
constexpr std::uint64_t kMaxPages = 10'000'000;  // bound of every paging loop

const std::vector<std::string> kStreams = {"pegawai", "riwayat-pangkat", "riwayat-jabatan",
                                           "diklat",  "unit-kerja",      "jabatan"};

Error masked(Error e) {
  e.message = security::maskIdsInText(e.message);
  return e;
}

void noteIssues(PullStats& stats, std::vector<std::string>& issues) {
  for (std::string& issue : issues)
    if (stats.errorMessages.size() < kMaxIssueMessages)
      stats.errorMessages.push_back(std::move(issue));
  issues.clear();
}

// What a parsed SIMPEG answer holds at "data" (an array or an object as asked).
Result<const rapidjson::Value*> dataOf(const rapidjson::Document& doc, const std::string& what,
                                       bool array) {
  auto it = doc.FindMember("data");
  if (it == doc.MemberEnd() || (array ? !it->value.IsArray() : !it->value.IsObject()))
    return Error::parse(what + ": answer has no \"data\" " + (array ? "array" : "object"));
  return &it->value;
}

}  // namespace

struct SimpegRestConnector::Impl {
  SimpegRestConfig config;
  RecordMapper mapper;
  std::shared_ptr<http::HttpClient> client;

  http::Request makeRequest(std::string method, std::string pathAndQuery, std::string label) const {
    http::Request r;
    r.method = std::move(method);
    r.url = config.baseUrl + pathAndQuery;
    r.headers = {{"X-API-Key", config.apiKey.reveal()}, {"Accept", "application/json"}};
    r.label = "simpeg " + std::move(label);
    return r;
  }

  // Parses an answer: JSON object, "status" (when present) "success".
  static Result<rapidjson::Document> parse(const http::Request& r, const http::Response& res) {
    const std::string where = r.method + " " + security::maskIdsInText(r.url);
    rapidjson::Document doc;
    doc.Parse(res.body.data(), res.body.size());
    if (doc.HasParseError())
      return Error::parse(where + ": malformed JSON at offset " +
                          std::to_string(doc.GetErrorOffset()) + ": " +
                          rapidjson::GetParseError_En(doc.GetParseError()));
    if (!doc.IsObject()) return Error::parse(where + ": answer is not a JSON object");
    auto status = doc.FindMember("status");
    if (status != doc.MemberEnd() && status->value.IsString() &&
        std::string_view(status->value.GetString()) != "success")
      return Error::rejected(where + ": " + memberText(doc, "message"), res.status);
    return doc;
  }

  Result<rapidjson::Document> getJson(http::Request r) {
    Result<http::Response> res = client->send(r);
    if (!res) return masked(res.error());
    return parse(r, *res);
  }

  Result<PullStats> pullPegawai(const PullRequest& request, PullSink& sink);
  Result<PullStats> pullPerKey(const PullRequest& request, PullSink& sink);
  Result<PullStats> pullTable(const PullRequest& request, PullSink& sink);
};

Result<std::unique_ptr<SimpegRestConnector>> SimpegRestConnector::create(SimpegRestConfig config,
                                                                         http::ClientOptions base) {
  if (Status s = config.validate(); !s) return s.error();
  Result<RecordMapper> mapper = RecordMapper::load(config.mapping);
  if (!mapper)
    return Error::invalid("simpeg connector '" + config.name +
                          "': mapping: " + mapper.error().message);
  base.name = config.name;
  base.maxConcurrency = config.concurrency;
  if (!config.caFile.empty()) base.tls.caFile = config.caFile;
  base.retry.maxAttempts = config.maxAttempts;
  base.retry.baseDelay = config.retryBaseDelay;
  Result<std::shared_ptr<http::HttpClient>> client = http::HttpClient::create(std::move(base));
  if (!client)
    return Error::invalid("simpeg connector '" + config.name + "': " + client.error().message);
  auto impl = std::unique_ptr<Impl>(new Impl{std::move(config), std::move(*mapper), *client});
  return std::unique_ptr<SimpegRestConnector>(new SimpegRestConnector(std::move(impl)));
}

SimpegRestConnector::SimpegRestConnector(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SimpegRestConnector::~SimpegRestConnector() = default;

std::string SimpegRestConnector::name() const {
  return impl_->config.name;
}

std::vector<std::string> SimpegRestConnector::streams() const {
  return kStreams;
}

http::ClientStats SimpegRestConnector::httpStats() const {
  return impl_->client->stats();
}

Status SimpegRestConnector::testConnection() {
  Result<rapidjson::Document> doc =
      impl_->getJson(impl_->makeRequest("GET", "/api/v1/pegawai?limit=1", "test"));
  if (!doc) return doc.error();
  return {};
}

Result<PullStats> SimpegRestConnector::pull(const PullRequest& request, PullSink& sink) {
  if (request.stream == "pegawai") return impl_->pullPegawai(request, sink);
  if (request.stream == "riwayat-pangkat" || request.stream == "riwayat-jabatan" ||
      request.stream == "diklat")
    return impl_->pullPerKey(request, sink);
  if (request.stream == "unit-kerja" || request.stream == "jabatan")
    return impl_->pullTable(request, sink);
  return Error::invalid("simpeg connector '" + impl_->config.name + "': unknown stream '" +
                        request.stream +
                        "' (one of: pegawai, riwayat-pangkat, riwayat-jabatan, "
                        "diklat, unit-kerja, jabatan)");
}

Result<PullStats> SimpegRestConnector::Impl::pullPegawai(const PullRequest& request,
                                                         PullSink& sink) {
  Result<PegawaiCursor> decoded = PegawaiCursor::decode(request.cursor);
  if (!decoded) return decoded.error();
  PegawaiCursor cursor = std::move(*decoded);
  PullStats stats;
  stats.cursor = request.cursor;
  std::vector<std::string> issues;
  for (std::uint64_t pages = 0; pages < kMaxPages; ++pages) {
    std::string query = "/api/v1/pegawai?limit=" + std::to_string(config.pageSize);
    if (!cursor.since.empty()) query += "&updated_since=" + http::urlEncode(cursor.since);
    if (!cursor.page.empty()) query += "&cursor=" + http::urlEncode(cursor.page);
    http::Request r = makeRequest("GET", query, "pegawai list");
    const std::string where = "GET " + r.url;
    Result<rapidjson::Document> doc = getJson(std::move(r));
    if (!doc) return doc.error();
    Result<const rapidjson::Value*> data = dataOf(*doc, where, true);
    if (!data) return data.error();
    auto nextIt = doc->FindMember("next_cursor");
    if (nextIt == doc->MemberEnd() || !(nextIt->value.IsNull() || nextIt->value.IsString()))
      return Error::parse(where + ": answer has no \"next_cursor\" (text or null)");

    PegawaiCursor next = cursor;
    PullBatch batch;
    for (const rapidjson::Value& row : (*data)->GetArray()) {
      if (!row.IsObject()) return Error::parse(where + ": a \"data\" element is not an object");
      std::string id = memberText(row, "id_pegawai");
      std::string updatedAt = memberText(row, "updated_at");
      if (id.empty() || updatedAt.empty())
        return Error::parse(where + ": a row has no id_pegawai or updated_at");
      PulledItem item;
      item.stream = "pegawai";
      item.json = compactJson(row);
      std::uint64_t hash = stableHash(item.json);
      if (next.alreadyStored(id, updatedAt, hash)) continue;
      item.record = mapper.fromJson(row, issues);
      item.key = id;
      next.stored(std::move(id), std::move(updatedAt), hash);
      batch.items.push_back(std::move(item));
    }
    bool last = nextIt->value.IsNull();
    if (last)
      next.complete();
    else
      next.page = nextIt->value.GetString();
    batch.cursorAfter = next.encode();
    if (!batch.items.empty() || batch.cursorAfter != stats.cursor) {
      if (Status s = sink.store(batch); !s) return s.error();
      ++stats.batches;
      stats.items += batch.items.size();
      stats.cursor = batch.cursorAfter;
    }
    noteIssues(stats, issues);
    cursor = std::move(next);
    if (last) return stats;
  }
  return Error::internal("simpeg connector '" + config.name + "': pegawai: more than " +
                         std::to_string(kMaxPages) + " pages");
}

Result<PullStats> SimpegRestConnector::Impl::pullPerKey(const PullRequest& request,
                                                        PullSink& sink) {
  PullStats stats;
  stats.cursor = request.cursor;
  const std::size_t chunk = static_cast<std::size_t>(std::max(config.pageSize, 1));
  for (std::size_t begin = 0; begin < request.keys.size(); begin += chunk) {
    std::size_t end = std::min(request.keys.size(), begin + chunk);
    std::vector<http::Request> requests;
    std::vector<std::optional<Result<http::Response>>> answers(end - begin);
    std::mutex mutex;
    std::condition_variable cv;
    std::size_t done = 0;
    for (std::size_t i = begin; i < end; ++i) {
      requests.push_back(makeRequest(
          "GET", "/api/v1/pegawai/" + http::urlEncode(request.keys[i]) + "/" + request.stream,
          request.stream));
      client->start(requests.back(), [&, slot = i - begin](Result<http::Response> res) {
        std::lock_guard<std::mutex> lock(mutex);
        answers[slot] = std::move(res);
        ++done;
        cv.notify_all();
      });
    }
    {
      std::unique_lock<std::mutex> lock(mutex);
      cv.wait(lock, [&] { return done == answers.size(); });
    }
    PullBatch batch;
    for (std::size_t i = 0; i < answers.size(); ++i) {
      const std::string& key = request.keys[begin + i];
      Result<http::Response>& res = *answers[i];
      if (!res) {
        if (res.error().httpStatus == 404) {
          ++stats.notFound;
        } else {
          ++stats.errors;
          if (stats.errorMessages.size() < kMaxIssueMessages)
            stats.errorMessages.push_back(security::maskIdsInText(res.error().message));
        }
        continue;
      }
      Result<rapidjson::Document> doc = parse(requests[i], *res);
      Result<const rapidjson::Value*> data =
          doc ? dataOf(*doc, "GET " + security::maskIdsInText(requests[i].url), true)
              : Result<const rapidjson::Value*>(doc.error());
      if (!data) {
        ++stats.errors;
        if (stats.errorMessages.size() < kMaxIssueMessages)
          stats.errorMessages.push_back(data.error().message);
        continue;
      }
      batch.items.push_back({request.stream, key, std::nullopt, compactJson(**data)});
    }
    batch.cursorAfter = request.cursor;
    if (batch.items.empty()) continue;
    if (Status s = sink.store(batch); !s) return s.error();
    ++stats.batches;
    stats.items += batch.items.size();
  }
  return stats;
}

Result<PullStats> SimpegRestConnector::Impl::pullTable(const PullRequest& request, PullSink& sink) {
  const std::string keyField = request.stream == "jabatan" ? "id_j" : "id_unit_kerja";
  std::uint64_t offset = 0;
  if (request.cursor.starts_with("offset:")) {
    offset = std::strtoull(request.cursor.c_str() + 7, nullptr, 10);
  } else if (!request.cursor.empty()) {
    return Error::parse(request.stream + " cursor '" + request.cursor +
                        "': expected \"offset:<n>\" or empty");
  }
  PullStats stats;
  stats.cursor = request.cursor;
  for (std::uint64_t pages = 0; pages < kMaxPages; ++pages) {
    http::Request r =
        makeRequest("GET",
                    "/api/v1/" + request.stream + "?limit=" + std::to_string(config.pageSize) +
                        "&offset=" + std::to_string(offset),
                    request.stream);
    const std::string where = "GET " + r.url;
    Result<rapidjson::Document> doc = getJson(std::move(r));
    if (!doc) return doc.error();
    Result<const rapidjson::Value*> data = dataOf(*doc, where, true);
    if (!data) return data.error();
    std::uint64_t total = 0;
    if (auto t = doc->FindMember("total"); t != doc->MemberEnd() && t->value.IsUint64())
      total = t->value.GetUint64();
    else
      return Error::parse(where + ": answer has no \"total\" count");
    PullBatch batch;
    for (const rapidjson::Value& row : (*data)->GetArray()) {
      std::string key = row.IsObject() ? memberText(row, keyField) : std::string();
      if (key.empty()) return Error::parse(where + ": a row has no " + keyField);
      batch.items.push_back({request.stream, std::move(key), std::nullopt, compactJson(row)});
    }
    offset += batch.items.size();
    bool last = batch.items.empty() || offset >= total;
    batch.cursorAfter = last ? std::string() : "offset:" + std::to_string(offset);
    if (!batch.items.empty() || batch.cursorAfter != stats.cursor) {
      if (Status s = sink.store(batch); !s) return s.error();
      ++stats.batches;
      stats.items += batch.items.size();
      stats.cursor = batch.cursorAfter;
    }
    if (last) return stats;
  }
  return Error::internal(request.stream + ": more than " + std::to_string(kMaxPages) + " pages");
}

Result<PushResult> SimpegRestConnector::push(const Change& change) {
  const std::string where = "simpeg connector '" + impl_->config.name + "' push " + change.kind;
  if (change.kind != "pegawai-patch")
    return Error::unsupported(where +
                              ": unsupported kind (the SIMPEG REST connector pushes "
                              "\"pegawai-patch\")");
  if (change.targetKey.empty() || !std::all_of(change.targetKey.begin(), change.targetKey.end(),
                                               [](char c) { return c >= '0' && c <= '9'; }))
    return Error::invalid(where + ": targetKey must be an id_pegawai (digits), got '" +
                          security::maskIdsInText(change.targetKey) + "'");
  rapidjson::Document body;
  body.Parse(change.json.data(), change.json.size());
  if (body.HasParseError() || !body.IsObject() || body.MemberCount() == 0)
    return Error::invalid(where + ": json must be a non-empty object of field corrections");

  const std::string path = "/api/v1/pegawai/" + change.targetKey;
  // Read before write: when every field already holds its value there is nothing to send.
  Result<rapidjson::Document> current = impl_->getJson(impl_->makeRequest("GET", path, "pegawai"));
  if (!current) return current.error();
  Result<const rapidjson::Value*> data =
      dataOf(*current, "GET " + impl_->config.baseUrl + path, false);
  if (!data) return data.error();
  std::string differing;
  for (const auto& m : body.GetObject()) {
    std::string field(m.name.GetString(), m.name.GetStringLength());
    if (m.value.IsObject() || m.value.IsArray() || memberText(**data, field) != scalarText(m.value))
      differing += (differing.empty() ? "" : ", ") + field;
  }
  PushResult result;
  result.targetId = change.targetKey;
  if (differing.empty()) {
    result.applied = true;
    result.alreadyPresent = true;
    result.message = "pegawai " + change.targetKey + ": every field already has its value";
    return result;
  }
  http::Request patch = impl_->makeRequest("PATCH", path, "pegawai patch");
  patch.headers.emplace_back("Content-Type", "application/json");
  patch.body = change.json;
  // Not re-sent by the HTTP client: a retry goes back through the outbox and reads first, so
  // the target records the correction once even when the answer was lost.
  patch.idempotent = false;
  Result<http::Response> res = impl_->client->send(patch);
  if (!res) {
    Error e = masked(res.error());
    if (e.httpStatus >= 400 && e.httpStatus < 500) e.code = ErrorCode::kRejected;  // 422: fields
    return e;
  }
  Result<rapidjson::Document> answer = Impl::parse(patch, *res);
  if (!answer) return answer.error();
  result.applied = true;
  result.message = "pegawai " + change.targetKey + ": patched " + differing;
  return result;
}

}  // namespace sinkron::connectors::simpeg
