#pragma once
// EpresensiConnector: pulls person-days from a regional e-presensi app (Laravel-style JSON):
// POST {base}/api/login {"username","password"} -> token (cached, one login shared, a new login
// once on 401), then GET {base}/api/v1/presensi?tanggal_mulai=&tanggal_selesai=[&unor_id=]
// &page=&per_page= in windows of at most 31 days. One PullBatch per page; the cursor (the last
// fully stored day) moves only with the last page of a window.
#include <memory>
#include <string>
#include <vector>

#include "sinkron/connectors/connector.hpp"
#include "sinkron/connectors/http_client.hpp"
#include "sinkron/result.hpp"
#include "sinkron/security/secret.hpp"

namespace sinkron::connectors::attendance {

class LoginTokenSource;

struct EpresensiConfig {
  std::string name = "epresensi";
  std::string baseUrl;
  std::string loginPath = "/api/login";
  std::string presensiPath = "/api/v1/presensi";
  std::string username;
  security::Secret password;
  std::vector<std::string> unorIds;  // empty = every unit in one listing
  int windowDays = 31;               // 1..31
  int perPage = 1000;                // 1..1000
  std::string timeZone = "Asia/Jakarta";
  std::string caFile;
  http::ClientOptions client;

  Status validate() const;  // errors name the key
};

// Stream "presensi"; params start_date, end_date (yyyy-mm-dd, inclusive). Items: key
// "nip|tanggal", json {"nip","tanggal","jam_in","jam_out","status","lokasi","time_zone"} (times
// "" when absent; jam_masuk/jam_pulang accepted for jam_in/jam_out).
class EpresensiConnector : public Connector {
 public:
  static Result<std::unique_ptr<EpresensiConnector>> create(EpresensiConfig config);
  ~EpresensiConnector() override;

  std::string name() const override { return config_.name; }
  std::vector<std::string> streams() const override { return {"presensi"}; }
  Status testConnection() override;  // logs in
  Result<PullStats> pull(const PullRequest& request, PullSink& sink) override;
  Result<PushResult> push(const Change& change) override;

  std::uint64_t logins() const;
  std::uint64_t pagesFetched() const { return pages_; }

 private:
  EpresensiConnector(EpresensiConfig config, std::shared_ptr<http::HttpClient> client);
  struct Page {
    std::vector<PulledItem> items;
    std::uint64_t lastPage = 1;
  };
  Result<Page> page(const std::string& start, const std::string& end, const std::string& unorId,
                    std::uint64_t number);

  EpresensiConfig config_;
  std::shared_ptr<http::HttpClient> client_;
  std::shared_ptr<LoginTokenSource> token_;
  std::uint64_t pages_ = 0;
};

}  // namespace sinkron::connectors::attendance
