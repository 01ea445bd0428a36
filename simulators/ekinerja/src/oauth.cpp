#include "oauth.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>

namespace sinkron::sim::ekinerja {
namespace {

struct Credentials {
  std::optional<std::string> grantType, clientId, clientSecret;
};

// Compares without an early exit so that the time taken does not reveal the matching prefix.
bool sameSecret(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < a.size(); ++i)
    diff |= static_cast<unsigned char>(a[i] ^ (i < b.size() ? b[i] : 0));
  return diff == 0;
}

bool isJson(const HttpRequest& request) {
  std::string_view type = request.header("content-type").value_or("");
  if (type.find("json") != std::string_view::npos) return true;
  std::size_t first = request.body.find_first_not_of(" \t\r\n");
  return first != std::string::npos && request.body[first] == '{';
}

// nullopt when the JSON body is malformed or a field is not a string.
std::optional<Credentials> parseCredentials(const HttpRequest& request) {
  Credentials c;
  if (!isJson(request)) {
    for (auto& [name, value] : parseForm(request.body)) {
      if (name == "grant_type") c.grantType = value;
      if (name == "client_id") c.clientId = value;
      if (name == "client_secret") c.clientSecret = value;
    }
    return c;
  }
  rapidjson::Document doc;
  doc.Parse(request.body.data(), request.body.size());
  if (doc.HasParseError() || !doc.IsObject()) return std::nullopt;
  auto field = [&](const char* name, std::optional<std::string>& out) {
    auto it = doc.FindMember(name);
    if (it == doc.MemberEnd()) return true;
    if (!it->value.IsString()) return false;
    out.emplace(it->value.GetString(), it->value.GetStringLength());
    return true;
  };
  if (!field("grant_type", c.grantType) || !field("client_id", c.clientId) ||
      !field("client_secret", c.clientSecret))
    return std::nullopt;
  return c;
}

HttpResponse oauthError(int status, std::string_view error, std::string_view description) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("error");
  w.String(error.data(), static_cast<rapidjson::SizeType>(error.size()));
  w.Key("error_description");
  w.String(description.data(), static_cast<rapidjson::SizeType>(description.size()));
  w.Key("message");
  w.String(description.data(), static_cast<rapidjson::SizeType>(description.size()));
  w.EndObject();
  return HttpResponse::json(status, std::string(buffer.GetString(), buffer.GetSize()));
}

}  // namespace

HttpResponse issueToken(const HttpRequest& request, const WorldOptions& options,
                        TokenIssuer& issuer) {
  std::optional<Credentials> c = parseCredentials(request);
  if (!c)
    return oauthError(400, "invalid_request",
                      "The request body must be a JSON object of strings or a form.");
  for (auto [name, value] :
       {std::pair{"grant_type", &c->grantType}, std::pair{"client_id", &c->clientId},
        std::pair{"client_secret", &c->clientSecret}})
    if (!*value || (*value)->empty())
      return oauthError(400, "invalid_request",
                        std::string("The request is missing a required parameter: ") + name + ".");
  if (*c->grantType != "client_credentials")
    return oauthError(400, "unsupported_grant_type",
                      "The authorization grant type is not supported by the authorization "
                      "server: use client_credentials.");
  if (!sameSecret(*c->clientId, options.ekinerjaClientId) ||
      !sameSecret(*c->clientSecret, options.ekinerjaClientSecret))
    return oauthError(401, "invalid_client", "Client authentication failed");
  TokenIssuer::Issued issued = issuer.issue(*c->clientId);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("token_type");
  w.String("Bearer");
  w.Key("expires_in");
  w.Int64(issued.expiresIn.count());
  w.Key("access_token");
  w.String(issued.token.data(), static_cast<rapidjson::SizeType>(issued.token.size()));
  w.EndObject();
  return HttpResponse::json(200, std::string(buffer.GetString(), buffer.GetSize()));
}

std::optional<HttpResponse> rejectUnauthenticated(const HttpRequest& request,
                                                  const TokenIssuer& issuer) {
  std::string_view token = bearerToken(request.header("authorization").value_or(""));
  if (issuer.check(token) == TokenCheck::kValid) return std::nullopt;
  HttpResponse r = HttpResponse::json(401, R"({"message":"Unauthenticated."})");
  r.headers.emplace_back("WWW-Authenticate", "Bearer");
  return r;
}

}  // namespace sinkron::sim::ekinerja
