#pragma once
// SiasnConnector: the national SIASN (BKN) through its API gateway, with two tokens on every
// per-employee call (gateway "Authorization: Bearer", SSO "Auth: bearer"; DOMAIN.md).
//
// Streams (PullRequest::stream):
//   data-utama            keys = NIPs; one canonical EmployeeRecord per person through the
//                         mapping file (field-name drift tolerated through field_aliases)
//   rw-jabatan, rw-golongan, rw-diklat, rw-kursus, rw-skp22, rw-kinerjaperiodik
//                         keys = NIPs; one item per person, json = the history array
//   referensi/<table>     paged with limit/offset until a short page; json = one row
// Per-NIP streams run `concurrency` requests at once and store batches of `batch_size` keys.
// Their cursor is the number of keys done ("" = 0): keys[0..cursor) are stored, so a restart
// with the same keys resumes after them. 404 counts as notFound (the person is not in SIASN);
// an answer that is malformed or a 400 for one key is a per-key error and the pull goes on; a
// failure of the service itself (after the HTTP client's retries), of the tokens or of the sink
// stops the pull with the cursor at the last stored key. Reference tables: cursor = the next
// offset while pulling, "" once the table is complete.
//
// push(Change): kind kursus, diklat, jabatan, skp22, kinerjaperiodik (POST .../<kind>/save) or
// data-utama-update. Change::targetKey is the person's NIP (nipBaru); Change::json the body in
// SIASN's shape (camelCase, with the person id: pnsOrangId / pnsId / pnsDinilaiId / pns_orang_id).
// Read before write: the person's rw-<kind> (data-utama for updates) is read first and when a row
// with the same natural key exists nothing is sent (alreadyPresent). Saves are sent
// non-idempotent (never repeated by the HTTP client once sent); a business-rule answer (HTTP 200
// with success:false) or a 400 is Error::rejected with the server's message.
#include <memory>
#include <string>
#include <vector>

#include "sinkron/connectors/connector.hpp"
#include "sinkron/connectors/http_client.hpp"
#include "sinkron/connectors/siasn_config.hpp"

namespace sinkron::connectors::siasn {

class SiasnConnector : public Connector {
 public:
  // `base` carries the HTTP options the config does not set (timeouts, proxy, mTLS, circuit).
  static Result<std::unique_ptr<SiasnConnector>> create(SiasnConfig config,
                                                        http::ClientOptions base = {});
  ~SiasnConnector() override;

  std::string name() const override;
  std::vector<std::string> streams() const override;
  Status testConnection() override;
  Result<PullStats> pull(const PullRequest& request, PullSink& sink) override;
  Result<PushResult> push(const Change& change) override;

  http::ClientStats httpStats() const;

 private:
  struct Impl;
  explicit SiasnConnector(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sinkron::connectors::siasn
