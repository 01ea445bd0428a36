// HttpClient against the in-process SIASN gateway simulator over real loopback HTTP(S): every
// fault kind the simulator injects, the circuit breaker, the concurrency limit, the response size
// limit, TLS with and without the test CA, and option checks.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>
#include <future>
#include <mutex>

#include <yaml-cpp/yaml.h>

#include "sinkron/connectors/http_client.hpp"
#include "sinkron/connectors/http_options_yaml.hpp"
#include "sinkron/sim/admin_routes.hpp"
#include "sinkron/sim/siasn_sim.hpp"
#include "sinkron/sim/sim_server.hpp"
#include "sinkron/sim/test_certificates.hpp"

using namespace sinkron;
using namespace sinkron::connectors::http;
namespace fs = std::filesystem;

namespace {

sim::WorldOptions smallWorld() {
  sim::WorldOptions options;
  options.population.people = 200;
  options.population.seed = 11;
  return options;
}

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "sinkron_http_XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

// The SIASN gateway on 127.0.0.1, with both tokens issued straight from the World.
struct Gateway {
  sim::World world{smallWorld()};
  std::unique_ptr<sim::SimServer> server;
  std::string gatewayToken, ssoToken;

  explicit Gateway(std::optional<sim::TlsFiles> tls = std::nullopt) {
    sim::Router router = sim::siasnGatewayRouter(world);
    sim::addAdminRoutes(router, world);
    sim::SimServerOptions options;
    options.system = "siasn";
    options.threads = 2;
    options.tls = tls;
    auto started = sim::SimServer::start(options, std::move(router), world);
    if (!started) FAIL(started.error().message);
    server = std::move(*started);
    gatewayToken = world.tokens("siasn-gateway").issue().token;
    ssoToken = world.tokens("siasn-sso").issue("operator").token;
  }
  std::string host() const { return "127.0.0.1:" + std::to_string(server->port()); }
  std::string nip(std::uint64_t k = 0) const {
    for (std::uint64_t i = k;; ++i) {
      auto records = world.population().records(i);
      if (records.person.inSiasn) return records.person.nipBaru;
    }
  }
  Request dataUtama(const std::string& nip) const {
    Request r;
    r.url = server->baseUrl() + "/apisiasn/1.0/pns/data-utama/" + nip;
    r.headers = {{"Authorization", "Bearer " + gatewayToken}, {"Auth", "bearer " + ssoToken}};
    r.label = "siasn data-utama";
    return r;
  }
  void fault(const std::string& json) {
    auto added = world.faults().addFromJson(json);
    if (!added) FAIL(added.error().message);
  }
};

ClientOptions fastOptions() {
  ClientOptions o;
  o.name = "http-test";
  o.retry.baseDelay = std::chrono::milliseconds(5);
  o.retry.maxDelay = std::chrono::milliseconds(50);
  o.connectTimeout = std::chrono::milliseconds(2000);
  o.totalTimeout = std::chrono::milliseconds(5000);
  return o;
}

std::shared_ptr<HttpClient> makeClient(ClientOptions o = fastOptions()) {
  auto client = HttpClient::create(std::move(o));
  if (!client) FAIL(client.error().message);
  return *client;
}

}  // namespace

TEST_CASE("classify is one table: statuses and transport errors", "[http][classify]") {
  CHECK(classify(200, 0, "").outcome == Outcome::kOk);
  CHECK(classify(304, 0, "").outcome == Outcome::kOk);
  for (long status : {408L, 425L, 500L, 502L, 504L})
    CHECK(classify(status, 0, "").outcome == Outcome::kRetry);
  auto limited = classify(429, 0, "3");
  CHECK(limited.outcome == Outcome::kRetry);
  CHECK(limited.retryAfter == std::chrono::milliseconds(3000));
  CHECK(classify(503, 0, " 2 ").retryAfter == std::chrono::milliseconds(2000));
  CHECK(classify(503, 0, "Wed, 21 Oct 2015 07:28:00 GMT").retryAfter.count() == 0);  // past
  for (long status : {400L, 401L, 403L, 404L, 422L})
    CHECK(classify(status, 0, "").outcome == Outcome::kFail);
  CHECK(classify(0, 7, "").outcome == Outcome::kRetry);   // couldn't connect
  CHECK(classify(0, 28, "").outcome == Outcome::kRetry);  // timeout
  CHECK(classify(0, 18, "").outcome == Outcome::kRetry);  // partial file (truncated body)
  CHECK(classify(0, 52, "").outcome == Outcome::kRetry);  // got nothing
  CHECK(classify(0, 56, "").outcome == Outcome::kRetry);  // recv error (reset)
  CHECK(classify(0, 92, "").outcome == Outcome::kRetry);  // HTTP/2 stream
  auto tls = classify(0, 60, "");                         // peer failed verification
  CHECK(tls.outcome == Outcome::kFail);
  CHECK_THAT(tls.reason, Catch::Contains("TLS verification failed"));
  CHECK(classify(200, 18, "").outcome == Outcome::kRetry);  // status came, body cut off
}

TEST_CASE("plain GET and POST reuse one connection", "[http]") {
  Gateway gw;
  auto client = makeClient();
  for (int i = 0; i < 5; ++i) {
    auto answer = client->send(gw.dataUtama(gw.nip(i)));
    REQUIRE(answer.ok());
    CHECK(answer->status == 200);
    CHECK(answer->attempts == 1);
    CHECK_THAT(answer->body, Catch::Contains(gw.nip(i)));
    CHECK(answer->header("content-type").find("application/json") == 0);
  }
  Request token;
  token.method = "POST";
  token.url = gw.server->baseUrl() + "/oauth2/token";
  token.body = "grant_type=client_credentials";
  token.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                   {"Authorization", "Basic c2lua3Jvbi1kZW1vOmRlbW8tc2VjcmV0"}};
  auto issued = client->send(token);
  REQUIRE(issued.ok());
  CHECK_THAT(issued->body, Catch::Contains("access_token"));
  ClientStats stats = client->stats();
  CHECK(stats.requests == 6);
  CHECK(stats.ok == 6);
  CHECK(stats.connectionsOpened == 1);
}

TEST_CASE("503 is retried, then OK", "[http][fault]") {
  Gateway gw;
  gw.fault(R"({"system":"siasn","route":"*","kind":"status","status":503,"count":2})");
  auto client = makeClient();
  auto answer = client->send(gw.dataUtama(gw.nip()));
  REQUIRE(answer.ok());
  CHECK(answer->attempts == 3);
  ClientStats stats = client->stats();
  CHECK(stats.retries == 2);
  CHECK(stats.status5xx == 2);
}

TEST_CASE("500 and 502 are retried", "[http][fault]") {
  int status = GENERATE(500, 502);
  Gateway gw;
  gw.fault(R"({"system":"siasn","route":"*","kind":"status","status":)" + std::to_string(status) +
           R"(,"count":1})");
  auto client = makeClient();
  auto answer = client->send(gw.dataUtama(gw.nip()));
  REQUIRE(answer.ok());
  CHECK(answer->attempts == 2);
}

TEST_CASE("429 waits for Retry-After", "[http][fault]") {
  Gateway gw;
  gw.fault(R"({"system":"siasn","route":"*","kind":"rate_limit","retry_after":1,"count":1})");
  auto client = makeClient();
  auto answer = client->send(gw.dataUtama(gw.nip()));
  REQUIRE(answer.ok());
  CHECK(answer->attempts == 2);
  ClientStats stats = client->stats();
  CHECK(stats.status429 == 1);
  CHECK(stats.retryAfterWaits == 1);
  CHECK(stats.waitedMillis == 1000);  // the server's Retry-After, not a short backoff
}

TEST_CASE("a reset connection and a truncated body are retried", "[http][fault]") {
  std::string kind = GENERATE(std::string("reset"), std::string("truncate"));
  Gateway gw;
  gw.fault(R"({"system":"siasn","route":"*","kind":")" + kind + R"(","count":2})");
  auto client = makeClient();
  auto answer = client->send(gw.dataUtama(gw.nip()));
  REQUIRE(answer.ok());
  CHECK(answer->attempts == 3);
  CHECK(client->stats().transportErrors == 2);
  CHECK_THAT(answer->body, Catch::Contains(gw.nip()));
}

TEST_CASE("malformed JSON is delivered as it came (the caller parses)", "[http][fault]") {
  Gateway gw;
  gw.fault(R"({"system":"siasn","route":"*","kind":"malformed_json","count":1})");
  auto client = makeClient();
  auto answer = client->send(gw.dataUtama(gw.nip()));
  REQUIRE(answer.ok());
  CHECK(answer->attempts == 1);
  CHECK(answer->status == 200);
  CHECK_FALSE(answer->body.empty());
}

TEST_CASE("a trickling answer still arrives", "[http][fault]") {
  Gateway gw;
  gw.fault(
      R"({"system":"siasn","route":"*","kind":"trickle","trickle_bytes":256,"trickle_delay_ms":5,"count":1})");
  auto client = makeClient();
  auto answer = client->send(gw.dataUtama(gw.nip()));
  REQUIRE(answer.ok());
  CHECK_THAT(answer->body, Catch::Contains(gw.nip()));
}

TEST_CASE("404 is rejected with the server's message, not retried, NIP masked", "[http]") {
  Gateway gw;
  auto client = makeClient();
  std::string unknown = "199901012020121001";
  auto answer = client->send(gw.dataUtama(unknown));
  REQUIRE_FALSE(answer.ok());
  CHECK(answer.error().code == ErrorCode::kRejected);
  CHECK(answer.error().httpStatus == 404);
  CHECK_THAT(answer.error().message, Catch::Contains("HTTP 404: Data tidak ditemukan"));
  CHECK_THAT(answer.error().message, Catch::StartsWith("GET http://127.0.0.1:"));
  CHECK_THAT(answer.error().message, !Catch::Contains(unknown));
  CHECK_THAT(answer.error().message, Catch::Contains("19990101******1001"));
  CHECK(client->stats().attempts == 1);
}

TEST_CASE("401 keeps the gateway's message", "[http]") {
  Gateway gw;
  auto client = makeClient();
  Request r = gw.dataUtama(gw.nip());
  r.headers = {};
  auto answer = client->send(r);
  REQUIRE_FALSE(answer.ok());
  CHECK(answer.error().code == ErrorCode::kRejected);
  CHECK(answer.error().httpStatus == 401);
  CHECK_THAT(answer.error().message, Catch::Contains("Invalid Credentials"));
}

TEST_CASE("retries exhausted: unavailable with the last status", "[http][fault]") {
  Gateway gw;
  gw.fault(R"({"system":"siasn","route":"*","kind":"status","status":502})");
  ClientOptions o = fastOptions();
  o.retry.maxAttempts = 3;
  auto client = makeClient(o);
  auto answer = client->send(gw.dataUtama(gw.nip()));
  REQUIRE_FALSE(answer.ok());
  CHECK(answer.error().code == ErrorCode::kUnavailable);
  CHECK(answer.error().httpStatus == 502);
  CHECK_THAT(answer.error().message, Catch::Contains("HTTP 502 after 3 attempts: "));
  CHECK(client->stats().attempts == 3);
}

TEST_CASE("a non-idempotent request is not repeated after it was sent", "[http][fault]") {
  Gateway gw;
  gw.fault(R"({"system":"siasn","route":"*","kind":"status","status":503,"count":1})");
  auto client = makeClient();
  Request r = gw.dataUtama(gw.nip());
  r.idempotent = false;
  auto answer = client->send(r);
  REQUIRE_FALSE(answer.ok());
  CHECK(answer.error().httpStatus == 503);
  CHECK_THAT(answer.error().message, Catch::Contains("not idempotent"));
  CHECK(client->stats().attempts == 1);
}

TEST_CASE("connection refused is retried, also for a non-idempotent request", "[http]") {
  std::string url;
  {
    Gateway gw;  // a port that was just free
    url = gw.server->baseUrl() + "/apisiasn/1.0/pns/data-utama/1";
  }
  ClientOptions o = fastOptions();
  o.retry.maxAttempts = 2;
  auto client = makeClient(o);
  Request r;
  r.method = "POST";
  r.url = url;
  r.idempotent = false;
  auto answer = client->send(r);
  REQUIRE_FALSE(answer.ok());
  CHECK(answer.error().code == ErrorCode::kUnavailable);
  CHECK(answer.error().httpStatus == 0);
  CHECK(client->stats().attempts == 2);
}

TEST_CASE("the circuit opens after N failures, rejects, then a probe closes it",
          "[http][circuit]") {
  Gateway gw;
  gw.fault(R"({"system":"siasn","route":"*","kind":"status","status":503,"count":4})");
  ClientOptions o = fastOptions();
  o.retry.maxAttempts = 1;
  o.circuit.failuresToOpen = 4;
  o.circuit.openFor = std::chrono::milliseconds(200);
  auto client = makeClient(o);
  for (int i = 0; i < 4; ++i) {
    auto answer = client->send(gw.dataUtama(gw.nip()));
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().httpStatus == 503);
  }
  CHECK(client->circuit(gw.host()) == CircuitState::kOpen);
  auto rejected = client->send(gw.dataUtama(gw.nip()));
  REQUIRE_FALSE(rejected.ok());
  CHECK(rejected.error().code == ErrorCode::kUnavailable);
  CHECK_THAT(rejected.error().message, Catch::Contains("circuit open for " + gw.host()));
  CHECK(client->stats().circuitRejections == 1);
  CHECK(client->stats().attempts == 4);  // nothing was sent

  // After openFor the next request is the probe; the fault count is used up, so it succeeds.
  bool closed = false;
  for (int i = 0; i < 200 && !closed; ++i) {
    auto answer = client->send(gw.dataUtama(gw.nip()));
    closed = answer.ok();
    if (!closed) {
      CHECK_THAT(answer.error().message, Catch::Contains("circuit open"));
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  CHECK(closed);
  CHECK(client->circuit(gw.host()) == CircuitState::kClosed);
}

TEST_CASE("at most maxConcurrency requests are in flight", "[http][concurrency]") {
  Gateway gw;
  gw.fault(R"({"system":"siasn","route":"*","kind":"latency","fixed_ms":20,"jitter_ms":0})");
  ClientOptions o = fastOptions();
  o.maxConcurrency = 4;
  auto client = makeClient(o);
  constexpr int kRequests = 24;
  std::atomic<int> ok{0};
  std::promise<void> allDone;
  std::atomic<int> remaining{kRequests};
  for (int i = 0; i < kRequests; ++i) {
    client->start(gw.dataUtama(gw.nip(i)), [&](Result<Response> r) {
      if (r) ++ok;
      if (--remaining == 0) allDone.set_value();
    });
  }
  allDone.get_future().wait();
  CHECK(ok == kRequests);
  ClientStats stats = client->stats();
  CHECK(stats.maxInFlight == 4);
  CHECK(stats.connectionsOpened <= 4);
}

TEST_CASE("the token bucket spaces requests with a timer", "[http][rate]") {
  Gateway gw;
  ClientOptions o = fastOptions();
  o.rate.requestsPerSecond = 200;
  o.rate.burst = 2;
  auto client = makeClient(o);
  for (int i = 0; i < 6; ++i) REQUIRE(client->send(gw.dataUtama(gw.nip(i))).ok());
  CHECK(client->stats().rateLimitWaits >= 1);
}

TEST_CASE("a response over the size limit fails clearly", "[http]") {
  Gateway gw;
  ClientOptions o = fastOptions();
  o.maxResponseBytes = 100;
  auto client = makeClient(o);
  auto answer = client->send(gw.dataUtama(gw.nip()));
  REQUIRE_FALSE(answer.ok());
  CHECK_THAT(answer.error().message, Catch::Contains("response larger than 100 bytes"));
  CHECK(client->stats().attempts == 1);
}

TEST_CASE("TLS: refused without the CA, accepted with it", "[http][tls]") {
  TempDir dir;
  auto certs = sim::writeTestCertificates(dir.path);
  REQUIRE(certs.ok());
  Gateway gw(certs->tlsFiles());
  std::string url = gw.server->baseUrl();
  REQUIRE(url.rfind("https://", 0) == 0);

  SECTION("without ca_file") {
    auto client = makeClient();
    auto answer = client->send(gw.dataUtama(gw.nip()));
    REQUIRE_FALSE(answer.ok());
    CHECK_THAT(answer.error().message,
               Catch::StartsWith("TLS verification failed for " + gw.host()));
    CHECK_THAT(answer.error().message, Catch::Contains("configure ca_file"));
    CHECK(client->stats().attempts == 1);  // never retried
  }
  SECTION("with ca_file") {
    ClientOptions o = fastOptions();
    o.tls.caFile = certs->caCertificate.string();
    auto client = makeClient(o);
    for (int i = 0; i < 3; ++i) {
      auto answer = client->send(gw.dataUtama(gw.nip(i)));
      REQUIRE(answer.ok());
      CHECK_THAT(answer->body, Catch::Contains(gw.nip(i)));
    }
    CHECK(client->stats().connectionsOpened == 1);
  }
}

TEST_CASE("gzip answers are asked for and decoded", "[http]") {
  Gateway gw;
  auto client = makeClient();
  auto answer = client->send(gw.dataUtama(gw.nip()));
  REQUIRE(answer.ok());
  CHECK(answer->header("content-encoding") == "gzip");  // compressed on the wire ...
  CHECK_THAT(answer->body, Catch::Contains(gw.nip()));  // ... and plain JSON for the caller
  CHECK(answer->body.front() == '{');
}

TEST_CASE("mTLS: refused without a client certificate, accepted with one", "[http][tls]") {
  TempDir dir;
  auto certs = sim::writeTestCertificates(dir.path);
  REQUIRE(certs.ok());
  sim::TlsFiles tls = certs->tlsFiles();
  tls.clientCa = certs->caCertificate;
  Gateway gw(tls);
  ClientOptions o = fastOptions();
  o.tls.caFile = certs->caCertificate.string();

  SECTION("without a client certificate") {
    auto client = makeClient(o);
    auto answer = client->send(gw.dataUtama(gw.nip()));
    REQUIRE_FALSE(answer.ok());
    CHECK_THAT(answer.error().message, Catch::Contains(gw.host()));
  }
  SECTION("with the client certificate and key") {
    o.tls.clientCertFile = certs->clientCertificate.string();
    o.tls.clientKeyFile = certs->clientKey.string();
    auto client = makeClient(o);
    auto answer = client->send(gw.dataUtama(gw.nip()));
    INFO((answer.ok() ? "" : answer.error().message));
    REQUIRE(answer.ok());
    CHECK_THAT(answer->body, Catch::Contains(gw.nip()));
  }
}

// gzip of `text`, as a server would send it.
std::string gzipOf(const std::string& text) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, text.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(out.size() - z.avail_out);
  deflateEnd(&z);
  return out;
}

TEST_CASE("gzip: a bomb is stopped at the size limit, a corrupt body is retried", "[http]") {
  sim::World world{smallWorld()};
  sim::Router router;
  const std::string bomb = gzipOf(std::string(50u << 20, '0'));  // 50 MiB of zeros, ~50 KiB
  std::atomic<int> corruptCalls{0};
  router.add("GET", "/bomb", [&](const sim::HttpRequest&) {
    sim::HttpResponse r = sim::HttpResponse::json(200, bomb);
    r.headers.emplace_back("Content-Encoding", "gzip");
    return r;
  });
  router.add("GET", "/corrupt", [&](const sim::HttpRequest&) {
    std::string body = gzipOf(R"({"ok":true})");
    if (corruptCalls++ == 0) body[body.size() / 2] ^= 0x5a;  // damaged once, then fine
    sim::HttpResponse r = sim::HttpResponse::json(200, body);
    r.headers.emplace_back("Content-Encoding", "gzip");
    return r;
  });
  sim::SimServerOptions so;
  so.system = "test";
  auto server = sim::SimServer::start(so, std::move(router), world);
  REQUIRE(server.ok());
  ClientOptions o = fastOptions();
  o.maxResponseBytes = 1u << 20;
  auto client = makeClient(o);
  Request bombRequest;
  bombRequest.url = (*server)->baseUrl() + "/bomb";
  auto answer = client->send(bombRequest);
  REQUIRE_FALSE(answer.ok());
  CHECK_THAT(answer.error().message, Catch::Contains("max_response_bytes"));

  Request corrupt;
  corrupt.url = (*server)->baseUrl() + "/corrupt";
  auto second = client->send(corrupt);
  INFO((second.ok() ? "" : second.error().message));
  REQUIRE(second.ok());
  CHECK(second->body == R"({"ok":true})");
  CHECK(second->attempts == 2);
}

// A free loopback port (bound, read, released; the server binds it right after).
int freePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

TEST_CASE("HTTP/2 is spoken where the server offers it (nghttpd)", "[http][h2]") {
  const char* nghttpd = "/usr/sbin/nghttpd";
  REQUIRE(fs::exists(nghttpd));  // deploy/setup-debian.sh installs nghttp2-server
  TempDir dir;
  auto certs = sim::writeTestCertificates(dir.path);
  REQUIRE(certs.ok());
  fs::create_directories(dir.path / "htdocs");
  const std::string body = R"({"data":{"nipBaru":"199001012015031001","nama":"Budi"}})";
  { std::ofstream(dir.path / "htdocs" / "data.json") << body; }
  const int port = freePort();
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    std::string docroot = "--htdocs=" + (dir.path / "htdocs").string();
    std::string portText = std::to_string(port);
    ::execl(nghttpd, nghttpd, "--address=127.0.0.1", docroot.c_str(), portText.c_str(),
            certs->privateKey.c_str(), certs->certificateChain.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  struct Reap {
    pid_t pid;
    ~Reap() {
      ::kill(pid, SIGTERM);
      ::waitpid(pid, nullptr, 0);
    }
  } reap{pid};
  ClientOptions o = fastOptions();
  o.tls.caFile = certs->caCertificate.string();
  o.http2 = true;
  auto client = makeClient(o);
  Request r;
  r.url = "https://127.0.0.1:" + std::to_string(port) + "/data.json";
  r.label = "nghttpd";
  Result<Response> answer = Error::internal("not sent");
  for (int i = 0; i < 50; ++i) {  // until nghttpd listens (bounded: 5 s)
    answer = client->send(r);
    if (answer.ok()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  INFO((answer.ok() ? "" : answer.error().message));
  REQUIRE(answer.ok());
  CHECK(answer->httpVersion == 2);
  CHECK(answer->body == body);
}

TEST_CASE("options are checked and errors name the option", "[http][options]") {
  ClientOptions o = fastOptions();
  SECTION("missing CA file") {
    o.tls.caFile = "/nonexistent/ca.pem";
    auto client = HttpClient::create(o);
    REQUIRE_FALSE(client.ok());
    CHECK_THAT(client.error().message, Catch::Contains("tls.ca_file"));
  }
  SECTION("missing client certificate") {
    o.tls.clientCertFile = "/nonexistent/client.pem";
    o.tls.clientKeyFile = "/nonexistent/client.key";
    auto client = HttpClient::create(o);
    REQUIRE_FALSE(client.ok());
    CHECK_THAT(client.error().message, Catch::Contains("tls.client_cert_file"));
  }
  SECTION("key without certificate") {
    o.tls.clientKeyFile = "/nonexistent/client.key";
    auto client = HttpClient::create(o);
    REQUIRE_FALSE(client.ok());
    CHECK_THAT(client.error().message, Catch::Contains("tls.client_key_file"));
  }
  SECTION("bad proxy") {
    o.proxy = "ftp://proxy:21";
    auto client = HttpClient::create(o);
    REQUIRE_FALSE(client.ok());
    CHECK_THAT(client.error().message, Catch::Contains("proxy"));
  }
  SECTION("zero concurrency") {
    o.maxConcurrency = 0;
    CHECK_FALSE(HttpClient::create(o).ok());
  }
}

TEST_CASE("destroying the client answers what is still queued", "[http]") {
  Gateway gw;
  gw.fault(R"({"system":"siasn","route":"*","kind":"latency","fixed_ms":2000,"jitter_ms":0})");
  ClientOptions o = fastOptions();
  o.maxConcurrency = 1;
  auto client = makeClient(o);
  std::atomic<int> cancelled{0};
  for (int i = 0; i < 3; ++i)
    client->start(gw.dataUtama(gw.nip(i)), [&](Result<Response> r) {
      if (!r && r.error().message.find("cancelled") != std::string::npos) ++cancelled;
    });
  client.reset();
  CHECK(cancelled == 3);
}

TEST_CASE("urlEncode escapes reserved characters", "[http]") {
  CHECK(urlEncode("a b&c=d/é") == "a%20b%26c%3Dd%2F%C3%A9");
  CHECK(urlEncode("AZaz09-_.~") == "AZaz09-_.~");
}

TEST_CASE("the http: config section is read from one strict table", "[http][options]") {
  ClientOptions o;
  SECTION("known keys, nested sections") {
    YAML::Node node = YAML::Load(
        "max_concurrency: 32\ntimeout_ms: 5000\nproxy: http://proxy:3128\nhttp2: false\n"
        "tls:\n  ca_file: /etc/ssl/bkn.pem\nretry:\n  max_attempts: 3\n  base_delay_ms: 50\n"
        "rate:\n  requests_per_second: 20\ncircuit:\n  open_for_ms: 500\n");
    REQUIRE(parseClientOptions(node, "connectors.yaml", o).ok());
    CHECK(o.maxConcurrency == 32);
    CHECK(o.totalTimeout == std::chrono::milliseconds(5000));
    CHECK(o.proxy == "http://proxy:3128");
    CHECK_FALSE(o.http2);
    CHECK(o.tls.caFile == "/etc/ssl/bkn.pem");
    CHECK(o.retry.maxAttempts == 3);
    CHECK(o.retry.baseDelay == std::chrono::milliseconds(50));
    CHECK(o.rate.requestsPerSecond == 20);
    CHECK(o.circuit.openFor == std::chrono::milliseconds(500));
  }
  SECTION("unknown key: file, line and the known keys") {
    YAML::Node node = YAML::Load("max_concurrency: 4\nretry:\n  max_attempt: 3\n");
    auto status = parseClientOptions(node, "connectors.yaml", o);
    REQUIRE_FALSE(status.ok());
    CHECK_THAT(status.error().message,
               Catch::StartsWith("connectors.yaml:3: http.retry.max_attempt: unknown key"));
    CHECK_THAT(status.error().message, Catch::Contains("retry.max_attempts"));
  }
  SECTION("wrong type") {
    YAML::Node node = YAML::Load("timeout_ms: soon\n");
    auto status = parseClientOptions(node, "c.yaml", o);
    REQUIRE_FALSE(status.ok());
    CHECK_THAT(status.error().message,
               Catch::StartsWith("c.yaml:1: http.timeout_ms: expected int"));
  }
  CHECK(clientOptionDocs().size() == 20);
}

TEST_CASE("a configured proxy is used; proxy variables of the environment are not", "[http]") {
  Gateway gw;
  SECTION("proxy option") {
    // The simulator as "proxy": it receives the absolute-form target a proxy gets and refuses it,
    // which shows the request went through it (the .invalid host cannot be resolved directly).
    ClientOptions o = fastOptions();
    o.proxy = gw.server->baseUrl();
    auto client = makeClient(o);
    Request r;
    r.url = "http://sinkron-proxy-test.invalid/apisiasn/1.0/pns/data-utama/1";
    auto answer = client->send(r);
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().httpStatus == 400);  // directly it would be "Couldn't resolve host"
    CHECK(answer.error().code == ErrorCode::kRejected);
  }
  SECTION("environment ignored") {
    ::setenv("http_proxy", "http://127.0.0.1:1", 1);
    ::setenv("HTTP_PROXY", "http://127.0.0.1:1", 1);
    ::setenv("ALL_PROXY", "http://127.0.0.1:1", 1);
    auto client = makeClient();
    auto answer = client->send(gw.dataUtama(gw.nip()));
    ::unsetenv("http_proxy");
    ::unsetenv("HTTP_PROXY");
    ::unsetenv("ALL_PROXY");
    REQUIRE(answer.ok());
  }
}

TEST_CASE("the client can be destroyed from its own callback", "[http]") {
  Gateway gw;
  auto client = makeClient();
  std::promise<bool> answered;
  auto* raw = client.get();
  std::shared_ptr<HttpClient> holder = std::move(client);
  raw->start(gw.dataUtama(gw.nip()), [&holder, &answered](Result<Response> r) {
    holder.reset();  // the last reference goes away on the I/O thread
    answered.set_value(r.ok());
  });
  CHECK(answered.get_future().get());
}
