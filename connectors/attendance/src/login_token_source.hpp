#pragma once
// A TokenSource for apps with a JSON login (Laravel style: POST {"username","password"} ->
// {"token","token_type","expires_in"}): the token is cached until `margin` before it expires, and
// one login is in flight at a time, shared by every waiting request.
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sinkron/connectors/http_client.hpp"
#include "sinkron/connectors/token_source.hpp"
#include "sinkron/security/secret.hpp"

namespace sinkron::connectors::attendance {

class LoginTokenSource : public auth::TokenSource,
                         public std::enable_shared_from_this<LoginTokenSource> {
 public:
  LoginTokenSource(std::shared_ptr<http::HttpClient> client, std::string loginUrl,
                   std::string username, security::Secret password,
                   std::chrono::seconds margin = std::chrono::seconds(60));
  void token(Callback done) override;
  void invalidate(const std::string& token) override;
  std::uint64_t logins() const;

 private:
  void finish(Result<http::Response> answer);

  std::shared_ptr<http::HttpClient> client_;
  std::string loginUrl_, username_;
  security::Secret password_;
  std::chrono::seconds margin_;
  mutable std::mutex mutex_;
  security::Secret token_;
  std::chrono::steady_clock::time_point expires_{};
  bool inFlight_ = false;
  std::vector<Callback> waiting_;
  std::uint64_t logins_ = 0;
};

}  // namespace sinkron::connectors::attendance
