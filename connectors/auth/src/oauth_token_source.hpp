#pragma once
// A token fetched from an OAuth2 token endpoint (client credentials or password grant), cached
// until shortly before it expires. One refresh at a time: every caller that arrives while it
// runs waits for the same answer.
#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include "sinkron/connectors/token_source.hpp"

namespace sinkron::connectors::auth::detail {

struct TokenEndpoint {
  std::string url;
  std::string form;                  // the urlencoded request body (holds secrets)
  std::string authorizationHeader;   // "Basic ..." or empty (holds secrets)
  std::vector<std::string> secrets;  // scrubbed from every error text
  std::string describe;              // "client credentials of 'sinkron'" (no secret)
};

class OAuthTokenSource : public TokenSource, public std::enable_shared_from_this<OAuthTokenSource> {
 public:
  using Clock = std::chrono::steady_clock;
  OAuthTokenSource(std::shared_ptr<http::HttpClient> client, TokenEndpoint endpoint,
                   std::chrono::seconds refreshMargin);
  ~OAuthTokenSource() override;  // answers callers still waiting for a refresh
  void token(Callback done) override;
  void invalidate(const std::string& token) override;

 private:
  void refresh();
  void settle(Result<std::string> token, std::chrono::seconds lifetime);
  std::string scrub(std::string text) const;
  Result<std::pair<std::string, std::chrono::seconds>> parseAnswer(const std::string& body) const;

  std::shared_ptr<http::HttpClient> client_;
  TokenEndpoint endpoint_;
  std::chrono::seconds refreshMargin_;
  std::mutex mutex_;
  std::string token_;
  Clock::time_point validUntil_{};
  bool refreshing_ = false;
  std::vector<Callback> waiting_;
};

std::string base64(std::string_view bytes);

}  // namespace sinkron::connectors::auth::detail
