// The three kinds of token source and the blocking helper.
#include <future>

#include "oauth_token_source.hpp"
#include "sinkron/connectors/token_source.hpp"

namespace sinkron::connectors::auth {
namespace {

class StaticTokenSource : public TokenSource {
 public:
  explicit StaticTokenSource(security::Secret token) : token_(std::move(token)) {}
  void token(Callback done) override {
    bool rejected = false;
    {
      std::lock_guard lock(mutex_);
      rejected = rejected_;
    }
    if (token_.empty())
      done(Error::invalid("pre-issued token is empty; put it in the secrets store"));
    else if (rejected)
      done(
          Error::rejected("the pre-issued token was rejected by the server; issue a new one", 401));
    else
      done(token_.reveal());
  }
  void invalidate(const std::string& token) override {
    std::lock_guard lock(mutex_);
    if (token == token_.reveal()) rejected_ = true;
  }

 private:
  security::Secret token_;
  std::mutex mutex_;
  bool rejected_ = false;
};

}  // namespace

Result<std::string> TokenSource::tokenBlocking() {
  std::promise<Result<std::string>> promise;
  auto answer = promise.get_future();
  token([&promise](Result<std::string> r) { promise.set_value(std::move(r)); });
  return answer.get();
}

std::shared_ptr<TokenSource> clientCredentialsSource(std::shared_ptr<http::HttpClient> client,
                                                     ClientCredentials config,
                                                     std::chrono::seconds refreshMargin) {
  detail::TokenEndpoint endpoint;
  endpoint.url = config.tokenUrl;
  endpoint.form = "grant_type=client_credentials";
  if (!config.scope.empty()) endpoint.form += "&scope=" + http::urlEncode(config.scope);
  if (config.basicAuth) {
    endpoint.authorizationHeader =
        "Basic " + detail::base64(config.clientId + ":" + config.clientSecret.reveal());
  } else {
    endpoint.form += "&client_id=" + http::urlEncode(config.clientId) +
                     "&client_secret=" + http::urlEncode(config.clientSecret.reveal());
  }
  endpoint.secrets = {config.clientSecret.reveal(), http::urlEncode(config.clientSecret.reveal())};
  endpoint.describe = "client credentials of '" + config.clientId + "' at " + config.tokenUrl;
  return std::make_shared<detail::OAuthTokenSource>(std::move(client), std::move(endpoint),
                                                    refreshMargin);
}

std::shared_ptr<TokenSource> passwordGrantSource(std::shared_ptr<http::HttpClient> client,
                                                 PasswordGrant config,
                                                 std::chrono::seconds refreshMargin) {
  detail::TokenEndpoint endpoint;
  endpoint.url = config.tokenUrl;
  endpoint.form = "grant_type=password&client_id=" + http::urlEncode(config.clientId) +
                  "&username=" + http::urlEncode(config.username) +
                  "&password=" + http::urlEncode(config.password.reveal());
  endpoint.secrets = {config.password.reveal(), http::urlEncode(config.password.reveal())};
  endpoint.describe = "password grant of user '" + config.username + "' at " + config.tokenUrl;
  return std::make_shared<detail::OAuthTokenSource>(std::move(client), std::move(endpoint),
                                                    refreshMargin);
}

std::shared_ptr<TokenSource> staticTokenSource(security::Secret token) {
  return std::make_shared<StaticTokenSource>(std::move(token));
}

}  // namespace sinkron::connectors::auth
