#pragma once
// The OAuth2 side of e-Kinerja (Laravel Passport style): POST /oauth/token with client
// credentials, and the bearer check in front of every /api route.
#include <optional>

#include "sinkron/sim/http_message.hpp"
#include "sinkron/sim/token_issuer.hpp"
#include "sinkron/sim/world.hpp"

namespace sinkron::sim::ekinerja {

// Form or JSON body: grant_type=client_credentials, client_id, client_secret.
// 200 {"token_type":"Bearer","expires_in":..,"access_token":..}; 400 invalid_request /
// unsupported_grant_type; 401 invalid_client.
HttpResponse issueToken(const HttpRequest& request, const WorldOptions& options,
                        TokenIssuer& issuer);

// The 401 {"message":"Unauthenticated."} answer when the request has no valid bearer token.
std::optional<HttpResponse> rejectUnauthenticated(const HttpRequest& request,
                                                  const TokenIssuer& issuer);

}  // namespace sinkron::sim::ekinerja
