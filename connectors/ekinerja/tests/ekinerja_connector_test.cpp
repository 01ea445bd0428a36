// EkinerjaConnector against the in-process e-Kinerja simulator (real HTTP on 127.0.0.1, port 0):
// pegawai and penilaian paging, the incremental page cursor surviving a sink failure, SKP per
// NIP with 404 as notFound, a revoked token refreshed once, a 422 kept as rejected with the
// server's message, transient faults retried, and the strict config.
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <set>

#include "sinkron/connectors/ekinerja_connector.hpp"
#include "sinkron/sim/admin_routes.hpp"
#include "sinkron/sim/ekinerja_sim.hpp"
#include "sinkron/sim/sim_server.hpp"

using namespace sinkron;
using namespace sinkron::connectors;
using ekinerja::EkinerjaConfig;
using ekinerja::EkinerjaConnector;

namespace {

class MemorySink : public PullSink {
 public:
  int failAt = 0;
  int calls = 0;
  std::vector<PullBatch> batches;
  std::string cursor;
  Status store(const PullBatch& batch) override {
    if (++calls == failAt) return Error::io("sink: disk full (test)");
    batches.push_back(batch);
    cursor = batch.cursorAfter;
    return {};
  }
  std::vector<PulledItem> items() const {
    std::vector<PulledItem> out;
    for (const PullBatch& b : batches) out.insert(out.end(), b.items.begin(), b.items.end());
    return out;
  }
};

struct Ekinerja {
  sim::World world;
  std::unique_ptr<sim::SimServer> server;

  Ekinerja() : world(options()) {
    sim::Router router = sim::ekinerjaRouter(world);
    sim::addAdminRoutes(router, world);
    sim::SimServerOptions o;
    o.system = "ekinerja";
    auto started = sim::SimServer::start(o, std::move(router), world);
    if (!started) FAIL(started.error().message);
    server = std::move(*started);
  }
  static sim::WorldOptions options() {
    sim::WorldOptions o;
    o.population.people = 1000;
    o.population.seed = 21;
    return o;
  }
  int year() const { return world.population().options().asOfYear; }
  void fault(const std::string& json) {
    Status s = world.faults().addFromJson(json);
    if (!s) FAIL(s.error().message);
  }
  EkinerjaConfig config() const {
    EkinerjaConfig c;
    c.name = "ekinerja-test";
    c.baseUrl = server->baseUrl();
    c.clientId = world.options().ekinerjaClientId;
    c.clientSecret = security::Secret(world.options().ekinerjaClientSecret);
    c.perPage = 3;
    c.batchSize = 10;
    c.retryBaseDelay = std::chrono::milliseconds(5);
    return c;
  }
  std::unique_ptr<EkinerjaConnector> connector(EkinerjaConfig c) const {
    http::ClientOptions base;
    base.retry.maxDelay = std::chrono::milliseconds(50);
    auto made = EkinerjaConnector::create(std::move(c), base);
    if (!made) FAIL(made.error().message);
    return std::move(*made);
  }
  std::unique_ptr<EkinerjaConnector> connector() const { return connector(config()); }
  // The unit with the most employees among the first people (listings of several pages).
  std::string unorId() const {
    std::map<std::string, int> counts;
    for (std::uint64_t i = 0; i < 1000; ++i) {
      auto r = world.population().records(i);
      if (r.person.inSiasn) ++counts[std::string(r.person.unorId)];
    }
    auto best = std::max_element(counts.begin(), counts.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    return best->first;
  }
  std::uint64_t issued() { return world.tokens("ekinerja").issuedCount(); }
};

PullRequest listing(const std::string& stream, std::map<std::string, std::string> params,
                    std::string cursor = "") {
  PullRequest r;
  r.stream = stream;
  r.params = std::move(params);
  r.cursor = std::move(cursor);
  return r;
}

}  // namespace

TEST_CASE("pegawai by unit: every page stored, cursor empty once complete", "[ekinerja]") {
  Ekinerja e;
  const std::string unor = e.unorId();
  MemorySink whole, paged;
  EkinerjaConfig big = e.config();
  big.perPage = 500;
  Result<PullStats> one = e.connector(big)->pull(listing("pegawai", {{"unor_id", unor}}), whole);
  Result<PullStats> many = e.connector()->pull(listing("pegawai", {{"unor_id", unor}}), paged);
  REQUIRE(one.ok());
  REQUIRE(many.ok());
  REQUIRE(one->items > 6);
  CHECK(many->items == one->items);
  CHECK(many->batches == (one->items + 2) / 3);
  CHECK(paged.batches.front().cursorAfter == "2");
  CHECK(many->cursor.empty());
  std::set<std::string> keys;
  for (const PulledItem& item : paged.items()) keys.insert(item.key);
  CHECK(keys.size() == one->items);
  CHECK(e.issued() == 2);  // one token per connector
}

TEST_CASE("penilaian by agency and period is incremental: a failed store resumes at its page",
          "[ekinerja]") {
  Ekinerja e;
  const std::string unor = e.unorId();
  auto params = std::map<std::string, std::string>{
      {"unor_id", unor}, {"tahun", std::to_string(e.year() - 1)}, {"periode", "TW2"}};
  MemorySink all;
  Result<PullStats> full = e.connector()->pull(listing("penilaian", params), all);
  REQUIRE(full.ok());
  REQUIRE(full->batches >= 3);

  auto connector = e.connector();
  MemorySink failing;
  failing.failAt = 3;
  Result<PullStats> broken = connector->pull(listing("penilaian", params), failing);
  REQUIRE_FALSE(broken.ok());
  CHECK_THAT(broken.error().message, Catch::Contains("storing page 3"));
  CHECK(failing.cursor == "3");  // pages 1 and 2 stored, page 3 next

  MemorySink rest;
  Result<PullStats> resumed = connector->pull(listing("penilaian", params, failing.cursor), rest);
  REQUIRE(resumed.ok());
  CHECK(resumed->cursor.empty());
  std::vector<std::string> keys;
  for (const auto& item : failing.items()) keys.push_back(item.key);
  for (const auto& item : rest.items()) keys.push_back(item.key);
  std::vector<std::string> expected;
  for (const auto& item : all.items()) expected.push_back(item.key);
  CHECK(keys == expected);
  for (const std::string& key : keys) CHECK_THAT(key, Catch::EndsWith("|TW2"));
}

TEST_CASE("skp per NIP with its penilaian; 404 counts as notFound", "[ekinerja]") {
  Ekinerja e;
  MemorySink staff;
  EkinerjaConfig big = e.config();
  big.perPage = 500;
  REQUIRE(e.connector(big)->pull(listing("pegawai", {{"unor_id", e.unorId()}}), staff).ok());
  PullRequest r;
  r.stream = "skp";
  r.params = {{"tahun", std::to_string(e.year() - 1)}};
  for (const PulledItem& item : staff.items()) r.keys.push_back(item.key);
  const std::size_t known = r.keys.size();
  r.keys.push_back("197001011990031001");  // nobody
  MemorySink sink;
  Result<PullStats> stats = e.connector()->pull(r, sink);
  REQUIRE(stats.ok());
  CHECK(stats->items + stats->notFound == known + 1);
  CHECK(stats->notFound >= 1);
  CHECK(stats->errors == 0);
  CHECK(stats->cursor == std::to_string(known + 1));
  REQUIRE_FALSE(sink.items().empty());
  CHECK_THAT(sink.items().front().json, Catch::StartsWith("{\"skp\":{\"id\":"));
  CHECK_THAT(sink.items().front().json, Catch::Contains("\"penilaian\":[{"));

  PullRequest noYear = r;
  noYear.params.clear();
  Result<PullStats> missing = e.connector()->pull(noYear, sink);
  REQUIRE_FALSE(missing.ok());
  CHECK_THAT(missing.error().message, Catch::Contains("parameter tahun is required"));
}

TEST_CASE("skp: a malformed answer is a per-key error; a revoked token is refreshed once",
          "[ekinerja][fault]") {
  Ekinerja e;
  MemorySink staff;
  EkinerjaConfig big = e.config();
  big.perPage = 500;
  REQUIRE(e.connector(big)->pull(listing("pegawai", {{"unor_id", e.unorId()}}), staff).ok());
  PullRequest r;
  r.stream = "skp";
  r.params = {{"tahun", std::to_string(e.year() - 1)}};
  for (const PulledItem& item : staff.items()) r.keys.push_back(item.key);
  r.keys.push_back("12345");  // not a NIP: refused before any request
  auto connector = e.connector();
  MemorySink clean;
  Result<PullStats> before = connector->pull(r, clean);
  REQUIRE(before.ok());
  CHECK(before->errors == 1);
  const std::uint64_t tokens = e.issued();

  e.fault(R"({"system":"ekinerja","route":"/api/v1/skp","kind":"malformed_json","count":1})");
  MemorySink sink;
  Result<PullStats> stats = connector->pull(r, sink);
  REQUIRE(stats.ok());
  CHECK(stats->errors == 2);
  CHECK(stats->items == before->items - 1);
  bool malformed = false;
  for (const std::string& m : stats->errorMessages)
    malformed = malformed || m.find("malformed JSON") != std::string::npos;
  CHECK(malformed);
  CHECK(e.issued() == tokens);

  // Every request of the next pull meets a revoked token first: one new token for all of them.
  e.fault(R"({"system":"ekinerja","route":"*","kind":"token_revoke"})");
  e.world.applyRevocations();
  MemorySink again;
  Result<PullStats> refreshed = connector->pull(r, again);
  REQUIRE(refreshed.ok());
  CHECK(refreshed->items == before->items);
  CHECK(e.issued() == tokens + 1);
}

TEST_CASE("a revoked token is refreshed once (401 -> new token -> one retry)",
          "[ekinerja][fault]") {
  Ekinerja e;
  auto connector = e.connector();
  auto params = std::map<std::string, std::string>{{"unor_id", e.unorId()}};
  MemorySink first;
  REQUIRE(connector->pull(listing("pegawai", params), first).ok());
  REQUIRE(e.issued() == 1);
  e.fault(R"({"system":"ekinerja","route":"*","kind":"token_revoke"})");
  e.world.applyRevocations();
  MemorySink second;
  Result<PullStats> stats = connector->pull(listing("pegawai", params), second);
  REQUIRE(stats.ok());
  CHECK(stats->items == first.items().size());
  CHECK(e.issued() == 2);
}

TEST_CASE("422 is rejected with the server's message and the URL", "[ekinerja]") {
  Ekinerja e;
  auto connector = e.connector();
  MemorySink sink;
  Result<PullStats> stats = connector->pull(
      listing("penilaian", {{"unor_id", e.unorId()}, {"tahun", "2025"}, {"periode", "TW5"}}), sink);
  REQUIRE_FALSE(stats.ok());
  CHECK(stats.error().code == ErrorCode::kRejected);
  CHECK(stats.error().httpStatus == 422);
  CHECK_THAT(stats.error().message, Catch::Contains("/api/v1/penilaian"));
  CHECK_THAT(stats.error().message, Catch::Contains("The given data was invalid"));
  CHECK(sink.batches.empty());
}

TEST_CASE("transient faults on listings are retried", "[ekinerja][fault]") {
  Ekinerja e;
  auto connector = e.connector();
  auto params = std::map<std::string, std::string>{{"unor_id", e.unorId()}};
  SECTION("503") {
    e.fault(
        R"({"system":"ekinerja","route":"/api/v1/pegawai","kind":"status","status":503,"count":3})");
  }
  SECTION("reset") {
    e.fault(R"({"system":"ekinerja","route":"/api/v1/pegawai","kind":"reset","count":2})");
  }
  SECTION("429") {
    e.fault(
        R"({"system":"ekinerja","route":"/api/v1/pegawai","kind":"rate_limit","retry_after":1,"count":1})");
  }
  MemorySink sink;
  Result<PullStats> stats = connector->pull(listing("pegawai", params), sink);
  REQUIRE(stats.ok());
  CHECK(stats->items > 6);
  CHECK(connector->httpStats().retries >= 1);
}

TEST_CASE("testConnection, push unsupported, strict config", "[ekinerja]") {
  Ekinerja e;
  auto connector = e.connector();
  CHECK(connector->testConnection().ok());
  Result<PushResult> push = connector->push({"skp", "x", "", "{}"});
  REQUIRE_FALSE(push.ok());
  CHECK(push.error().code == ErrorCode::kUnsupported);

  EkinerjaConfig wrong = e.config();
  wrong.clientSecret = security::Secret("not-the-secret");
  Status bad = e.connector(wrong)->testConnection();
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.error().message, !Catch::Contains("not-the-secret"));

  Result<EkinerjaConfig> parsed = ekinerja::parseEkinerjaConfig(
      YAML::Load("base_url: https://kinerja.example\nclient_id: a\nclient_secret: b\n"
                 "paths:\n  penilaian: /api/v2/penilaian\n"),
      "ekinerja.yaml");
  REQUIRE(parsed.ok());
  CHECK(parsed->paths.penilaian == "/api/v2/penilaian");
  Result<EkinerjaConfig> unknown = ekinerja::parseEkinerjaConfig(
      YAML::Load("base_url: https://kinerja.example\nclient_id: a\nclient_secret: b\nperpage: 3\n"),
      "ekinerja.yaml");
  REQUIRE_FALSE(unknown.ok());
  CHECK_THAT(unknown.error().message, Catch::Contains("ekinerja.yaml:4: perpage: unknown key"));
}
