// Token sources and sendAuthorized against the in-process SIASN gateway and SSO simulators: the
// token is cached, an expired or revoked token is refreshed exactly once (also under 50
// concurrent requests), bad credentials fail without the secret, and the SSO "Auth: bearer"
// binding works.
#include <atomic>
#include <catch2/catch.hpp>
#include <future>

#include "sinkron/connectors/token_source.hpp"
#include "sinkron/sim/admin_routes.hpp"
#include "sinkron/sim/siasn_sim.hpp"
#include "sinkron/sim/sim_server.hpp"

using namespace sinkron;
using namespace sinkron::connectors;
using http::ClientOptions;
using http::HttpClient;
using http::Request;
using http::Response;

namespace {

sim::WorldOptions smallWorld() {
  sim::WorldOptions options;
  options.population.people = 200;
  options.population.seed = 5;
  return options;
}

// SIASN gateway and SSO on two loopback ports sharing one World.
struct Siasn {
  sim::World world;
  std::unique_ptr<sim::SimServer> gateway, sso;

  explicit Siasn(sim::WorldOptions options = smallWorld()) : world(std::move(options)) {
    gateway = start("siasn", sim::siasnGatewayRouter(world));
    sso = start("sso", sim::siasnSsoRouter(world));
  }
  std::unique_ptr<sim::SimServer> start(const std::string& system, sim::Router router) {
    sim::addAdminRoutes(router, world);
    sim::SimServerOptions options;
    options.system = system;
    auto started = sim::SimServer::start(options, std::move(router), world);
    if (!started) FAIL(started.error().message);
    return std::move(*started);
  }
  std::string nip(std::uint64_t k = 0) const {
    for (std::uint64_t i = k;; ++i) {
      auto records = world.population().records(i);
      if (records.person.inSiasn) return records.person.nipBaru;
    }
  }
  Request dataUtama(const std::string& nip) const {
    Request r;
    r.url = gateway->baseUrl() + "/apisiasn/1.0/pns/data-utama/" + nip;
    r.label = "siasn data-utama";
    return r;
  }
  auth::ClientCredentials gatewayCredentials(std::string secret = "demo-secret") const {
    auth::ClientCredentials c;
    c.tokenUrl = gateway->baseUrl() + "/oauth2/token";
    c.clientId = "sinkron-demo";
    c.clientSecret = security::Secret(std::move(secret));
    return c;
  }
  auth::PasswordGrant ssoLogin(std::string password = "demo-password") const {
    auth::PasswordGrant g;
    g.tokenUrl = sso->baseUrl() + "/auth/realms/public-siasn/protocol/openid-connect/token";
    g.clientId = "sinkron";
    g.username = "operator";
    g.password = security::Secret(std::move(password));
    return g;
  }
  std::uint64_t gatewayIssued() { return world.tokens("siasn-gateway").issuedCount(); }
  std::uint64_t ssoIssued() { return world.tokens("siasn-sso").issuedCount(); }
};

std::shared_ptr<HttpClient> makeClient(int concurrency = 8) {
  ClientOptions o;
  o.name = "auth-test";
  o.maxConcurrency = concurrency;
  o.retry.baseDelay = std::chrono::milliseconds(5);
  o.retry.maxDelay = std::chrono::milliseconds(50);
  auto client = HttpClient::create(o);
  if (!client) FAIL(client.error().message);
  return *client;
}

struct SiasnBindings {
  std::shared_ptr<auth::TokenSource> gateway, sso;
  std::vector<auth::TokenBinding> list() const {
    return {{gateway, "Authorization", "Bearer "}, {sso, "Auth", "bearer "}};
  }
};

SiasnBindings siasnBindings(Siasn& s, const std::shared_ptr<HttpClient>& client) {
  return {auth::clientCredentialsSource(client, s.gatewayCredentials()),
          auth::passwordGrantSource(client, s.ssoLogin())};
}

}  // namespace

TEST_CASE("isTokenRejection knows the token-error shapes", "[auth]") {
  CHECK(auth::isTokenRejection(401, ""));
  CHECK(auth::isTokenRejection(400, R"({"message":"invalid or expired jwt"})"));
  CHECK(auth::isTokenRejection(200, R"({"code":0,"message":"Token SSO mismatch"})"));
  CHECK(auth::isTokenRejection(403, R"({"code":900902,"message":"Missing Credentials"})"));
  CHECK(auth::isTokenRejection(403, R"({"message":"Unauthenticated."})"));
  CHECK(auth::isTokenRejection(400, R"({"error":"invalid_token"})"));
  CHECK_FALSE(auth::isTokenRejection(200, R"({"data":{"nama":"BUDI"},"code":1})"));
  CHECK_FALSE(auth::isTokenRejection(404, R"({"code":0,"data":"Data tidak ditemukan"})"));
  CHECK_FALSE(auth::isTokenRejection(500, "invalid_token"));
}

TEST_CASE("both SIASN tokens are fetched once and cached", "[auth]") {
  Siasn s;
  auto client = makeClient();
  auto bindings = siasnBindings(s, client);
  for (int i = 0; i < 20; ++i) {
    auto answer = auth::sendAuthorizedBlocking(*client, bindings.list(), s.dataUtama(s.nip(i)));
    REQUIRE(answer.ok());
    CHECK_THAT(answer->body, Catch::Contains(s.nip(i)));
  }
  CHECK(s.gatewayIssued() == 1);
  CHECK(s.ssoIssued() == 1);
}

TEST_CASE("a revoked token is refreshed exactly once and the call succeeds", "[auth][fault]") {
  Siasn s;
  auto client = makeClient();
  auto bindings = siasnBindings(s, client);
  REQUIRE(auth::sendAuthorizedBlocking(*client, bindings.list(), s.dataUtama(s.nip())).ok());
  REQUIRE(s.world.faults().addFromJson(R"({"system":"siasn","route":"*","kind":"token_revoke"})"));
  s.world.applyRevocations();
  auto answer = auth::sendAuthorizedBlocking(*client, bindings.list(), s.dataUtama(s.nip(1)));
  REQUIRE(answer.ok());
  CHECK(s.gatewayIssued() == 2);
  CHECK(s.ssoIssued() == 2);
}

TEST_CASE("an expired token is refreshed once", "[auth]") {
  sim::WorldOptions options = smallWorld();
  options.gatewayTokenLifetime = std::chrono::seconds(1);
  Siasn s(options);
  auto client = makeClient();
  auto bindings = siasnBindings(s, client);
  REQUIRE(auth::sendAuthorizedBlocking(*client, bindings.list(), s.dataUtama(s.nip())).ok());
  CHECK(s.gatewayIssued() == 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // let the token expire
  auto answer = auth::sendAuthorizedBlocking(*client, bindings.list(), s.dataUtama(s.nip(1)));
  REQUIRE(answer.ok());
  CHECK(s.gatewayIssued() == 2);
}

TEST_CASE("50 concurrent requests after a revocation cause one refresh", "[auth][fault]") {
  Siasn s;
  auto client = makeClient(16);
  auto bindings = siasnBindings(s, client);
  REQUIRE(auth::sendAuthorizedBlocking(*client, bindings.list(), s.dataUtama(s.nip())).ok());
  REQUIRE(s.world.faults().addFromJson(R"({"system":"siasn","route":"*","kind":"token_revoke"})"));
  s.world.applyRevocations();

  constexpr int kRequests = 50;
  std::atomic<int> ok{0}, remaining{kRequests};
  std::promise<void> allDone;
  for (int i = 0; i < kRequests; ++i) {
    auth::sendAuthorized(*client, bindings.list(), s.dataUtama(s.nip(i)), [&](Result<Response> r) {
      if (r) ++ok;
      if (--remaining == 0) allDone.set_value();
    });
  }
  allDone.get_future().wait();
  CHECK(ok == kRequests);
  CHECK(s.gatewayIssued() == 2);
  CHECK(s.ssoIssued() == 2);
}

TEST_CASE("bad credentials give a clear error without the secret", "[auth]") {
  Siasn s;
  auto client = makeClient();
  SECTION("gateway client credentials") {
    auto source = auth::clientCredentialsSource(client, s.gatewayCredentials("wrong-s3cret"));
    auto token = source->tokenBlocking();
    REQUIRE_FALSE(token.ok());
    CHECK(token.error().httpStatus == 401);
    CHECK_THAT(token.error().message, Catch::Contains("sinkron-demo"));
    CHECK_THAT(token.error().message, Catch::Contains("Client Authentication failed"));
    CHECK_THAT(token.error().message, !Catch::Contains("wrong-s3cret"));
  }
  SECTION("SSO password grant") {
    auto source = auth::passwordGrantSource(client, s.ssoLogin("wrong-pa55word"));
    auto token = source->tokenBlocking();
    REQUIRE_FALSE(token.ok());
    CHECK_THAT(token.error().message, Catch::Contains("Invalid user credentials"));
    CHECK_THAT(token.error().message, !Catch::Contains("wrong-pa55word"));
  }
  SECTION("through sendAuthorized") {
    SiasnBindings b{auth::clientCredentialsSource(client, s.gatewayCredentials("wrong-s3cret")),
                    auth::passwordGrantSource(client, s.ssoLogin())};
    auto answer = auth::sendAuthorizedBlocking(*client, b.list(), s.dataUtama(s.nip()));
    REQUIRE_FALSE(answer.ok());
    CHECK_THAT(answer.error().message, Catch::Contains("cannot get a token"));
    CHECK_THAT(answer.error().message, !Catch::Contains("wrong-s3cret"));
  }
}

TEST_CASE("SSO token binding: Auth: bearer is required by the gateway", "[auth]") {
  Siasn s;
  auto client = makeClient();
  auto gatewayOnly = auth::clientCredentialsSource(client, s.gatewayCredentials());
  auto sso = auth::passwordGrantSource(client, s.ssoLogin());

  // Without the SSO token the gateway says so; sendAuthorized refreshes once, then gives up.
  auto without = auth::sendAuthorizedBlocking(*client, {{gatewayOnly, "Authorization", "Bearer "}},
                                              s.dataUtama(s.nip()));
  REQUIRE_FALSE(without.ok());
  CHECK(without.error().httpStatus == 401);
  CHECK(s.gatewayIssued() == 2);  // one refresh, then the answer stands

  auto with = auth::sendAuthorizedBlocking(
      *client, {{gatewayOnly, "Authorization", "Bearer "}, {sso, "Auth", "bearer "}},
      s.dataUtama(s.nip()));
  REQUIRE(with.ok());
  CHECK(s.ssoIssued() == 1);
}

TEST_CASE("a pre-issued token works until rejected, then says to issue a new one", "[auth]") {
  Siasn s;
  auto client = makeClient();
  auto gateway = auth::clientCredentialsSource(client, s.gatewayCredentials());
  std::string issued = s.world.tokens("siasn-sso").issue("operator").token;
  auto preIssued = auth::staticTokenSource(security::Secret(issued));
  std::vector<auth::TokenBinding> bindings = {{gateway, "Authorization", "Bearer "},
                                              {preIssued, "Auth", "bearer "}};
  REQUIRE(auth::sendAuthorizedBlocking(*client, bindings, s.dataUtama(s.nip())).ok());
  s.world.tokens("siasn-sso").revokeAll();
  auto answer = auth::sendAuthorizedBlocking(*client, bindings, s.dataUtama(s.nip()));
  REQUIRE_FALSE(answer.ok());
  CHECK_THAT(answer.error().message, Catch::Contains("issue a new one"));
  CHECK_THAT(answer.error().message, !Catch::Contains(issued));
}
