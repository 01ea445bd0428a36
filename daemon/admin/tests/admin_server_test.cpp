#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "admin_test_support.hpp"
#include "sinkron/admin/admin_server.hpp"
#include "sinkron/admin/authenticator.hpp"
#include "sinkron/admin/health_routes.hpp"
#include "sinkron/admin/token_store.hpp"
#include "sinkron/sim/test_certificates.hpp"

using namespace sinkron;
using namespace sinkron::admin;
using apitest::HttpAnswer;
using apitest::HttpClient;

namespace {

constexpr const char* kNip = "199001312015031002";

// A running admin API over a SQLite token store, with a clock the test moves.
struct ApiFixture {
  apitest::TempDir dir;
  std::unique_ptr<store::StateStore> store = apitest::openSqliteStore(dir);
  std::unique_ptr<TokenStore> tokens;
  std::atomic<int> clockOffsetSeconds{0};
  std::unique_ptr<Authenticator> auth;
  std::atomic<bool> storeReachable{true}, shuttingDown{false};
  std::unique_ptr<AdminServer> server;
  std::string operatorToken, helpdeskToken, auditorToken;

  explicit ApiFixture(AdminServerOptions options = {}) {
    REQUIRE(store);
    auto opened = TokenStore::open(*store);
    REQUIRE(opened);
    tokens = std::move(*opened);
    AuthenticatorOptions ao;
    ao.now = [this] {
      return std::chrono::steady_clock::now() + std::chrono::seconds(clockOffsetSeconds.load());
    };
    auth = std::make_unique<Authenticator>(*tokens, ao);
    operatorToken = tokens->create("ops", Role::kOperator, {}).value();
    helpdeskToken = tokens->create("desk", Role::kHelpdesk, {"A01"}).value();
    auditorToken = tokens->create("audit", Role::kAuditor, {}).value();
    auto started = AdminServer::start(std::move(options), routes(), *auth);
    REQUIRE(started);
    server = std::move(*started);
  }

  AdminRouter routes() {
    AdminRouter router;
    REQUIRE(addHealthRoutes(router, [this] {
      return ReadyState{storeReachable.load(), true, shuttingDown.load()};
    }));
    REQUIRE(router.add("GET", "/runs", RouteAccess::forRoles({Role::kOperator, Role::kAuditor}),
                       [](const AdminRequest&, const Principal& p) {
                         return AdminResponse::json(200, "{\"caller\":" + jsonQuote(p.name) + "}");
                       }));
    REQUIRE(router.add("POST", "/runs/{id}/trigger", RouteAccess::forRoles({Role::kOperator}),
                       [](const AdminRequest& r, const Principal&) {
                         return AdminResponse::json(
                             202, "{\"id\":" + jsonQuote(r.params.at("id")) +
                                      ",\"bytes\":" + std::to_string(r.body.size()) + "}");
                       }));
    REQUIRE(router.add(
        "GET", "/lookup/{key}", RouteAccess::forRoles({Role::kHelpdesk}),
        [](const AdminRequest& r, const Principal& p) {
          std::string agency = r.query.count("agency") ? r.query.at("agency") : "";
          const std::string* probe = r.header("x-probe");
          AdminResponse res = AdminResponse::json(
              200, "{\"key\":" + jsonQuote(r.params.at("key")) + ",\"client\":" +
                       jsonQuote(r.clientAddress) + ",\"probe\":" + jsonQuote(probe ? *probe : "") +
                       ",\"allowed\":" + (p.mayAccessAgency(agency) ? "true" : "false") + "}");
          res.headers.emplace_back("X-Handled-By", "lookup");
          return res;
        }));
    REQUIRE(router.add("GET", "/boom", RouteAccess::forRoles({Role::kOperator}),
                       [](const AdminRequest&, const Principal&) -> AdminResponse {
                         throw std::runtime_error(std::string("no employee ") + kNip);
                       }));
    return router;
  }

  std::string url(const std::string& path) const { return server->baseUrl() + path; }
};

void checkError(const HttpAnswer& a, long status, const std::string& code) {
  CHECK(a.code == CURLE_OK);
  CHECK(a.status == status);
  CHECK(a.header("content-type") == "application/json");
  CHECK(a.body.rfind("{\"error\":{\"code\":\"" + code + "\",\"message\":\"", 0) == 0);
}

}  // namespace

TEST_CASE("health probes need no token", "[admin][server]") {
  ApiFixture api;
  HttpClient client;
  HttpAnswer alive = client.get(api.url("/healthz"));
  CHECK(alive.status == 200);
  CHECK(alive.body == R"({"status":"alive"})");
  CHECK(alive.header("cache-control") == "no-store");
  CHECK(client.get(api.url("/readyz")).body == R"({"status":"ready"})");

  api.storeReachable = false;
  api.shuttingDown = true;
  HttpAnswer notReady = client.get(api.url("/readyz"));
  CHECK(notReady.status == 503);
  CHECK(notReady.body.find("\"reasons\":[\"state store not reachable\",\"shutting down\"]") !=
        std::string::npos);
  CHECK(notReady.body.find("\"error\":{\"code\":\"not_ready\"") != std::string::npos);
}

TEST_CASE("bearer tokens and roles guard every other route", "[admin][server]") {
  ApiFixture api;
  HttpClient client;

  HttpAnswer missing = client.get(api.url("/runs"));
  checkError(missing, 401, "unauthorized");
  CHECK(missing.header("www-authenticate") == "Bearer");

  checkError(client.get(api.url("/runs"), "wrong-token"), 401, "unauthorized");
  checkError(client.request("GET", api.url("/runs"), {"Authorization: Basic b3BzOnB3"}), 401,
             "unauthorized");

  checkError(client.get(api.url("/runs"), api.helpdeskToken), 403, "forbidden");

  HttpAnswer ok = client.get(api.url("/runs"), api.operatorToken);
  CHECK(ok.status == 200);
  CHECK(ok.body == R"({"caller":"ops"})");
  CHECK(client.get(api.url("/runs"), api.auditorToken).body == R"({"caller":"audit"})");

  REQUIRE(api.tokens->revoke("ops"));
  checkError(client.get(api.url("/runs"), api.operatorToken), 401, "unauthorized");
}

TEST_CASE("handlers get params, query, lower-case headers, client and scope", "[admin][server]") {
  ApiFixture api;
  HttpClient client;
  HttpAnswer a = client.request("GET", api.url("/lookup/Siti%20Aminah?agency=B02"),
                                {"Authorization: Bearer " + api.helpdeskToken, "X-Probe: yes"});
  CHECK(a.status == 200);
  CHECK(a.body == R"({"key":"Siti Aminah","client":"127.0.0.1","probe":"yes","allowed":false})");
  CHECK(a.header("x-handled-by") == "lookup");

  std::string body(1000, 'x');
  HttpAnswer posted = client.request("POST", api.url("/runs/17/trigger"),
                                     {"Authorization: Bearer " + api.operatorToken}, &body);
  CHECK(posted.status == 202);
  CHECK(posted.body == R"({"id":"17","bytes":1000})");
}

TEST_CASE("failed logins are rate limited per address", "[admin][server]") {
  ApiFixture api;
  HttpClient client;
  for (int i = 0; i < 5; ++i)
    checkError(client.get(api.url("/runs"), "guess"), 401, "unauthorized");

  HttpAnswer limited = client.get(api.url("/runs"), "guess");
  checkError(limited, 429, "rate_limited");
  long retryAfter = std::stol(limited.header("retry-after"));
  CHECK(retryAfter >= 1);
  CHECK(retryAfter <= 60);
  // Even the right token waits for the window to end.
  checkError(client.get(api.url("/runs"), api.operatorToken), 429, "rate_limited");
  // Public probes stay open.
  CHECK(client.get(api.url("/healthz")).status == 200);

  api.clockOffsetSeconds = 61;
  CHECK(client.get(api.url("/runs"), api.operatorToken).status == 200);
  checkError(client.get(api.url("/runs"), "guess"), 401, "unauthorized");
}

TEST_CASE("unknown paths, wrong methods, failing handlers and big bodies answer JSON errors",
          "[admin][server]") {
  std::ostringstream log;
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(std::make_shared<spdlog::logger>(
      "capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(log)));
  {
    ApiFixture api;
    HttpClient client;
    checkError(client.get(api.url("/nope"), api.operatorToken), 404, "not_found");
    checkError(client.get(api.url("/nope")), 404, "not_found");

    HttpAnswer wrong = client.request("DELETE", api.url("/runs"), {});
    checkError(wrong, 405, "method_not_allowed");
    CHECK(wrong.header("allow") == "GET");

    HttpAnswer boom = client.get(api.url("/boom"), api.operatorToken);
    checkError(boom, 500, "internal");
    CHECK(boom.body.find(kNip) == std::string::npos);
    CHECK(boom.body.find("no employee") == std::string::npos);

    std::string big((1u << 20) + 1, 'x');
    HttpAnswer tooBig = client.request("POST", api.url("/runs/1/trigger"),
                                       {"Authorization: Bearer " + api.operatorToken}, &big);
    checkError(tooBig, 413, "payload_too_large");
    // The server still serves after closing that connection.
    CHECK(client.get(api.url("/healthz")).status == 200);
  }
  spdlog::set_default_logger(previous);
  std::string text = log.str();
  CHECK(text.find("no employee 19900131******1002") != std::string::npos);
  CHECK(text.find(kNip) == std::string::npos);
}

TEST_CASE("connections are kept alive between requests", "[admin][server]") {
  ApiFixture api;
  HttpClient client;
  HttpAnswer first = client.get(api.url("/healthz"));
  HttpAnswer second = client.get(api.url("/runs"), api.operatorToken);
  CHECK(first.newConnections == 1);
  CHECK(second.status == 200);
  CHECK(second.newConnections == 0);
}

TEST_CASE("the server refuses non-loopback and bad options, and stops cleanly", "[admin][server]") {
  apitest::TempDir dir;
  auto store = apitest::openSqliteStore(dir);
  REQUIRE(store);
  auto tokens = TokenStore::open(*store);
  REQUIRE(tokens);
  Authenticator auth(**tokens);

  AdminServerOptions any;
  any.bindAddress = "0.0.0.0";
  auto refused = AdminServer::start(any, AdminRouter{}, auth);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.find("loopback") != std::string::npos);

  AdminServerOptions bad;
  bad.bindAddress = "localhost-ish";
  CHECK_FALSE(AdminServer::start(bad, AdminRouter{}, auth));
  AdminServerOptions noThreads;
  noThreads.threads = 0;
  CHECK_FALSE(AdminServer::start(noThreads, AdminRouter{}, auth));
  AdminServerOptions missingTls;
  missingTls.tls = AdminTlsFiles{dir.path / "none.pem", dir.path / "none.key"};
  auto tlsError = AdminServer::start(missingTls, AdminRouter{}, auth);
  REQUIRE_FALSE(tlsError);
  CHECK(tlsError.error().message.find("none.pem") != std::string::npos);

  AdminServerOptions two;
  two.threads = 2;
  auto server = AdminServer::start(two, AdminRouter{}, auth);
  REQUIRE(server);
  CHECK((*server)->port() != 0);
  CHECK((*server)->baseUrl() == "http://127.0.0.1:" + std::to_string((*server)->port()));
  HttpClient client;
  checkError(client.get((*server)->baseUrl() + "/healthz"), 404, "not_found");
  (*server)->stop();
  (*server)->stop();
  CHECK(client.get((*server)->baseUrl() + "/healthz").code != CURLE_OK);
}

TEST_CASE("the admin API serves over TLS", "[admin][server][tls]") {
  apitest::TempDir certDir;
  auto certs = sim::writeTestCertificates(certDir.path);
  REQUIRE(certs);
  AdminServerOptions options;
  options.tls = AdminTlsFiles{certs->certificateChain, certs->privateKey};
  ApiFixture api(options);
  CHECK(api.server->baseUrl().rfind("https://127.0.0.1:", 0) == 0);

  HttpClient client(certs->caCertificate.string());
  HttpAnswer alive = client.get(api.url("/healthz"));
  CHECK(alive.code == CURLE_OK);
  CHECK(alive.status == 200);
  CHECK(client.get(api.url("/runs"), api.operatorToken).body == R"({"caller":"ops"})");
  checkError(client.get(api.url("/runs")), 401, "unauthorized");

  HttpClient untrusting;  // the system CAs do not know the test CA
  CHECK(untrusting.get(api.url("/healthz")).code != CURLE_OK);
}

TEST_CASE("several clients at once on a two-thread server", "[admin][server]") {
  AdminServerOptions options;
  options.threads = 2;
  ApiFixture api(options);
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c)
    clients.emplace_back([&] {
      HttpClient client;  // one per thread: libcurl handles are not shared
      for (int i = 0; i < 25; ++i)
        if (client.get(api.url("/runs"), api.operatorToken).status == 200) ++ok;
    });
  for (std::thread& t : clients) t.join();
  CHECK(ok == 100);
}
