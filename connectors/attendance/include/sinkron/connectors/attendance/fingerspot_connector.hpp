#pragma once
// FingerspotConnector: pulls punches from a Fingerspot-style cloud (POST {base}/api/v1/get_attlog
// with a bearer API token and {trans_id, cloud_id, start_date, end_date}). The cloud answers at
// most 2 days per call, so a date range is pulled in windows of `window_days` (1..2); each window
// (all cloud ids) is one PullBatch whose cursor is the window's end date, so the cursor is the
// last fully stored day. `success:false` answers are rejected with the cloud's message.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "sinkron/connectors/connector.hpp"
#include "sinkron/connectors/http_client.hpp"
#include "sinkron/connectors/token_source.hpp"
#include "sinkron/result.hpp"
#include "sinkron/security/secret.hpp"

namespace sinkron::connectors::attendance {

struct FingerspotConfig {
  std::string name = "fingerspot";
  std::string baseUrl;  // "https://cloud.example.id" (no trailing slash)
  std::string attlogPath = "/api/v1/get_attlog";
  std::string allPinPath = "/api/v1/get_all_pin";  // testConnection()
  security::Secret token;                          // the portal-issued API token
  std::vector<std::string> cloudIds;
  std::string caFile;  // PEM bundle to trust instead of the system's
  std::string timeZone = "Asia/Jakarta";
  int windowDays = 2;
  http::ClientOptions
      client;  // timeouts, retry, proxy, rate; name and tls.caFile are set from above

  Status validate() const;  // errors name the key
};

// Parses the `fingerspot:` mapping of a YAML file: name, base_url, attlog_path, all_pin_path,
// token_env (environment variable holding the token) or token_file, cloud_ids, ca_file,
// time_zone, window_days, proxy, max_concurrency, timeout_ms. Unknown keys are errors with
// file:line; runs validate().
Result<FingerspotConfig> parseFingerspotConfig(const YAML::Node& node, std::string_view file);

// Stream "attlog"; params start_date and end_date (yyyy-mm-dd, inclusive). A cursor (the last
// stored day) moves the start past it. Items: key "cloud_id|pin|scan_date", json
// {"cloud_id","pin","scan_date","verify","status_scan","time_zone"}.
class FingerspotConnector : public Connector {
 public:
  static Result<std::unique_ptr<FingerspotConnector>> create(FingerspotConfig config);
  // With a caller's client (shared between connectors) and token source.
  FingerspotConnector(FingerspotConfig config, std::shared_ptr<http::HttpClient> client,
                      std::shared_ptr<auth::TokenSource> token);

  std::string name() const override { return config_.name; }
  std::vector<std::string> streams() const override { return {"attlog"}; }
  Status testConnection() override;
  Result<PullStats> pull(const PullRequest& request, PullSink& sink) override;
  Result<PushResult> push(const Change& change) override;

  std::uint64_t callsMade() const { return calls_; }  // get_attlog requests (for tests/metrics)

 private:
  Result<http::Response> post(const std::string& path, const std::string& body,
                              const std::string& label);
  Result<std::vector<PulledItem>> window(const std::string& cloudId, const std::string& start,
                                         const std::string& end);

  FingerspotConfig config_;
  std::shared_ptr<http::HttpClient> client_;
  std::shared_ptr<auth::TokenSource> token_;
  std::uint64_t calls_ = 0;
};

}  // namespace sinkron::connectors::attendance
