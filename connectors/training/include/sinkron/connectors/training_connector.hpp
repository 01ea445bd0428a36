#pragma once
// TrainingConnector: the training system's completions (diklat / kursus), header X-API-Key.
//
// Stream "completions": GET /api/v1/completions?updated_since=&cursor=&limit=, rows in
// (updated_at, id) order, one sink batch per page. Items are keyed by completion id; their JSON is
//   {"completion":{...as the API sent it...},"attendee":{"nip":"..."|null,"nik":"..."|null}}
// where `attendee` is the resolution hint exactly as given (NIPs are often mistyped: matching
// them to people is the reconciler's job). Cursor "v1|<updated_since>|<page>|<watermark>": during
// a pull the API's opaque page cursor, after a complete pull updated_since = the largest stored
// updated_at (the API keeps rows updated strictly after it).
// No push: completions go to SIASN kursus/diklat through the SIASN connector.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "sinkron/connectors/connector.hpp"
#include "sinkron/connectors/http_client.hpp"
#include "sinkron/security/secret.hpp"

namespace sinkron::connectors::training {

struct TrainingConfig {
  std::string name = "training";
  std::string baseUrl;      // "https://diklat.example.go.id"
  security::Secret apiKey;  // header X-API-Key
  std::string caFile;       // optional PEM bundle
  int pageSize = 100;       // 1..500 (the API's limit)
  int maxAttempts = 5;
  std::chrono::milliseconds retryBaseDelay{200};

  Status validate() const;
};

class TrainingConnector : public Connector {
 public:
  static Result<std::unique_ptr<TrainingConnector>> create(TrainingConfig config,
                                                           http::ClientOptions base = {});
  ~TrainingConnector() override;

  std::string name() const override;
  std::vector<std::string> streams() const override;
  Status testConnection() override;
  Result<PullStats> pull(const PullRequest& request, PullSink& sink) override;
  Result<PushResult> push(const Change& change) override;  // always kUnsupported

  http::ClientStats httpStats() const;

 private:
  struct Impl;
  explicit TrainingConnector(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sinkron::connectors::training
