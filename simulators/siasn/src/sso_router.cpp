// The SIASN SSO: Keycloak's resource-owner password grant on realm public-siasn.
#include <openssl/crypto.h>

#include "json_out.hpp"
#include "responses.hpp"
#include "seeded.hpp"
#include "siasn_state.hpp"
#include "sinkron/sim/siasn_sim.hpp"

namespace sinkron::sim {
namespace {

std::string_view formValue(const NameValues& form, std::string_view name) {
  for (const auto& [n, v] : form)
    if (n == name) return v;
  return {};
}

bool same(std::string_view given, std::string_view expected) {
  return given.size() == expected.size() &&
         CRYPTO_memcmp(given.data(), expected.data(), given.size()) == 0;
}

HttpResponse issueSsoToken(siasn::SiasnState& state, const HttpRequest& req) {
  using siasn::oauthError;
  const WorldOptions& options = state.world.options();
  NameValues form = parseForm(req.body);
  std::string_view grant = formValue(form, "grant_type");
  if (grant.empty())
    return oauthError(400, "invalid_request", "Missing form parameter: grant_type");
  if (!same(formValue(form, "client_id"), options.ssoClientId))
    return oauthError(401, "invalid_client", "Invalid client credentials");
  if (grant != "password")
    return oauthError(400, "unsupported_grant_type", "Unsupported grant_type");
  std::string_view username = formValue(form, "username");
  if (!same(username, options.ssoUsername) ||
      !same(formValue(form, "password"), options.ssoPassword))
    return oauthError(401, "invalid_grant", "Invalid user credentials");

  TokenIssuer::Issued issued = state.ssoTokens.issue(username);
  std::uint64_t n = state.ssoTokens.issuedCount();
  rapidjson::StringBuffer buffer;
  siasn::JsonWriter w(buffer);
  w.StartObject();
  siasn::putText(w, "access_token", issued.token);
  siasn::putInt(w, "expires_in", issued.expiresIn.count());
  siasn::putInt(w, "refresh_expires_in", 0);  // no refresh token: clients log in again
  siasn::putText(w, "token_type", "Bearer");
  siasn::putInt(w, "not-before-policy", 0);
  siasn::putText(w, "session_state",
                 siasn::uuidFrom(siasn::hashOf(options.faultSeed, 0x73736f, n, 1),
                                 siasn::hashOf(options.faultSeed, 0x73736f, n, 2)));
  siasn::putText(w, "scope", "email profile");
  w.EndObject();
  return HttpResponse::json(200, siasn::takeString(buffer));
}

}  // namespace

Router siasnSsoRouter(World& world) {
  std::shared_ptr<siasn::SiasnState> state = siasn::siasnStateFor(world);
  Router router;
  router.add("POST", "/auth/realms/public-siasn/protocol/openid-connect/token",
             [state](const HttpRequest& req) { return issueSsoToken(*state, req); });
  return router;
}

}  // namespace sinkron::sim
