#pragma once
// A SIASN gateway + SSO pair on one World, called through Router::dispatch (no sockets), with
// helpers to log in and to read JSON answers.
#include <rapidjson/document.h>

#include <string>
#include <utility>

#include "sinkron/sim/siasn_sim.hpp"

namespace sinkron::sim::testing {

inline WorldOptions smallWorld(std::uint64_t seed = 7) {
  WorldOptions o;
  o.population.seed = seed;
  o.population.people = 500;
  return o;
}

struct SiasnHarness {
  World world;
  Router gateway, sso;
  std::string gatewayToken, ssoToken;

  explicit SiasnHarness(WorldOptions options = smallWorld())
      : world(std::move(options)), gateway(siasnGatewayRouter(world)), sso(siasnSsoRouter(world)) {}

  static HttpResponse call(const Router& router, std::string method, std::string target,
                           std::string body = {}, NameValues headers = {}, bool fieldDrift = false,
                           std::string* route = nullptr) {
    HttpRequest req;
    req.method = std::move(method);
    req.target = std::move(target);
    req.parseTarget();
    req.body = std::move(body);
    req.headers = std::move(headers);
    req.fieldDrift = fieldDrift;
    return router.dispatch(req, route);
  }

  HttpResponse requestSsoToken(std::string form) {
    return call(sso, "POST", "/auth/realms/public-siasn/protocol/openid-connect/token",
                std::move(form), {{"content-type", "application/x-www-form-urlencoded"}});
  }
  HttpResponse requestGatewayToken(std::string basic, std::string form) {
    return call(gateway, "POST", "/oauth2/token", std::move(form),
                {{"authorization", "Basic " + basic}});
  }

  // Both tokens, with the World's configured credentials.
  void login();

  NameValues authHeaders() const {
    return {{"authorization", "Bearer " + gatewayToken}, {"auth", "bearer " + ssoToken}};
  }
  HttpResponse get(std::string target, bool fieldDrift = false) {
    return call(gateway, "GET", std::move(target), {}, authHeaders(), fieldDrift);
  }
  HttpResponse post(std::string target, std::string body) {
    return call(gateway, "POST", std::move(target), std::move(body), authHeaders());
  }
};

inline rapidjson::Document parseJson(const std::string& body) {
  rapidjson::Document doc;
  doc.Parse(body.c_str(), body.size());
  return doc;
}

inline std::string str(const rapidjson::Value& v, const char* name) {
  auto it = v.FindMember(name);
  if (it == v.MemberEnd() || !it->value.IsString()) return "<absent or not a string>";
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

// base64 of "key:secret" for the Basic header (test-side encoder, independent of the server's).
inline std::string base64(std::string_view in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < in.size(); i += 3) {
    unsigned n = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) n |= static_cast<unsigned char>(in[i + 1]) << 8;
    if (i + 2 < in.size()) n |= static_cast<unsigned char>(in[i + 2]);
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    out.push_back(i + 1 < in.size() ? kAlphabet[(n >> 6) & 63] : '=');
    out.push_back(i + 2 < in.size() ? kAlphabet[n & 63] : '=');
  }
  return out;
}

inline void SiasnHarness::login() {
  const WorldOptions& o = world.options();
  HttpResponse g = requestGatewayToken(base64(o.consumerKey + ":" + o.consumerSecret),
                                       "grant_type=client_credentials");
  gatewayToken = str(parseJson(g.body), "access_token");
  HttpResponse s = requestSsoToken("grant_type=password&client_id=" + o.ssoClientId +
                                   "&username=" + o.ssoUsername + "&password=" + o.ssoPassword);
  ssoToken = str(parseJson(s.body), "access_token");
}

}  // namespace sinkron::sim::testing
