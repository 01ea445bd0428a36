// SimpegRestConnector against the SIMPEG simulator on 127.0.0.1: incremental pulls by cursor,
// PATCH with read-before-write, every fault kind the simulator injects, sink failures, a bad key.
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "sinkron/connectors/simpeg_rest_connector.hpp"
#include "sinkron/mappings/field.hpp"
#include "sinkron/sim/admin_routes.hpp"
#include "sinkron/sim/sim_server.hpp"
#include "sinkron/sim/simpeg_sim.hpp"
#include "sinkron/sim/world.hpp"

using namespace sinkron;
using namespace sinkron::connectors;
using mappings::Field;

namespace {

constexpr std::uint64_t kPeople = 500;
constexpr int kPageSize = 50;

class MemorySink : public PullSink {
 public:
  // `onStore(n)` runs before the n-th store (1-based); `failAt` fails that store.
  int failAt = 0;
  std::function<void(int)> onStore;
  Status store(const PullBatch& batch) override {
    ++calls_;
    if (onStore) onStore(calls_);
    if (calls_ == failAt) return Error::io("test sink: disk full");
    for (const PulledItem& item : batch.items) {
      ++counts[item.key];
      items.push_back(item);
    }
    cursor = batch.cursorAfter;
    return {};
  }
  std::map<std::string, int> counts;
  std::vector<PulledItem> items;
  std::string cursor;

 private:
  int calls_ = 0;
};

struct Simpeg {
  sim::World world;
  std::unique_ptr<sim::SimServer> server;
  std::unique_ptr<simpeg::SimpegRestConnector> connector;
  std::uint64_t rows = 0;

  explicit Simpeg(std::string apiKey = "simpeg-demo-key") : world(options()) {
    sim::Router router = sim::simpegRouter(world);
    sim::addAdminRoutes(router, world);
    auto started = sim::SimServer::start(serverOptions(), std::move(router), world);
    REQUIRE(started);
    server = std::move(*started);
    for (std::uint64_t i = 0; i < kPeople; ++i)
      rows += static_cast<std::uint64_t>(world.population().records(i).simpegCount);
    auto created = simpeg::SimpegRestConnector::create(config(std::move(apiKey)));
    INFO((created ? std::string() : created.error().message));
    REQUIRE(created);
    connector = std::move(*created);
  }

  static sim::SimServerOptions serverOptions() {
    sim::SimServerOptions o;
    o.system = "simpeg";
    return o;
  }
  static sim::WorldOptions options() {
    sim::WorldOptions o;
    o.population.people = kPeople;
    o.population.seed = 17;
    return o;
  }

  simpeg::SimpegRestConfig config(std::string apiKey) const {
    simpeg::SimpegRestConfig c;
    c.name = "simpeg-test";
    c.baseUrl = server->baseUrl();
    c.apiKey = security::Secret(std::move(apiKey));
    c.mapping = std::string(SINKRON_SOURCE_DIR) + "/deploy/mappings/simpeg-rest.yaml";
    c.pageSize = kPageSize;
    c.concurrency = 4;
    c.maxAttempts = 8;
    c.retryBaseDelay = std::chrono::milliseconds(5);
    return c;
  }

  void fault(const std::string& json) {
    Status s = world.faults().addFromJson(json);
    INFO((s ? std::string() : s.error().message));
    REQUIRE(s);
  }

  Result<PullStats> pull(MemorySink& sink, std::string cursor = "", std::string stream = "pegawai",
                         std::vector<std::string> keys = {}) {
    return connector->pull({std::move(stream), std::move(cursor), std::move(keys), {}}, sink);
  }

  // A full pull that must succeed and deliver every row exactly once.
  MemorySink pullAll() {
    MemorySink sink;
    Result<PullStats> stats = pull(sink);
    INFO((stats ? std::string() : stats.error().message));
    REQUIRE(stats);
    CHECK(stats->items == rows);
    CHECK(sink.counts.size() == rows);
    for (const auto& [key, n] : sink.counts) CHECK(n == 1);
    return sink;
  }
};

}  // namespace

TEST_CASE("SIMPEG REST: full pull, nothing new, a PATCH comes back incrementally") {
  Simpeg s;
  REQUIRE(s.connector->testConnection());
  MemorySink full = s.pullAll();
  for (const PulledItem& item : full.items) {
    REQUIRE(item.record);
    CHECK(item.record->key == item.key);
    CHECK(item.record->has(Field::kTglLahir));
    CHECK(item.record->has(Field::kJenisKelamin));
    CHECK(item.json.find("\"updated_at\"") != std::string::npos);
  }

  MemorySink again;
  Result<PullStats> none = s.pull(again, full.cursor);
  REQUIRE(none);
  CHECK(none->items == 0);
  CHECK(again.items.empty());

  const std::string id = full.items[7].key;
  Change change{"pegawai-patch", id, "pegawai|" + id + "|email",
                R"({"email":"baru@example.go.id"})"};
  Result<PushResult> pushed = s.connector->push(change);
  INFO((pushed ? std::string() : pushed.error().message));
  REQUIRE(pushed);
  CHECK(pushed->applied);
  CHECK_FALSE(pushed->alreadyPresent);
  // A retried delivery finds the value in place and sends nothing.
  Result<PushResult> repeated = s.connector->push(change);
  REQUIRE(repeated);
  CHECK(repeated->alreadyPresent);
  CHECK(s.world.writes().entries("simpeg", 0, 10).size() == 1);

  MemorySink delta;
  Result<PullStats> changed = s.pull(delta, full.cursor);
  REQUIRE(changed);
  REQUIRE(delta.items.size() == 1);
  CHECK(delta.items[0].key == id);
  CHECK(delta.items[0].record->get(Field::kEmail) == "baru@example.go.id");
  MemorySink after;
  REQUIRE(s.pull(after, delta.cursor));
  CHECK(after.items.empty());

  // 422: rejected with the field's message; unknown employee: 404.
  Result<PushResult> invalid =
      s.connector->push({"pegawai-patch", id, "", R"({"tgl_lahir":"bukan tanggal"})"});
  REQUIRE_FALSE(invalid);
  CHECK(invalid.error().code == ErrorCode::kRejected);
  CHECK(invalid.error().httpStatus == 422);
  CHECK(invalid.error().message.find("tgl_lahir") != std::string::npos);
  Result<PushResult> unknown =
      s.connector->push({"pegawai-patch", "99999999", "", R"({"email":"x@example.go.id"})"});
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().httpStatus == 404);
  Result<PushResult> kind = s.connector->push({"kursus", id, "", "{}"});
  REQUIRE_FALSE(kind);
  CHECK(kind.error().code == ErrorCode::kUnsupported);
}

TEST_CASE("SIMPEG REST: transient faults give the same rows") {
  const std::string rule = GENERATE(
      std::string(R"({"system":"simpeg","route":"/api/v1/pegawai","kind":"status","status":503,)"
                  R"("rate":0.5,"count":4})"),
      std::string(R"({"system":"simpeg","route":"/api/v1/pegawai","kind":"status","status":502,)"
                  R"("rate":0.5,"count":3})"),
      std::string(R"({"system":"simpeg","route":"/api/v1/pegawai","kind":"rate_limit",)"
                  R"("retry_after":0,"rate":0.5,"count":4})"),
      std::string(R"({"system":"simpeg","route":"/api/v1/pegawai","kind":"reset",)"
                  R"("rate":0.5,"count":3})"),
      std::string(R"({"system":"simpeg","route":"/api/v1/pegawai","kind":"truncate",)"
                  R"("rate":0.5,"count":3})"),
      std::string(R"({"system":"simpeg","route":"/api/v1/pegawai","kind":"latency",)"
                  R"("fixed_ms":5,"rate":1,"count":5})"));
  INFO(rule);
  Simpeg s;
  s.fault(rule);
  MemorySink sink = s.pullAll();
  CHECK(s.world.faults().rules().at(0).hits > 0);
  if (rule.find("latency") == std::string::npos) CHECK(s.connector->httpStats().retries > 0);
}

TEST_CASE("SIMPEG REST: a malformed page stops the pull at the last stored page") {
  Simpeg s;
  MemorySink sink;
  sink.onStore = [&](int n) {
    if (n == 2)
      s.fault(R"({"system":"simpeg","route":"/api/v1/pegawai","kind":"malformed_json",)"
              R"("rate":1,"count":1})");
  };
  Result<PullStats> broken = s.pull(sink);
  REQUIRE_FALSE(broken);
  INFO(broken.error().message);
  CHECK(broken.error().code == ErrorCode::kParse);
  CHECK(broken.error().message.find("GET " + s.server->baseUrl() + "/api/v1/pegawai?") !=
        std::string::npos);
  CHECK(broken.error().message.find("malformed JSON") != std::string::npos);
  CHECK(sink.items.size() == 2 * kPageSize);

  MemorySink rest;
  sink.onStore = nullptr;
  REQUIRE(s.pull(rest, sink.cursor));
  std::set<std::string> all;
  for (const auto& [key, n] : sink.counts) all.insert(key);
  for (const auto& [key, n] : rest.counts) {
    CHECK(n == 1);
    CHECK(sink.counts.count(key) == 0);
    all.insert(key);
  }
  CHECK(all.size() == s.rows);
}

TEST_CASE("SIMPEG REST: a sink failure leaves the cursor at the last stored page") {
  Simpeg s;
  MemorySink failing;
  failing.failAt = 4;
  Result<PullStats> broken = s.pull(failing);
  REQUIRE_FALSE(broken);
  CHECK(broken.error().message.find("disk full") != std::string::npos);
  CHECK(failing.items.size() == 3 * kPageSize);
  MemorySink rest;
  Result<PullStats> resumed = s.pull(rest, failing.cursor);
  REQUIRE(resumed);
  CHECK(failing.items.size() + rest.items.size() == s.rows);
  for (const auto& [key, n] : rest.counts) CHECK(failing.counts.count(key) == 0);
}

TEST_CASE("SIMPEG REST: a bad API key is refused with the server's message") {
  Simpeg s("wrong-key");
  Status test = s.connector->testConnection();
  REQUIRE_FALSE(test);
  CHECK(test.error().httpStatus == 401);
  CHECK(test.error().message.find("API key tidak valid") != std::string::npos);
  CHECK(test.error().message.find("wrong-key") == std::string::npos);
  MemorySink sink;
  Result<PullStats> pulled = s.pull(sink);
  REQUIRE_FALSE(pulled);
  CHECK(pulled.error().httpStatus == 401);
  CHECK(sink.items.empty());
}

TEST_CASE("SIMPEG REST: renamed fields are read through the mapping's fallbacks") {
  Simpeg s;
  MemorySink plain = s.pullAll();
  s.fault(R"({"system":"simpeg","route":"/api/v1/pegawai","kind":"field_drift","rate":1})");
  MemorySink drifted = s.pullAll();
  REQUIRE(drifted.items.size() == plain.items.size());
  std::map<std::string, const PulledItem*> byKey;
  for (const PulledItem& item : plain.items) byKey[item.key] = &item;
  for (const PulledItem& item : drifted.items) {
    CHECK(item.json.find("\"tanggal_lahir\"") != std::string::npos);
    const PulledItem& before = *byKey.at(item.key);
    CHECK(item.record->get(Field::kTglLahir) == before.record->get(Field::kTglLahir));
    CHECK(item.record->get(Field::kJenisKelamin) == before.record->get(Field::kJenisKelamin));
    CHECK(item.record->get(Field::kPhone) == before.record->get(Field::kPhone));
  }
}

TEST_CASE("SIMPEG REST: histories per key and the reference tables") {
  Simpeg s;
  MemorySink first;
  REQUIRE(s.pull(first));
  std::vector<std::string> keys;
  for (int i = 0; i < 9; ++i) keys.push_back(first.items[static_cast<std::size_t>(i)].key);
  keys.push_back("99999999");
  for (std::string stream : {"riwayat-pangkat", "riwayat-jabatan", "diklat"}) {
    MemorySink sink;
    Result<PullStats> stats = s.pull(sink, "", stream, keys);
    INFO(stream);
    REQUIRE(stats);
    CHECK(stats->items == 9);
    CHECK(stats->notFound == 1);
    CHECK(stats->errors == 0);
    for (const PulledItem& item : sink.items) CHECK(item.json.front() == '[');
  }
  MemorySink units;
  Result<PullStats> u = s.pull(units, "", "unit-kerja");
  REQUIRE(u);
  CHECK(u->items == units.counts.size());
  CHECK(u->items > 10);
  CHECK(u->cursor.empty());
  MemorySink posts;
  REQUIRE(s.pull(posts, "", "jabatan"));
  CHECK(posts.items.size() > units.items.size());
  CHECK(posts.items[0].json.find("\"id_bos\"") != std::string::npos);
  MemorySink none;
  CHECK_FALSE(s.pull(none, "", "gaji"));
}

TEST_CASE("SIMPEG REST config: unknown keys and bad values name the line") {
  YAML::Node node = YAML::Load(
      "name: simpeg-kab\nbase_url: https://simpeg.example.go.id\napi_key: k\n"
      "mapping: m.yaml\npage_sise: 100\n");
  auto bad = simpeg::parseSimpegRestConfig(node, "sinkron.yaml");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message.find("sinkron.yaml:5") != std::string::npos);
  CHECK(bad.error().message.find("page_sise") != std::string::npos);
  node = YAML::Load(
      "name: simpeg-kab\nbase_url: https://simpeg.example.go.id\napi_key: k\nmapping: m.yaml\n"
      "page_size: 5000\n");
  CHECK_FALSE(simpeg::parseSimpegRestConfig(node, "sinkron.yaml"));
  node = YAML::Load(
      "name: simpeg-kab\nbase_url: https://simpeg.example.go.id\napi_key: k\nmapping: m.yaml\n"
      "page_size: 200\nconcurrency: 8\n");
  auto good = simpeg::parseSimpegRestConfig(node, "sinkron.yaml");
  REQUIRE(good);
  CHECK(good->pageSize == 200);
  CHECK(good->apiKey.reveal() == "k");
}
