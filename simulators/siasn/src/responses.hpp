#pragma once
// The answer shapes of the SIASN gateway (DOMAIN.md "SIASN"): not found, validation, business
// rule (HTTP 200!), saved, gateway 401, SSO-token 401, OAuth2 errors.
#include <string>
#include <string_view>
#include <vector>

#include "sinkron/sim/http_message.hpp"

namespace sinkron::sim::siasn {

// "1 error occurred: a" / "3 errors occurred: a; b; c".
std::string errorCountMessage(const std::vector<std::string>& errors);

HttpResponse notFound();                                                // 404 Data tidak ditemukan
HttpResponse validationFailed(const std::vector<std::string>& errors);  // 400
HttpResponse businessRule(std::string_view message);                    // 200 success:false
// 200 {"success":true,"mapData":{idKey:id},"message":"success"}; idKey empty -> mapData null.
HttpResponse saved(std::string_view idKey, std::string_view id);
// 401 {"code":900901,...} for the API context ("/apisiasn/1.0", "1.0").
HttpResponse gatewayInvalidCredentials(std::string_view context, std::string_view version);
// 401 {"code":0,"message":...} for a missing/expired/revoked or mismatched SSO token.
HttpResponse ssoTokenRejected(std::string_view message);
// {"error":..,"error_description":..} as OAuth2 servers answer.
HttpResponse oauthError(int status, std::string_view error, std::string_view description);

}  // namespace sinkron::sim::siasn
