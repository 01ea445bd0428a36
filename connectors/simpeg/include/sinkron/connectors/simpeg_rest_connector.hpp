#pragma once
// SimpegRestConnector: the regional SIMPEG's REST API (header X-API-Key).
//
// Streams:
//   pegawai          incremental: GET /api/v1/pegawai?updated_since=&cursor=&limit=, rows in
//                    (updated_at, id_pegawai) order, each mapped to an EmployeeRecord through the
//                    mapping file (raw JSON kept); one sink batch per page. The cursor (see
//                    pegawai_cursor.hpp) combines the watermark for updated_since with the API's
//                    opaque page cursor, so a later pull returns only rows changed since.
//   riwayat-pangkat, riwayat-jabatan, diklat
//                    per key (request.keys: id_pegawai or NIP), concurrently; one item per key
//                    with the raw JSON array; unknown keys count as notFound.
//   unit-kerja, jabatan
//                    full reference tables paged by limit/offset, raw JSON per row (jabatan keeps
//                    id_bos, the supervisor's post); the cursor is "offset:<n>" while running.
// Push kind "pegawai-patch": PATCH /api/v1/pegawai/{targetKey} with `json` (an object of
// corrections), read-before-write: when the employee already has every value, nothing is sent.
#include <memory>
#include <string>
#include <vector>

#include "sinkron/connectors/connector.hpp"
#include "sinkron/connectors/http_client.hpp"
#include "sinkron/connectors/simpeg_rest_config.hpp"

namespace sinkron::connectors::simpeg {

class SimpegRestConnector : public Connector {
 public:
  // Validates the config, loads the mapping and starts an HTTP client. `base` supplies the HTTP
  // options the config does not set (timeouts, proxy, rate limit); name, concurrency, CA file
  // and retry attempts/base delay come from the config.
  static Result<std::unique_ptr<SimpegRestConnector>> create(SimpegRestConfig config,
                                                             http::ClientOptions base = {});
  ~SimpegRestConnector() override;

  std::string name() const override;
  std::vector<std::string> streams() const override;
  Status testConnection() override;
  Result<PullStats> pull(const PullRequest& request, PullSink& sink) override;
  Result<PushResult> push(const Change& change) override;

  http::ClientStats httpStats() const;

 private:
  struct Impl;
  explicit SimpegRestConnector(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sinkron::connectors::simpeg
