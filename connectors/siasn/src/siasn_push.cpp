// Writes to SIASN with read-before-write: the person's current history (or data-utama) is read
// first; a change already there is not sent again. Saves are non-idempotent requests.
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <functional>

#include "siasn_impl.hpp"
#include "sinkron/connectors/json_values.hpp"
#include "sinkron/security/masking.hpp"
#include "write_kinds.hpp"

namespace sinkron::connectors::siasn {
namespace {

Result<rapidjson::Document> parseObject(std::string_view text, const std::string& what) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError())
    return Error::parse(what + ": malformed JSON at offset " +
                        std::to_string(doc.GetErrorOffset()) + ": " +
                        rapidjson::GetParseError_En(doc.GetParseError()));
  if (!doc.IsObject()) return Error::parse(what + ": not a JSON object");
  return doc;
}

// The answer of a write: {"success":true,"mapData":{"rwKursusId":"..."},"message":"success"}, or
// the business-rule refusal {"success":false,"mapData":null,"message":"..."} (HTTP 200).
Result<PushResult> saveOutcome(const http::Response& answer, const std::string& at) {
  Result<rapidjson::Document> doc = parseObject(answer.body, at + ": answer");
  if (!doc) return doc.error();
  const rapidjson::Value* success = memberAt(*doc, "success");
  std::string message = memberText(*doc, "message");
  if (success == nullptr || !success->IsBool())
    return Error::parse(at + ": answer has no \"success\" flag");
  if (!success->GetBool())
    return Error::rejected(
        security::maskIdsInText(
            at + ": refused by SIASN: " + (message.empty() ? std::string("no message") : message)),
        answer.status);
  PushResult result;
  result.applied = true;
  result.message = message.empty() ? "success" : message;
  if (const rapidjson::Value* map = memberAt(*doc, "mapData"); map && map->IsObject())
    for (const auto& m : map->GetObject())
      if (m.value.IsString()) {
        result.targetId = m.value.GetString();
        break;
      }
  return result;
}

// A failed write: 4xx is the server refusing (kept as rejected with its message); anything else
// may or may not have been applied — a later push of the same change finds it by reading first.
Error writeFailed(Error e) {
  if (e.httpStatus >= 400 && e.httpStatus < 500) {
    e.code = ErrorCode::kRejected;
    return masked(std::move(e));
  }
  e.message +=
      " (whether SIASN applied it is unknown: pushing the same change again reads "
      "first and does not write twice)";
  return masked(std::move(e));
}

}  // namespace

Result<PushResult> SiasnConnector::Impl::pushHistory(const Change& change) {
  const WriteKind& kind = *findWriteKind(change.kind);
  const std::string at = where() + " push " + change.kind;
  if (!isNipBaru(change.targetKey))
    return Error::invalid(at + ": targetKey must be the person's 18-digit NIP (nipBaru), got '" +
                          security::maskIdsInText(change.targetKey) + "'");
  Result<rapidjson::Document> body = parseObject(change.json, at + ": json");
  if (!body) return body.error();
  Result<std::string> naturalKey = naturalKeyOf(kind, *body);
  if (!naturalKey) return Error::invalid(at + ": " + naturalKey.error().message);

  std::lock_guard<std::mutex> lock(
      pushLocks[std::hash<std::string>{}(change.targetKey) % pushLocks.size()]);
  // Read before write.
  std::string rwPath =
      fillPath(config.paths.history, {{"{kind}", kind.history}, {"{nip}", change.targetKey}});
  Result<http::Response> current =
      send(request("GET", std::move(rwPath), "rw-" + std::string(kind.history)), true);
  if (!current) {
    Error e = current.error();
    if (e.httpStatus == 404) {
      e.code = ErrorCode::kRejected;
      e.message = at + ": the NIP is not in SIASN (" + e.message + ")";
    }
    return masked(std::move(e));
  }
  Result<rapidjson::Document> rows =
      parseObject(current->body, at + ": rw-" + std::string(kind.history));
  if (!rows) return masked(rows.error());
  const rapidjson::Value* data = memberAt(*rows, "data");
  rapidjson::Value empty(rapidjson::kArrayType);
  Result<bool> present = historyHolds(kind, *body, data ? *data : empty);
  if (!present) return masked(Error{present.error().code, at + ": " + present.error().message});
  if (*present) {
    PushResult result;
    result.applied = true;
    result.alreadyPresent = true;
    result.message = security::maskIdsInText(std::string(kind.kind) + " already in SIASN (" +
                                             *naturalKey + "): not sent again");
    return result;
  }

  http::Request save = request("POST", fillPath(config.paths.save, {{"{kind}", kind.kind}}),
                               std::string(kind.kind) + " save");
  save.headers.emplace_back("Content-Type", "application/json");
  save.body = change.json;
  save.idempotent = false;
  const std::string saveAt = "POST " + save.url;
  Result<http::Response> answer = send(std::move(save), true);
  if (!answer) return writeFailed(answer.error());
  return saveOutcome(*answer, saveAt);
}

Result<PushResult> SiasnConnector::Impl::pushDataUtamaUpdate(const Change& change) {
  const std::string at = where() + " push data-utama-update";
  if (!isNipBaru(change.targetKey))
    return Error::invalid(at + ": targetKey must be the person's 18-digit NIP (nipBaru), got '" +
                          security::maskIdsInText(change.targetKey) + "'");
  Result<rapidjson::Document> body = parseObject(change.json, at + ": json");
  if (!body) return body.error();
  const std::string personId = memberText(*body, "pns_orang_id");
  if (personId.empty()) return Error::invalid(at + ": json has no pns_orang_id");

  std::lock_guard<std::mutex> lock(
      pushLocks[std::hash<std::string>{}(change.targetKey) % pushLocks.size()]);
  Result<http::Response> current = send(
      request("GET", fillPath(config.paths.dataUtama, {{"{nip}", change.targetKey}}), "data-utama"),
      true);
  if (!current) {
    Error e = current.error();
    if (e.httpStatus == 404) e.code = ErrorCode::kRejected;
    return masked(std::move(e));
  }
  Result<rapidjson::Document> doc = parseObject(current->body, at + ": data-utama");
  if (!doc) return masked(doc.error());
  const rapidjson::Value* data = memberAt(*doc, "data");
  if (data == nullptr || !data->IsObject())
    return masked(Error::parse(at + ": data-utama answer has no \"data\" object"));
  if (std::string id = memberText(*data, "id"); !id.empty() && id != personId)
    return Error::invalid(at + ": targetKey's person id is " + id + " but pns_orang_id is " +
                          personId + " (targetKey must be that person's NIP)");
  if (dataUtamaHolds(*body, *data)) {
    PushResult result;
    result.applied = true;
    result.alreadyPresent = true;
    result.targetId = personId;
    result.message = "every field already has its value in SIASN: not sent again";
    return result;
  }
  http::Request update = request("POST", config.paths.dataUtamaUpdate, "data-utama-update");
  update.headers.emplace_back("Content-Type", "application/json");
  update.body = change.json;
  // Not re-sent by the HTTP client: a retry goes back through the outbox and reads first, so
  // SIASN records the update once even when the answer was lost.
  update.idempotent = false;
  const std::string updateAt = "POST " + update.url;
  Result<http::Response> answer = send(std::move(update), true);
  if (!answer) return writeFailed(answer.error());
  Result<PushResult> result = saveOutcome(*answer, updateAt);
  if (result && result->targetId.empty()) result->targetId = personId;
  return result;
}

}  // namespace sinkron::connectors::siasn
