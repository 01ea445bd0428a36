// skp: per NIP, GET skp?nip=&tahun= then that SKP's penilaian, chained on the HTTP client's I/O
// thread; `batch_size` NIPs in flight at a time (the client keeps `concurrency` on the wire),
// stored in key order with the cursor "number of keys done".
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>

#include "ekinerja_impl.hpp"
#include "pull_params.hpp"
#include "sinkron/connectors/json_values.hpp"
#include "sinkron/security/masking.hpp"

namespace sinkron::connectors::ekinerja {
namespace {

constexpr std::size_t kMaxMessages = 100;

struct SkpAnswer {
  bool notFound = false;
  std::optional<Error> error;  // per-key when code is kParse, else it stops the pull
  std::string json;            // {"skp":{...},"penilaian":[...]}
};

Result<rapidjson::Document> parseAnswer(const http::Response& answer, const std::string& at) {
  rapidjson::Document doc;
  doc.Parse(answer.body.data(), answer.body.size());
  if (doc.HasParseError())
    return Error::parse(at + ": malformed JSON at offset " + std::to_string(doc.GetErrorOffset()) +
                        ": " + rapidjson::GetParseError_En(doc.GetParseError()));
  if (!doc.IsObject()) return Error::parse(at + ": answer is not a JSON object");
  return doc;
}

}  // namespace

Result<PullStats> EkinerjaConnector::Impl::pullSkp(const PullRequest& request, PullSink& sink) {
  const std::string where = this->where() + " skp";
  Result<std::string> tahun = streamParam(request, "tahun", where, 4);
  if (!tahun) return tahun.error();
  Result<std::uint64_t> first = numericCursor(request.cursor, 0, where, "the number of keys done");
  if (!first) return first.error();
  if (*first > request.keys.size())
    return Error::invalid(where + ": cursor " + request.cursor + " is past the " +
                          std::to_string(request.keys.size()) + " keys given");

  // One NIP: the SKP, then its penilaian; `done` runs once on the I/O thread.
  auto fetch = [this, &tahun](const std::string& nip, std::function<void(SkpAnswer)> done) {
    http::Request r = this->request(
        config.paths.skp + "?nip=" + http::urlEncode(nip) + "&tahun=" + *tahun, "skp");
    const std::string at = "GET " + security::maskIdsInText(r.url);
    auth::sendAuthorized(
        *client, bindings(), std::move(r), [this, at, done](Result<http::Response> res) {
          SkpAnswer out;
          if (!res) {
            if (res.error().httpStatus == 404)
              out.notFound = true;
            else
              out.error = masked(res.error());
            done(std::move(out));
            return;
          }
          Result<rapidjson::Document> doc = parseAnswer(*res, at);
          const rapidjson::Value* skp = doc ? memberAt(*doc, "data.skp") : nullptr;
          std::string id = skp && skp->IsObject() ? memberText(*skp, "id") : std::string();
          if (id.empty()) {
            out.error = doc ? Error::parse(at + ": answer has no data.skp.id") : doc.error();
            done(std::move(out));
            return;
          }
          std::string skpJson = compactJson(*skp);
          std::string path = config.paths.skpPenilaian;
          path.replace(path.find("{id}"), 4, http::urlEncode(id));
          http::Request p = this->request(std::move(path), "skp penilaian");
          const std::string pat = "GET " + p.url;
          auth::sendAuthorized(
              *client, bindings(), std::move(p), [pat, done, skpJson](Result<http::Response> pres) {
                SkpAnswer out;
                if (!pres) {
                  out.error = masked(pres.error());
                  done(std::move(out));
                  return;
                }
                Result<rapidjson::Document> pdoc = parseAnswer(*pres, pat);
                const rapidjson::Value* data = pdoc ? memberAt(*pdoc, "data") : nullptr;
                if (data == nullptr || !data->IsArray()) {
                  out.error =
                      pdoc ? Error::parse(pat + ": answer has no \"data\" array") : pdoc.error();
                  done(std::move(out));
                  return;
                }
                out.json = "{\"skp\":" + skpJson + ",\"penilaian\":" + compactJson(*data) + "}";
                done(std::move(out));
              });
        });
  };

  PullStats stats;
  stats.cursor = request.cursor;
  std::size_t storedKeys = *first;
  const std::size_t batchSize = static_cast<std::size_t>(config.batchSize);
  auto note = [&stats](const std::string& message) {
    if (stats.errorMessages.size() < kMaxMessages)
      stats.errorMessages.push_back(security::maskIdsInText(message));
  };
  for (std::size_t begin = *first; begin < request.keys.size(); begin += batchSize) {
    const std::size_t end = std::min(request.keys.size(), begin + batchSize);
    std::vector<std::optional<SkpAnswer>> answers(end - begin);
    std::mutex mutex;
    std::condition_variable cv;
    std::size_t done = 0;
    auto finish = [&](std::size_t slot, SkpAnswer a) {
      std::lock_guard<std::mutex> lock(mutex);
      answers[slot] = std::move(a);
      ++done;
      cv.notify_all();
    };
    for (std::size_t i = begin; i < end; ++i) {
      const std::string& nip = request.keys[i];
      if (!isNipBaru(nip)) {
        SkpAnswer bad;
        bad.error = Error::parse(where + ": key " + std::to_string(i) + ": not an 18-digit NIP ('" +
                                 security::maskIdsInText(nip) + "')");
        finish(i - begin, std::move(bad));
        continue;
      }
      fetch(nip, [&finish, slot = i - begin](SkpAnswer a) { finish(slot, std::move(a)); });
    }
    {
      std::unique_lock<std::mutex> lock(mutex);
      cv.wait(lock, [&] { return done == answers.size(); });
    }
    PullBatch batch;
    std::optional<Error> stop;
    std::size_t stored = end;
    for (std::size_t i = 0; i < answers.size() && !stop; ++i) {
      SkpAnswer& a = *answers[i];
      if (a.notFound) {
        ++stats.notFound;
      } else if (a.error && a.error->code == ErrorCode::kParse) {
        ++stats.errors;
        note(a.error->message);
      } else if (a.error) {
        stored = begin + i;
        stop = std::move(a.error);
      } else {
        batch.items.push_back({"skp", request.keys[begin + i], std::nullopt, std::move(a.json)});
      }
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
      stop->message = where + ": stopped at key " + std::to_string(stored) + " (cursor " +
                      stats.cursor + "): " + stop->message;
      return *stop;
    }
  }
  return stats;
}

}  // namespace sinkron::connectors::ekinerja
