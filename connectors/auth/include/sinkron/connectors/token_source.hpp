#pragma once
// Tokens for HTTP APIs: OAuth2 client credentials (HTTP Basic), the password grant (Keycloak),
// and pre-issued tokens from the secrets store. A token is cached until shortly before it
// expires; a single refresh is in flight at a time and every waiting request shares it.
// Secrets never appear in logs or error messages.
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "sinkron/connectors/http_client.hpp"
#include "sinkron/result.hpp"
#include "sinkron/security/secret.hpp"

namespace sinkron::connectors::auth {

class TokenSource {
 public:
  using Callback = std::function<void(Result<std::string>)>;
  virtual ~TokenSource() = default;
  // Calls back (possibly at once, possibly on the HTTP client's I/O thread) with a valid token.
  virtual void token(Callback done) = 0;
  // The server rejected `token`: drop it so the next token() fetches a new one (a no-op when a
  // newer token is already cached).
  virtual void invalidate(const std::string& token) = 0;
  Result<std::string> tokenBlocking();  // for callers outside the I/O thread
};

struct ClientCredentials {
  std::string tokenUrl;
  std::string clientId;
  security::Secret clientSecret;
  bool basicAuth = true;  // credentials in HTTP Basic (SIASN gateway) or in the form body
  std::string scope;
};
struct PasswordGrant {
  std::string tokenUrl;
  std::string clientId;
  std::string username;
  security::Secret password;
};

std::shared_ptr<TokenSource> clientCredentialsSource(
    std::shared_ptr<http::HttpClient> client, ClientCredentials config,
    std::chrono::seconds refreshMargin = std::chrono::seconds(60));
std::shared_ptr<TokenSource> passwordGrantSource(
    std::shared_ptr<http::HttpClient> client, PasswordGrant config,
    std::chrono::seconds refreshMargin = std::chrono::seconds(60));
// A pre-issued token (from the secrets store); invalidate() makes token() fail with a clear
// "token rejected; issue a new one" error.
std::shared_ptr<TokenSource> staticTokenSource(security::Secret token);

// How a token is attached to a request.
struct TokenBinding {
  std::shared_ptr<TokenSource> source;
  std::string header = "Authorization";  // SIASN SSO: "Auth"
  std::string prefix = "Bearer ";        // SIASN SSO: "bearer "
};

// Whether an answer means "your token is no good": 401, or the token-error shapes of DOMAIN.md
// ("invalid or expired jwt", "Token SSO mismatch", gateway 900901 ...).
bool isTokenRejection(long status, std::string_view body);

// Sends `request` with every binding's token attached; on a token rejection drops all of them,
// fetches new ones once and retries once. `done` runs on the client's I/O thread.
void sendAuthorized(http::HttpClient& client, std::vector<TokenBinding> bindings,
                    http::Request request, http::HttpClient::Callback done);
Result<http::Response> sendAuthorizedBlocking(http::HttpClient& client,
                                              std::vector<TokenBinding> bindings,
                                              http::Request request);

}  // namespace sinkron::connectors::auth
