// TrainingConnector against the training simulator on 127.0.0.1: incremental pull of completions
// with the attendee hint, faults, a malformed page, sink failures, a bad key, no push.
#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <string>

#include "sinkron/connectors/training_connector.hpp"
#include "sinkron/sim/admin_routes.hpp"
#include "sinkron/sim/sim_server.hpp"
#include "sinkron/sim/training_sim.hpp"
#include "sinkron/sim/world.hpp"

using namespace sinkron;
using namespace sinkron::connectors;

namespace {

constexpr std::uint64_t kPeople = 300;
constexpr int kPageSize = 97;

class MemorySink : public PullSink {
 public:
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

struct Training {
  sim::World world;
  std::unique_ptr<sim::SimServer> server;
  std::unique_ptr<training::TrainingConnector> connector;

  explicit Training(std::string apiKey = "training-demo-key") : world(options()) {
    sim::Router router = sim::trainingRouter(world);
    sim::addAdminRoutes(router, world);
    auto started = sim::SimServer::start(serverOptions(), std::move(router), world);
    REQUIRE(started);
    server = std::move(*started);
    training::TrainingConfig c;
    c.name = "training-test";
    c.baseUrl = server->baseUrl();
    c.apiKey = security::Secret(std::move(apiKey));
    c.pageSize = kPageSize;
    c.maxAttempts = 8;
    c.retryBaseDelay = std::chrono::milliseconds(5);
    auto created = training::TrainingConnector::create(std::move(c));
    INFO((created ? std::string() : created.error().message));
    REQUIRE(created);
    connector = std::move(*created);
  }
  static sim::SimServerOptions serverOptions() {
    sim::SimServerOptions o;
    o.system = "training";
    return o;
  }
  static sim::WorldOptions options() {
    sim::WorldOptions o;
    o.population.people = kPeople;
    o.population.seed = 5;
    return o;
  }
  Result<PullStats> pull(MemorySink& sink, std::string cursor = "") {
    return connector->pull({"completions", std::move(cursor), {}, {}}, sink);
  }
  void fault(const std::string& json) { REQUIRE(world.faults().addFromJson(json)); }
};

// Every completion once, with the attendee hint as given.
MemorySink pullAll(Training& t) {
  MemorySink sink;
  Result<PullStats> stats = t.pull(sink);
  INFO((stats ? std::string() : stats.error().message));
  REQUIRE(stats);
  REQUIRE(stats->items > 200);
  CHECK(sink.counts.size() == sink.items.size());
  return sink;
}

}  // namespace

TEST_CASE("Training: full pull with attendee hints, then nothing new") {
  Training t;
  REQUIRE(t.connector->testConnection());
  MemorySink full = pullAll(t);
  int withNik = 0, withNip = 0;
  for (const PulledItem& item : full.items) {
    rapidjson::Document d;
    d.Parse(item.json.c_str());
    REQUIRE_FALSE(d.HasParseError());
    const rapidjson::Value& row = d["completion"];
    const rapidjson::Value& hint = d["attendee"];
    CHECK(std::to_string(row["id"].GetUint64()) == item.key);
    if (row["nip"].IsString() && row["nip"].GetStringLength() > 0) {
      ++withNip;
      CHECK(std::string(hint["nip"].GetString()) == row["nip"].GetString());
    } else {
      CHECK(hint["nip"].IsNull());
    }
    if (hint["nik"].IsString()) ++withNik;
  }
  CHECK(withNip > 0);
  CHECK(withNik > 0);
  MemorySink again;
  Result<PullStats> none = t.pull(again, full.cursor);
  REQUIRE(none);
  CHECK(none->items == 0);
  Result<PushResult> pushed = t.connector->push({"kursus", "x", "y", "{}"});
  REQUIRE_FALSE(pushed);
  CHECK(pushed.error().code == ErrorCode::kUnsupported);
}

TEST_CASE("Training: transient faults give the same completions") {
  Training clean;
  MemorySink expected = pullAll(clean);
  const std::string rule = GENERATE(
      std::string(R"({"system":"training","kind":"status","status":503,"rate":0.5,"count":4})"),
      std::string(R"({"system":"training","kind":"rate_limit","retry_after":0,"rate":0.5,)"
                  R"("count":4})"),
      std::string(R"({"system":"training","kind":"reset","rate":0.5,"count":3})"),
      std::string(R"({"system":"training","kind":"truncate","rate":0.5,"count":3})"));
  INFO(rule);
  Training t;
  t.fault(rule);
  MemorySink got = pullAll(t);
  CHECK(got.counts == expected.counts);
  CHECK(t.connector->httpStats().retries > 0);
}

TEST_CASE("Training: a malformed page or a sink failure keeps the last stored cursor") {
  Training t;
  MemorySink sink;
  sink.onStore = [&](int n) {
    if (n == 1) t.fault(R"({"system":"training","kind":"malformed_json","rate":1,"count":1})");
  };
  Result<PullStats> broken = t.pull(sink);
  REQUIRE_FALSE(broken);
  INFO(broken.error().message);
  CHECK(broken.error().message.find("GET " + t.server->baseUrl() + "/api/v1/completions?") !=
        std::string::npos);
  CHECK(sink.items.size() == kPageSize);
  sink.onStore = nullptr;
  sink.failAt = 3;  // its third call: the second page of the resumed pull
  Result<PullStats> failed = t.pull(sink, sink.cursor);
  REQUIRE_FALSE(failed);
  CHECK(sink.items.size() == 2 * kPageSize);
  MemorySink rest;
  REQUIRE(t.pull(rest, sink.cursor));
  for (const auto& [key, n] : rest.counts) CHECK(sink.counts.count(key) == 0);
  MemorySink all = pullAll(t);
  CHECK(sink.items.size() + rest.items.size() == all.items.size());
}

TEST_CASE("Training: a bad API key is refused with the server's message") {
  Training t("nope");
  Status s = t.connector->testConnection();
  REQUIRE_FALSE(s);
  CHECK(s.error().httpStatus == 401);
  CHECK(s.error().message.find("invalid api key") != std::string::npos);
}
