// SimServer over real loopback connections: keep-alive, HTTP errors, every server-level fault as a
// client sees it, the /_sim admin routes, TLS with the generated certificates, and stopping.
#include <rapidjson/document.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "sinkron/sim/admin_routes.hpp"
#include "sinkron/sim/sim_server.hpp"
#include "sinkron/sim/test_certificates.hpp"
#include "test_http_client.hpp"

using namespace sinkron;
using namespace sinkron::sim;
using namespace sinkron::sim::testing;
namespace fs = std::filesystem;

namespace {

WorldOptions smallWorld() {
  WorldOptions options;
  options.population.people = 200;
  options.population.seed = 7;
  return options;
}

// A miniature SIASN: data-utama by NIP (404 when unknown; "namaLengkap" under field drift), an
// echo for bodies, a handler that throws, and one that records request sequence numbers.
struct TestSystem {
  explicit TestSystem(World& world) : world_(world) {}

  Router router() {
    Router r;
    r.add("GET", "/apisiasn/1.0/pns/data-utama/{nip}", [this](const HttpRequest& req) {
      auto index = world_.population().personByNip(req.param("nip"));
      if (!index) return HttpResponse::json(404, R"({"code":0,"data":"Data tidak ditemukan"})");
      population::Person p = world_.population().person(*index);
      std::string name = req.fieldDrift ? "namaLengkap" : "nama";
      return HttpResponse::json(200, "{\"data\":{\"nipBaru\":" + jsonQuote(p.nipBaru) + ",\"" +
                                         name + "\":" + jsonQuote(p.name) + ",\"padding\":\"" +
                                         std::string(600, 'x') + "\"},\"code\":1}");
    });
    r.add("POST", "/echo", [](const HttpRequest& req) {
      std::string auth(req.header("x-test-header").value_or(""));
      return HttpResponse::json(200, "{\"length\":" + std::to_string(req.body.size()) +
                                         ",\"header\":" + jsonQuote(auth) + "}");
    });
    r.add("GET", "/throw",
          [](const HttpRequest&) -> HttpResponse { throw std::runtime_error("boom"); });
    r.add("GET", "/seq", [this](const HttpRequest& req) {
      std::lock_guard lock(mutex_);
      sequences_.insert(req.sequence);
      return HttpResponse::text(200, std::to_string(req.sequence));
    });
    return r;
  }

  std::size_t distinctSequences() {
    std::lock_guard lock(mutex_);
    return sequences_.size();
  }

 private:
  World& world_;
  std::mutex mutex_;
  std::set<std::uint64_t> sequences_;
};

struct Served {
  World world{smallWorld()};
  TestSystem system{world};
  std::unique_ptr<SimServer> server;

  explicit Served(SimServerOptions options = {}) {
    if (options.system.empty()) options.system = "siasn";
    auto started = SimServer::start(options, system.router(), world);
    if (!started) FAIL(started.error().message);
    server = std::move(*started);
  }
  std::uint16_t port() const { return server->port(); }
  std::string someNip() const { return world.population().person(3).nipBaru; }
  std::string dataUtama() const { return "/apisiasn/1.0/pns/data-utama/" + someNip(); }

  void addFault(const std::string& json) {
    Response res;
    REQUIRE_FALSE(fetch(port(), http::verb::post, "/_sim/faults", res, json));
    REQUIRE(res.result_int() == 200);
  }
};

rapidjson::Document parseJson(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  return doc;
}

// The value of header `name` in raw response bytes, or empty.
std::string rawHeader(const std::string& bytes, const std::string& name) {
  std::size_t at = bytes.find("\r\n" + name + ": ");
  if (at == std::string::npos) return {};
  at += name.size() + 4;
  return bytes.substr(at, bytes.find("\r\n", at) - at);
}

std::size_t rawBodySize(const std::string& bytes) {
  std::size_t end = bytes.find("\r\n\r\n");
  return end == std::string::npos ? 0 : bytes.size() - end - 4;
}

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "sinkron_sim_server_XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

}  // namespace

TEST_CASE("SimServer keeps a connection alive across requests", "[sim][server]") {
  Served s;
  TestClient client(s.port());
  REQUIRE_FALSE(client.connect());
  for (int i = 0; i < 5; ++i) {
    Response res;
    REQUIRE_FALSE(client.request(http::verb::get, s.dataUtama(), res));
    CHECK(res.result_int() == 200);
    CHECK(res.keep_alive());
    CHECK(res[http::field::content_type] == "application/json");
    rapidjson::Document doc = parseJson(res.body());
    REQUIRE_FALSE(doc.HasParseError());
    CHECK(std::string(doc["data"]["nipBaru"].GetString()) == s.someNip());
  }
  Response echo;
  REQUIRE_FALSE(client.request(http::verb::post, "/echo", echo, std::string(3000, 'a')));
  CHECK(echo.body() == R"({"length":3000,"header":""})");

  SECTION("HTTP/1.0 without keep-alive gets Connection: close and the connection ends") {
    http::request<http::string_body> req(http::verb::get, s.dataUtama(), 10);
    REQUIRE_FALSE(client.write(req));
    Response res;
    REQUIRE_FALSE(client.read(res));
    CHECK(res.result_int() == 200);
    CHECK(res[http::field::connection] == "close");
    CHECK(client.readAll().error == net::error::eof);
  }
}

TEST_CASE("SimServer answers 404, 405, 400, 413, 500 and honours Expect: 100-continue",
          "[sim][server]") {
  SimServerOptions options;
  options.bodyLimit = 1024;
  Served s(options);
  Response res;

  REQUIRE_FALSE(fetch(s.port(), http::verb::get, "/nope", res));
  CHECK(res.result_int() == 404);
  CHECK(res.body() == R"({"code":0,"data":"Data tidak ditemukan"})");
  REQUIRE_FALSE(fetch(s.port(), http::verb::get, "/apisiasn/1.0/pns/data-utama/123", res));
  CHECK(res.result_int() == 404);
  REQUIRE_FALSE(fetch(s.port(), http::verb::delete_, s.dataUtama(), res));
  CHECK(res.result_int() == 405);

  SECTION("a handler that throws gives 500 and the connection lives on") {
    TestClient client(s.port());
    REQUIRE_FALSE(client.connect());
    REQUIRE_FALSE(client.request(http::verb::get, "/throw", res));
    CHECK(res.result_int() == 500);
    CHECK(res.body().find("boom") != std::string::npos);
    REQUIRE_FALSE(client.request(http::verb::get, s.dataUtama(), res));
    CHECK(res.result_int() == 200);
  }
  SECTION("garbage instead of HTTP gives 400 and a close") {
    TestClient client(s.port());
    REQUIRE_FALSE(client.connect());
    REQUIRE_FALSE(client.writeRaw("HELLO THERE\r\n\r\n"));
    RawRead raw = client.readAll();
    CHECK(raw.bytes.rfind("HTTP/1.1 400 Bad Request\r\n", 0) == 0);
    CHECK(rawHeader(raw.bytes, "Connection") == "close");
    CHECK(raw.error == net::error::eof);
  }
  SECTION("a body over the limit gives 413") {
    REQUIRE_FALSE(fetch(s.port(), http::verb::post, "/echo", res, std::string(1025, 'b')));
    CHECK(res.result_int() == 413);
    rapidjson::Document doc = parseJson(res.body());
    REQUIRE_FALSE(doc.HasParseError());
    CHECK(doc["code"].GetInt() == 413);
    REQUIRE_FALSE(fetch(s.port(), http::verb::post, "/echo", res, std::string(1024, 'b')));
    CHECK(res.result_int() == 200);
  }
  SECTION("Expect: 100-continue is answered before the body is sent") {
    TestClient client(s.port());
    REQUIRE_FALSE(client.connect());
    REQUIRE_FALSE(client.writeRaw(
        "POST /echo HTTP/1.1\r\nHost: x\r\nX-Test-Header: Yes\r\nContent-Length: 5\r\n"
        "Expect: 100-continue\r\n\r\n"));
    Response interim;
    REQUIRE_FALSE(client.read(interim));
    CHECK(interim.result_int() == 100);
    REQUIRE_FALSE(client.writeRaw("hello"));
    REQUIRE_FALSE(client.read(res));
    CHECK(res.result_int() == 200);
    CHECK(res.body() == R"({"length":5,"header":"Yes"})");  // header names are lower-cased
  }
}

TEST_CASE("SimServer applies each server-level fault", "[sim][server][faults]") {
  Served s;
  Response plain;
  REQUIRE_FALSE(fetch(s.port(), http::verb::get, s.dataUtama(), plain));
  REQUIRE(plain.result_int() == 200);
  Response res;

  SECTION("status: the gateway error shape") {
    s.addFault(R"({"system":"siasn","route":"/apisiasn/*","kind":"status","status":503})");
    REQUIRE_FALSE(fetch(s.port(), http::verb::get, s.dataUtama(), res));
    CHECK(res.result_int() == 503);
    CHECK(res.body() ==
          R"({"code":503,"message":"Service Unavailable","description":"simulated fault"})");
  }
  SECTION("rate limit: 429 with Retry-After") {
    s.addFault(R"({"system":"siasn","kind":"rate_limit","retry_after":7})");
    REQUIRE_FALSE(fetch(s.port(), http::verb::get, s.dataUtama(), res));
    CHECK(res.result_int() == 429);
    CHECK(res[http::field::retry_after] == "7");
    CHECK(parseJson(res.body())["code"].GetInt() == 429);
  }
  SECTION("a rule for another system does not apply") {
    s.addFault(R"({"system":"simpeg","kind":"status","status":500})");
    REQUIRE_FALSE(fetch(s.port(), http::verb::get, s.dataUtama(), res));
    CHECK(res.result_int() == 200);
  }
  SECTION("truncate: fewer body bytes than Content-Length, then the connection closes") {
    s.addFault(R"({"system":"siasn","kind":"truncate"})");
    TestClient client(s.port());
    REQUIRE_FALSE(client.connect());
    REQUIRE_FALSE(client.writeRaw("GET " + s.dataUtama() + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    RawRead raw = client.readAll();
    CHECK(raw.error == net::error::eof);
    CHECK(rawHeader(raw.bytes, "Content-Length") == std::to_string(plain.body().size()));
    CHECK(rawBodySize(raw.bytes) > 0);
    CHECK(rawBodySize(raw.bytes) < plain.body().size());
    // A Beast client reports the same as a partial message.
    REQUIRE_FALSE(fetch(s.port(), http::verb::get, "/_sim/health", res));  // never faulted
    CHECK(fetch(s.port(), http::verb::get, s.dataUtama(), res) == http::error::partial_message);
  }
  SECTION("reset: part of the answer, then a connection reset") {
    s.addFault(R"({"system":"siasn","kind":"reset"})");
    TestClient client(s.port());
    REQUIRE_FALSE(client.connect());
    REQUIRE_FALSE(client.writeRaw("GET " + s.dataUtama() + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    RawRead raw = client.readAll();
    CHECK(raw.error == net::error::connection_reset);
    CHECK(rawBodySize(raw.bytes) < plain.body().size());
  }
  SECTION("malformed JSON: a complete answer no JSON parser accepts") {
    s.addFault(R"({"system":"siasn","kind":"malformed_json"})");
    REQUIRE_FALSE(fetch(s.port(), http::verb::get, s.dataUtama(), res));
    CHECK(res.result_int() == 200);
    CHECK(parseJson(res.body()).HasParseError());
    CHECK_FALSE(parseJson(plain.body()).HasParseError());
  }
  SECTION("trickle: the full body still arrives, in pieces") {
    s.addFault(R"({"system":"siasn","kind":"trickle","trickle_bytes":100,"trickle_delay_ms":5})");
    TestClient client(s.port());
    REQUIRE_FALSE(client.connect());
    REQUIRE_FALSE(client.request(http::verb::get, s.dataUtama(), res));
    CHECK(res.result_int() == 200);
    CHECK(res.body() == plain.body());
    REQUIRE_FALSE(client.request(http::verb::get, s.dataUtama(), res));  // still keep-alive
    CHECK(res.body() == plain.body());
  }
  SECTION("latency: the answer waits at least fixed_ms") {
    s.addFault(R"({"system":"siasn","kind":"latency","fixed_ms":150,"count":1})");
    auto started = std::chrono::steady_clock::now();
    REQUIRE_FALSE(fetch(s.port(), http::verb::get, s.dataUtama(), res));
    auto waited = std::chrono::steady_clock::now() - started;
    CHECK(res.result_int() == 200);
    CHECK(waited >= std::chrono::milliseconds(150));
    CHECK(s.world.faults().rules().at(0).hits == 1);
  }
  SECTION("field drift reaches the handler") {
    s.addFault(R"({"system":"siasn","kind":"field_drift"})");
    REQUIRE_FALSE(fetch(s.port(), http::verb::get, s.dataUtama(), res));
    CHECK(parseJson(res.body())["data"].HasMember("namaLengkap"));
  }
  SECTION("count: a rule stops after count hits") {
    s.addFault(R"({"system":"siasn","kind":"status","status":502,"count":2})");
    TestClient client(s.port());
    REQUIRE_FALSE(client.connect());
    for (unsigned expected : {502u, 502u, 200u, 200u}) {
      REQUIRE_FALSE(client.request(http::verb::get, s.dataUtama(), res));
      CHECK(res.result_int() == expected);
    }
    CHECK(s.world.faults().rules().at(0).hits == 2);
  }
  SECTION("token_revoke: tokens issued before the rule are revoked") {
    std::string token = s.world.tokens("siasn-gateway").issue("client").token;
    std::string sso = s.world.tokens("siasn-sso").issue("operator").token;
    std::string other = s.world.tokens("ekinerja").issue("client").token;
    s.addFault(R"({"system":"siasn","kind":"token_revoke"})");
    CHECK(s.world.tokens("siasn-gateway").check(token) == TokenCheck::kRevoked);
    CHECK(s.world.tokens("siasn-sso").check(sso) == TokenCheck::kRevoked);
    CHECK(s.world.tokens("ekinerja").check(other) == TokenCheck::kValid);
  }
  SECTION("admin routes are never faulted") {
    s.addFault(R"({"system":"*","route":"*","kind":"status","status":500})");
    REQUIRE_FALSE(fetch(s.port(), http::verb::get, "/_sim/health", res));
    CHECK(res.result_int() == 200);
    REQUIRE_FALSE(fetch(s.port(), http::verb::delete_, "/_sim/faults", res));
    CHECK(res.body() == R"({"faults":[]})");
    REQUIRE_FALSE(fetch(s.port(), http::verb::get, s.dataUtama(), res));
    CHECK(res.result_int() == 200);
  }
}

TEST_CASE("POST /_sim/faults rejects bad rules with a message naming the field",
          "[sim][server][admin]") {
  Served s;
  Response res;
  REQUIRE_FALSE(fetch(s.port(), http::verb::post, "/_sim/faults", res,
                      R"({"faults":[{"kind":"status"},{"kind":"explode"}]})"));
  CHECK(res.result_int() == 400);
  rapidjson::Document doc = parseJson(res.body());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(std::string(doc["message"].GetString()).find("faults[1].kind") != std::string::npos);
  CHECK(s.world.faults().rules().empty());  // nothing of a rejected list is added

  REQUIRE_FALSE(
      fetch(s.port(), http::verb::post, "/_sim/faults", res, R"({"kind":"status","rate":2})"));
  CHECK(res.result_int() == 400);
  CHECK(res.body().find("faults[0].rate") != std::string::npos);
  REQUIRE_FALSE(fetch(s.port(), http::verb::post, "/_sim/faults", res, "{nope"));
  CHECK(res.result_int() == 400);
  CHECK(res.body().find("malformed JSON") != std::string::npos);

  REQUIRE_FALSE(fetch(s.port(), http::verb::post, "/_sim/faults", res,
                      R"({"system":"siasn","kind":"rate_limit","count":3})"));
  CHECK(res.result_int() == 200);
  REQUIRE_FALSE(fetch(s.port(), http::verb::get, "/_sim/faults", res));
  doc = parseJson(res.body());
  REQUIRE(doc["faults"].Size() == 1);
  CHECK(std::string(doc["faults"][0]["kind"].GetString()) == "rate_limit");
  CHECK(doc["faults"][0]["count"].GetInt() == 3);
}

TEST_CASE("GET /_sim/writes pages the write log", "[sim][server][admin]") {
  Served s;
  s.world.writes().record({0, "siasn", "/kursus/save", "k1", R"({"a":1})", "id1"});
  s.world.writes().record({0, "simpeg", "/pegawai", "k2", "{}", ""});
  s.world.writes().record({0, "siasn", "/kursus/save", "k1", R"({"a":1})", "id3"});
  Response res;
  REQUIRE_FALSE(
      fetch(s.port(), http::verb::get, "/_sim/writes?system=siasn&offset=1&limit=5", res));
  REQUIRE(res.result_int() == 200);
  rapidjson::Document doc = parseJson(res.body());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(doc["total"].GetInt() == 3);
  CHECK(doc["distinct"].GetInt() == 2);
  CHECK(doc["duplicates"].GetInt() == 1);
  REQUIRE(doc["writes"].Size() == 1);
  CHECK(std::string(doc["writes"][0]["assignedId"].GetString()) == "id3");
  CHECK(std::string(doc["writes"][0]["body"].GetString()) == R"({"a":1})");

  REQUIRE_FALSE(fetch(s.port(), http::verb::get, "/_sim/writes?limit=-1", res));
  CHECK(res.result_int() == 400);
  CHECK(res.body().find("limit") != std::string::npos);
  REQUIRE_FALSE(fetch(s.port(), http::verb::delete_, "/_sim/writes", res));
  CHECK(s.world.writes().total() == 0);
}

TEST_CASE("GET /_sim/truth gives the population's ground truth", "[sim][server][admin]") {
  Served s;
  Response res;
  REQUIRE_FALSE(fetch(s.port(), http::verb::get, "/_sim/truth?offset=10&limit=5", res));
  REQUIRE(res.result_int() == 200);
  rapidjson::Document doc = parseJson(res.body());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(doc["people"].GetInt() == 200);
  CHECK(doc["offset"].GetInt() == 10);
  const rapidjson::Value& items = doc["items"];
  REQUIRE(items.Size() == 5);
  for (rapidjson::SizeType i = 0; i < items.Size(); ++i) {
    const rapidjson::Value& item = items[i];
    population::PersonRecords rec = s.world.population().records(10 + i);
    CHECK(item["index"].GetUint64() == 10u + i);
    CHECK(item["personId"].GetString() == rec.person.personId);
    CHECK(item["nipBaru"].GetString() == rec.person.nipBaru);
    CHECK(item["nipLama"].GetString() == rec.person.nipLama);
    CHECK(item["nik"].GetString() == rec.person.nik);
    CHECK(item["inSimpeg"].GetBool() == rec.person.inSimpeg);
    CHECK(item["inSiasn"].GetBool() == rec.person.inSiasn);
    REQUIRE(item["simpegIds"].Size() == static_cast<unsigned>(rec.simpegCount));
    REQUIRE(item["simpegNips"].Size() == static_cast<unsigned>(rec.simpegCount));
    for (int k = 0; k < rec.simpegCount; ++k) {
      CHECK(item["simpegIds"][k].GetString() == rec.simpeg[k].idPegawai);
      CHECK(item["simpegNips"][k].GetString() == rec.simpeg[k].nipBaru);
    }
    CHECK(item["defects"].Size() == static_cast<unsigned>(__builtin_popcount(rec.person.defects)));
  }

  SECTION("defect names are snake_case and cover the population's defects") {
    REQUIRE_FALSE(fetch(s.port(), http::verb::get, "/_sim/truth", res));
    doc = parseJson(res.body());
    CHECK(doc["items"].Size() == 200);  // default limit 1000, population 200
    std::set<std::string> names;
    for (const auto& item : doc["items"].GetArray())
      for (const auto& d : item["defects"].GetArray()) names.insert(d.GetString());
    CHECK(names.count("name_typo") == 1);
    CHECK(names.count("simpeg_only") + names.count("siasn_only") >= 1);
  }
  SECTION("past the end: no items; a bad offset: 400 naming it") {
    REQUIRE_FALSE(fetch(s.port(), http::verb::get, "/_sim/truth?offset=500&limit=99999", res));
    doc = parseJson(res.body());
    CHECK(doc["items"].Size() == 0);
    CHECK(doc["limit"].GetInt() == 10000);
    REQUIRE_FALSE(fetch(s.port(), http::verb::get, "/_sim/truth?offset=x1", res));
    CHECK(res.result_int() == 400);
    CHECK(res.body().find("offset: expected a whole number") != std::string::npos);
  }
}

TEST_CASE("SimServer serves TLS with the generated certificates", "[sim][server][tls]") {
  TempDir dir;
  Result<CertificateFiles> certs = writeTestCertificates(dir.path);
  REQUIRE(certs);
  CHECK((fs::status(certs->privateKey).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write));

  SimServerOptions options;
  options.tls = certs->tlsFiles();
  Served s(options);
  CHECK(s.server->baseUrl() == "https://127.0.0.1:" + std::to_string(s.port()));

  SECTION("a client that trusts the CA gets 200, by name and by IP") {
    for (std::string host : {"localhost", "127.0.0.1"}) {
      ssl::context ctx(ssl::context::tls_client);
      ctx.load_verify_file(certs->caCertificate.string());
      ctx.set_verify_mode(ssl::verify_peer);
      TestClient client(s.port(), &ctx, host);
      REQUIRE_FALSE(client.connect());
      Response res;
      for (int i = 0; i < 3; ++i) {
        REQUIRE_FALSE(client.request(http::verb::get, s.dataUtama(), res));
        CHECK(res.result_int() == 200);
      }
    }
  }
  SECTION("a client with the default trust store fails verification") {
    ssl::context ctx(ssl::context::tls_client);
    ctx.set_default_verify_paths();
    ctx.set_verify_mode(ssl::verify_peer);
    TestClient client(s.port(), &ctx);
    beast::error_code ec = client.connect();
    REQUIRE(ec);
    CHECK(ec.category() == net::error::get_ssl_category());
  }
  SECTION("a client that trusts the CA but expects another host name fails") {
    ssl::context ctx(ssl::context::tls_client);
    ctx.load_verify_file(certs->caCertificate.string());
    ctx.set_verify_mode(ssl::verify_peer);
    TestClient client(s.port(), &ctx, "example.org");
    CHECK(client.connect());
  }
}

TEST_CASE("SimServer start errors name the address and file", "[sim][server]") {
  World world(smallWorld());
  SimServerOptions options;
  options.system = "siasn";
  auto first = SimServer::start(options, Router(), world);
  REQUIRE(first);

  options.port = (*first)->port();
  auto clash = SimServer::start(options, Router(), world);
  REQUIRE_FALSE(clash);
  CHECK(clash.error().message.find("127.0.0.1:" + std::to_string(options.port) + ": bind") == 0);

  options.port = 0;
  options.bindAddress = "localhost";
  auto named = SimServer::start(options, Router(), world);
  REQUIRE_FALSE(named);
  CHECK(named.error().message.find("'localhost'") != std::string::npos);

  options.bindAddress = "127.0.0.1";
  options.tls = TlsFiles{"/nonexistent/server.pem", "/nonexistent/server.key"};
  auto noCert = SimServer::start(options, Router(), world);
  REQUIRE_FALSE(noCert);
  CHECK(noCert.error().message.find("/nonexistent/server.pem") != std::string::npos);
}

TEST_CASE("SimServer serves concurrent clients and stops with connections open", "[sim][server]") {
  SimServerOptions options;
  options.threads = 2;
  options.idleTimeout = std::chrono::milliseconds(300);
  Served s(options);

  constexpr int kClients = 4, kRequests = 50;
  std::vector<std::thread> clients;
  std::atomic<int> ok{0};
  for (int c = 0; c < kClients; ++c)
    clients.emplace_back([&] {
      TestClient client(s.port());
      if (client.connect()) return;
      Response res;
      for (int i = 0; i < kRequests; ++i)
        if (!client.request(http::verb::get, "/seq", res) && res.result_int() == 200) ++ok;
    });
  for (std::thread& t : clients) t.join();
  CHECK(ok == kClients * kRequests);
  CHECK(s.system.distinctSequences() == kClients * kRequests);

  SECTION("an idle connection is closed after the idle timeout") {
    TestClient idle(s.port());
    REQUIRE_FALSE(idle.connect());
    CHECK(idle.readAll().error == net::error::eof);
  }
  SECTION("stop() ends open connections and refuses new ones") {
    TestClient open(s.port());
    REQUIRE_FALSE(open.connect());
    Response res;
    REQUIRE_FALSE(open.request(http::verb::get, "/_sim/health", res));
    std::uint16_t port = s.port();
    s.server->stop();
    CHECK(open.readAll().error);
    TestClient late(port);
    CHECK(late.connect());
    s.server->stop();  // idempotent
  }
}
