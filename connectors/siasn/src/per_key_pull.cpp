// The per-NIP streams (data-utama and rw-*): `batch_size` keys at a time, all of a batch in
// flight at once (the HTTP client keeps `concurrency` of them on the wire), answers stored in key
// order with the cursor "number of keys done".
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <charconv>
#include <condition_variable>
#include <mutex>
#include <optional>

#include "siasn_impl.hpp"
#include "sinkron/connectors/json_values.hpp"
#include "sinkron/security/masking.hpp"

namespace sinkron::connectors::siasn {
namespace {

constexpr std::size_t kMaxMessages = 100;

void note(PullStats& stats, std::string message) {
  if (stats.errorMessages.size() < kMaxMessages)
    stats.errorMessages.push_back(security::maskIdsInText(message));
}

Result<std::size_t> parseCursor(const std::string& cursor, std::size_t keys,
                                const std::string& where) {
  if (cursor.empty()) return std::size_t{0};
  std::size_t done = 0;
  auto [end, ec] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), done);
  if (ec != std::errc() || end != cursor.data() + cursor.size())
    return Error::parse(where + ": cursor '" + cursor +
                        "': expected the number of keys already stored (or empty)");
  if (done > keys)
    return Error::invalid(where + ": cursor " + cursor + " is past the " + std::to_string(keys) +
                          " keys given (were the keys changed since the last pull?)");
  return done;
}

// A history answer: {"data":[...]} -> the array as compact JSON.
Result<std::string> historyJson(std::string_view body, const std::string& where) {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError())
    return Error::parse(where + ": malformed JSON at offset " +
                        std::to_string(doc.GetErrorOffset()) + ": " +
                        rapidjson::GetParseError_En(doc.GetParseError()));
  const rapidjson::Value* data = doc.IsObject() ? memberAt(doc, "data") : nullptr;
  if (data == nullptr) return std::string("[]");  // null data: an empty history
  if (!data->IsArray()) return Error::parse(where + ": answer has no \"data\" array");
  return compactJson(*data);
}

// Whether a failed answer concerns only its key (the pull goes on) rather than the service, the
// tokens or the configuration (the pull stops).
bool isPerKeyFailure(const Error& e) {
  return e.httpStatus == 400 || e.httpStatus == 422;
}

}  // namespace

Result<PullStats> SiasnConnector::Impl::pullPerKey(const PullRequest& request, PullSink& sink) {
  const std::string& stream = request.stream;
  const std::string where = this->where() + " " + stream;
  const bool dataUtama = stream == "data-utama";
  const std::string history = dataUtama ? std::string() : stream.substr(3);  // "rw-kursus"
  Result<std::size_t> first = parseCursor(request.cursor, request.keys.size(), where);
  if (!first) return first.error();

  PullStats stats;
  stats.cursor = request.cursor;
  const std::size_t batchSize = static_cast<std::size_t>(config.batchSize);
  std::size_t storedKeys = *first;
  for (std::size_t begin = *first; begin < request.keys.size(); begin += batchSize) {
    const std::size_t end = std::min(request.keys.size(), begin + batchSize);
    std::vector<std::string> urls;
    std::vector<std::optional<Result<http::Response>>> answers(end - begin);
    std::mutex mutex;
    std::condition_variable cv;
    std::size_t done = 0;
    for (std::size_t i = begin; i < end; ++i) {
      const std::string nip = http::urlEncode(request.keys[i]);
      std::string path =
          dataUtama ? fillPath(config.paths.dataUtama, {{"{nip}", nip}})
                    : fillPath(config.paths.history, {{"{kind}", history}, {"{nip}", nip}});
      http::Request r = this->request("GET", std::move(path), stream);
      urls.push_back(r.url);
      start(std::move(r), true, [&, slot = i - begin](Result<http::Response> res) {
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
    std::optional<Error> stop;
    std::size_t stored = end;  // keys covered by this batch
    for (std::size_t i = 0; i < answers.size() && !stop; ++i) {
      const std::string& key = request.keys[begin + i];
      const std::string at = "GET " + security::maskIdsInText(urls[i]);
      Result<http::Response>& answer = *answers[i];
      if (!answer) {
        const Error& e = answer.error();
        if (e.httpStatus == 404) {
          ++stats.notFound;
        } else if (isPerKeyFailure(e)) {
          ++stats.errors;
          note(stats, e.message);
        } else {
          stored = begin + i;
          stop = masked(e);
        }
        continue;
      }
      PulledItem item;
      item.stream = stream;
      item.key = key;
      if (dataUtama) {
        Result<MappedAnswer> mapped = mapper.map(answer->body, at);
        if (!mapped) {
          ++stats.errors;
          note(stats, mapped.error().message);
          continue;
        }
        for (std::string& issue : mapped->issues) note(stats, std::move(issue));
        item.record = std::move(mapped->record);
        item.json = std::move(mapped->json);
      } else {
        Result<std::string> json = historyJson(answer->body, at);
        if (!json) {
          ++stats.errors;
          note(stats, json.error().message);
          continue;
        }
        item.json = std::move(*json);
      }
      batch.items.push_back(std::move(item));
    }
    batch.cursorAfter = std::to_string(stored);
    if (!batch.items.empty() || stored != storedKeys) {
      if (Status s = sink.store(batch); !s) {
        Error e = s.error();
        e.message = where + ": storing keys " + std::to_string(begin) + ".." +
                    std::to_string(stored) + ": " + e.message;
        return e;
      }
      ++stats.batches;
      stats.items += batch.items.size();
      stats.cursor = batch.cursorAfter;
      storedKeys = stored;
    }
    if (stop) {
      stop->message = where + ": stopped at key " + std::to_string(stored) + " of " +
                      std::to_string(request.keys.size()) + " (cursor " + stats.cursor +
                      "): " + stop->message;
      return *stop;
    }
  }
  return stats;
}

}  // namespace sinkron::connectors::siasn
