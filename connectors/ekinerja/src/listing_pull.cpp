// penilaian (by agency and period) and pegawai (by agency): Laravel-style pages
// {"data":[...],"meta":{page,per_page,total,last_page}}, each page stored with the next page as
// cursor, "" once the last page is stored.
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "ekinerja_impl.hpp"
#include "pull_params.hpp"
#include "sinkron/connectors/json_values.hpp"

namespace sinkron::connectors::ekinerja {
namespace {

constexpr std::uint64_t kMaxPages = 1'000'000;  // bound of the paging loop

}  // namespace

Result<PullStats> EkinerjaConnector::Impl::pullListing(const PullRequest& request, PullSink& sink) {
  const bool penilaian = request.stream == "penilaian";
  const std::string where = this->where() + " " + request.stream;
  Result<std::string> unor = streamParam(request, "unor_id", where);
  if (!unor) return unor.error();
  std::string query = "?unor_id=" + http::urlEncode(*unor);
  if (penilaian) {
    Result<std::string> tahun = streamParam(request, "tahun", where, 4);
    if (!tahun) return tahun.error();
    Result<std::string> periode = streamParam(request, "periode", where);
    if (!periode) return periode.error();
    query += "&tahun=" + *tahun + "&periode=" + http::urlEncode(*periode);
  }
  query += "&per_page=" + std::to_string(config.perPage);
  Result<std::uint64_t> first = numericCursor(request.cursor, 1, where, "the next page");
  if (!first) return first.error();
  if (*first < 1) return Error::invalid(where + ": cursor '0': pages start at 1");

  PullStats stats;
  stats.cursor = request.cursor;
  std::uint64_t page = *first;
  const std::string& path = penilaian ? config.paths.penilaian : config.paths.pegawai;
  for (std::uint64_t pages = 0; pages < kMaxPages; ++pages, ++page) {
    http::Request r = this->request(path + query + "&page=" + std::to_string(page), request.stream);
    const std::string at = "GET " + r.url;
    Result<http::Response> answer = send(std::move(r));
    if (!answer) return answer.error();
    rapidjson::Document doc;
    doc.Parse(answer->body.data(), answer->body.size());
    if (doc.HasParseError())
      return Error::parse(at + ": malformed JSON at offset " +
                          std::to_string(doc.GetErrorOffset()) + ": " +
                          rapidjson::GetParseError_En(doc.GetParseError()));
    const rapidjson::Value* data = doc.IsObject() ? memberAt(doc, "data") : nullptr;
    const rapidjson::Value* lastPage = doc.IsObject() ? memberAt(doc, "meta.last_page") : nullptr;
    if (data == nullptr || !data->IsArray())
      return Error::parse(at + ": answer has no \"data\" array");
    if (lastPage == nullptr || !lastPage->IsUint64())
      return Error::parse(at + ": answer has no \"meta.last_page\" number");

    PullBatch batch;
    for (const rapidjson::Value& row : data->GetArray()) {
      std::string nip = row.IsObject() ? memberText(row, "nip") : std::string();
      if (nip.empty()) return Error::parse(at + ": a row has no nip");
      std::string key = penilaian ? nip + "|" + memberText(row, "periode") : nip;
      batch.items.push_back({request.stream, std::move(key), std::nullopt, compactJson(row)});
    }
    const bool last = page >= lastPage->GetUint64() || batch.items.empty();
    batch.cursorAfter = last ? std::string() : std::to_string(page + 1);
    if (Status s = sink.store(batch); !s) {
      Error e = s.error();
      e.message = where + ": storing page " + std::to_string(page) + ": " + e.message;
      return e;
    }
    ++stats.batches;
    stats.items += batch.items.size();
    stats.cursor = batch.cursorAfter;
    if (last) return stats;
  }
  return Error::internal(where + ": more than " + std::to_string(kMaxPages) + " pages");
}

}  // namespace sinkron::connectors::ekinerja
