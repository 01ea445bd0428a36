// referensi/<table>: GET {referensi}?limit=&offset= (gateway token only) until a short page;
// each page stored with the next offset as cursor, "" once the table is complete.
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <charconv>

#include "siasn_impl.hpp"
#include "sinkron/connectors/json_values.hpp"

namespace sinkron::connectors::siasn {
namespace {

constexpr std::uint64_t kMaxPages = 1'000'000;  // bound of the paging loop

}  // namespace

Result<PullStats> SiasnConnector::Impl::pullReferensi(const PullRequest& request, PullSink& sink) {
  const std::string table = request.stream.substr(std::string_view("referensi/").size());
  const std::string where = this->where() + " " + request.stream;
  std::uint64_t offset = 0;
  if (!request.cursor.empty()) {
    auto [end, ec] = std::from_chars(request.cursor.data(),
                                     request.cursor.data() + request.cursor.size(), offset);
    if (ec != std::errc() || end != request.cursor.data() + request.cursor.size())
      return Error::parse(where + ": cursor '" + request.cursor +
                          "': expected an offset (digits) or empty");
  }
  const std::uint64_t limit = static_cast<std::uint64_t>(config.pageSize);
  const std::string path = fillPath(config.paths.referensi, {{"{name}", http::urlEncode(table)}});
  PullStats stats;
  stats.cursor = request.cursor;
  for (std::uint64_t pages = 0; pages < kMaxPages; ++pages) {
    http::Request r = this->request(
        "GET", path + "?limit=" + std::to_string(limit) + "&offset=" + std::to_string(offset),
        "referensi");
    const std::string at = "GET " + r.url;
    Result<http::Response> answer = send(std::move(r), false);
    if (!answer) return answer.error();
    rapidjson::Document doc;
    doc.Parse(answer->body.data(), answer->body.size());
    if (doc.HasParseError())
      return Error::parse(at + ": malformed JSON at offset " +
                          std::to_string(doc.GetErrorOffset()) + ": " +
                          rapidjson::GetParseError_En(doc.GetParseError()));
    const rapidjson::Value* results = doc.IsObject() ? memberAt(doc, "results") : nullptr;
    if (results == nullptr || !results->IsArray())
      return Error::parse(at + ": answer has no \"results\" array");

    PullBatch batch;
    std::uint64_t row = offset;
    for (const rapidjson::Value& item : results->GetArray()) {
      std::string key = item.IsObject() ? memberText(item, "id") : std::string();
      if (key.empty()) key = std::to_string(row);
      batch.items.push_back({request.stream, std::move(key), std::nullopt, compactJson(item)});
      ++row;
    }
    const bool last = batch.items.size() < limit;
    offset += batch.items.size();
    batch.cursorAfter = last ? std::string() : std::to_string(offset);
    if (Status s = sink.store(batch); !s) {
      Error e = s.error();
      e.message = where + ": storing rows from offset " + std::to_string(row - batch.items.size()) +
                  ": " + e.message;
      return e;
    }
    ++stats.batches;
    stats.items += batch.items.size();
    stats.cursor = batch.cursorAfter;
    if (last) return stats;
  }
  return Error::internal(where + ": more than " + std::to_string(kMaxPages) + " pages");
}

}  // namespace sinkron::connectors::siasn
