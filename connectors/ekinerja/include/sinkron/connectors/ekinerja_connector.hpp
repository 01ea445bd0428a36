#pragma once
// EkinerjaConnector: e-Kinerja (BKN) SKP and appraisals, a bearer-token JSON API with OAuth2
// client credentials (POST /oauth/token). A 401 drops the token, fetches a new one and repeats
// the call once; a 422 is Error::rejected naming the URL and the server's message.
//
// Streams (PullRequest::stream, params):
//   skp        keys = NIPs, params tahun. Per NIP: GET skp?nip=&tahun= and the SKP's
//              penilaian; json = {"skp":{...},"penilaian":[...]}. 404 (never filled in) counts as
//              notFound. Cursor = number of keys done (as SIASN's per-NIP streams).
//   penilaian  params unor_id, tahun, periode (TW1..TW4, TAHUNAN): the agency's appraisals of a
//              period, page by page; each page is stored with the next page as cursor ("" once
//              the last page is stored), so an interrupted pull resumes at the first page not
//              stored. Items keyed "<nip>|<periode>".
//   pegawai    params unor_id: the agency's employees with their supervisor, paged the same way;
//              items keyed by NIP.
// No push: e-Kinerja data is read only (push answers kUnsupported).
#include <memory>
#include <string>
#include <vector>

#include "sinkron/connectors/connector.hpp"
#include "sinkron/connectors/ekinerja_config.hpp"
#include "sinkron/connectors/http_client.hpp"

namespace sinkron::connectors::ekinerja {

class EkinerjaConnector : public Connector {
 public:
  static Result<std::unique_ptr<EkinerjaConnector>> create(EkinerjaConfig config,
                                                           http::ClientOptions base = {});
  ~EkinerjaConnector() override;

  std::string name() const override;
  std::vector<std::string> streams() const override;
  Status testConnection() override;
  Result<PullStats> pull(const PullRequest& request, PullSink& sink) override;
  Result<PushResult> push(const Change& change) override;  // always kUnsupported

  http::ClientStats httpStats() const;

 private:
  struct Impl;
  explicit EkinerjaConnector(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sinkron::connectors::ekinerja
