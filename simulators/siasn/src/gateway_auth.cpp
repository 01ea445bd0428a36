// The gateway's OAuth2 client-credentials token (WSO2 API Manager style) and the token guard
// in front of every API route.
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cctype>
#include <optional>
#include <string>

#include "json_out.hpp"
#include "responses.hpp"
#include "routes.hpp"

namespace sinkron::sim::siasn {
namespace {

bool startsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  return true;
}

std::optional<std::string> base64Decode(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::string out(text.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  // EVP_DecodeBlock decodes padding as zero bytes: drop them.
  std::size_t padding = text.ends_with("==") ? 2 : text.ends_with("=") ? 1 : 0;
  out.resize(static_cast<std::size_t>(n) - padding);
  return out;
}

// "Basic base64(key:secret)" -> (key, secret).
std::optional<std::pair<std::string, std::string>> basicCredentials(const HttpRequest& req) {
  std::optional<std::string_view> header = req.header("authorization");
  if (!header || !startsWithNoCase(*header, "basic ")) return std::nullopt;
  std::string_view encoded = header->substr(6);
  while (!encoded.empty() && encoded.front() == ' ') encoded.remove_prefix(1);
  while (!encoded.empty() && encoded.back() == ' ') encoded.remove_suffix(1);
  std::optional<std::string> decoded = base64Decode(encoded);
  if (!decoded) return std::nullopt;
  std::size_t colon = decoded->find(':');
  if (colon == std::string::npos) return std::nullopt;
  return std::make_pair(decoded->substr(0, colon), decoded->substr(colon + 1));
}

bool sameSecret(std::string_view given, std::string_view expected) {
  return given.size() == expected.size() &&
         CRYPTO_memcmp(given.data(), expected.data(), given.size()) == 0;
}

std::string_view formValue(const NameValues& form, std::string_view name) {
  for (const auto& [n, v] : form)
    if (n == name) return v;
  return {};
}

HttpResponse issueGatewayToken(SiasnState& state, const HttpRequest& req) {
  const WorldOptions& options = state.world.options();
  auto credentials = basicCredentials(req);
  if (!credentials || !sameSecret(credentials->first, options.consumerKey) ||
      !sameSecret(credentials->second, options.consumerSecret))
    return oauthError(401, "invalid_client", "Client Authentication failed.");
  NameValues form = parseForm(req.body);
  std::string_view grant = formValue(form, "grant_type");
  if (grant.empty())
    return oauthError(400, "invalid_request", "Missing grant_type parameter value");
  if (grant != "client_credentials")
    return oauthError(400, "unsupported_grant_type", "Unsupported grant_type value");

  TokenIssuer::Issued issued = state.gatewayTokens.issue(credentials->first);
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  putText(w, "access_token", issued.token);
  putText(w, "scope", "default");
  putText(w, "token_type", "Bearer");
  putInt(w, "expires_in", issued.expiresIn.count());
  w.EndObject();
  return HttpResponse::json(200, takeString(buffer));
}

}  // namespace

void addGatewayTokenRoute(Router& router, StatePtr state) {
  router.add("POST", "/oauth2/token",
             [state](const HttpRequest& req) { return issueGatewayToken(*state, req); });
}

Handler guarded(StatePtr state, ApiScope scope, Handler inner) {
  return [state, scope, inner = std::move(inner)](const HttpRequest& req) -> HttpResponse {
    std::string_view gateway = bearerToken(req.header("authorization").value_or(""));
    if (state->gatewayTokens.check(gateway) != TokenCheck::kValid) {
      return scope == ApiScope::kPns ? gatewayInvalidCredentials(kPnsApi, "1.0")
                                     : gatewayInvalidCredentials("/referensi_siasn/1", "1");
    }
    if (scope == ApiScope::kPns) {
      std::string_view sso = bearerToken(req.header("auth").value_or(""));
      switch (state->ssoTokens.check(sso)) {
        case TokenCheck::kValid:
          break;
        // A well-formed token this SSO never issued: SIASN's answer for a token of another
        // realm or environment.
        case TokenCheck::kUnknown:
          return ssoTokenRejected("Token SSO mismatch");
        default:
          return ssoTokenRejected("invalid or expired jwt");
      }
    }
    return inner(req);
  };
}

}  // namespace sinkron::sim::siasn
