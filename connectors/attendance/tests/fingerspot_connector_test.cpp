// The Fingerspot cloud pull against the simulated cloud on 127.0.0.1: 2-day windows, counts from
// the model, one test per fault the cloud can inject, wrong token, success:false, sink failure.
#include <fstream>
#include <set>
#include <tuple>

#include <catch2/catch.hpp>

#include "sinkron/connectors/attendance/attendance_import.hpp"
#include "sinkron/connectors/attendance/fingerspot_connector.hpp"
#include "sinkron/connectors/attendance/punch_store_sink.hpp"
#include "sinkron/sim/admin_routes.hpp"
#include "sinkron/sim/attendance_sim.hpp"
#include "sinkron/sim/sim_server.hpp"
#include "test_support.hpp"

using namespace sinkron::connectors::attendance;
using sinkron::connectors::PullBatch;
using sinkron::connectors::PullRequest;
using sinkron::connectors::PullSink;
using sinkron::sim::AttendanceModel;

namespace {

using Key = std::tuple<std::string, std::string, std::string, int, int>;

struct Cloud {
  attendance_test::TempDir dir;
  sinkron::sim::World world{attendance_test::smallWorld()};
  std::shared_ptr<const AttendanceModel> model = AttendanceModel::build(world);
  std::unique_ptr<sinkron::sim::SimServer> server;
  std::shared_ptr<PunchStore> store;

  Cloud() {
    sinkron::sim::Router router = sinkron::sim::fingerspotRouter(world, model);
    sinkron::sim::addAdminRoutes(router, world);
    sinkron::sim::SimServerOptions options;
    options.system = "fingerspot";
    auto started = sinkron::sim::SimServer::start(options, std::move(router), world);
    REQUIRE(started);
    server = std::move(*started);
    auto opened = PunchStore::open(dir / "punches.db");
    REQUIRE(opened);
    store = std::move(*opened);
  }

  FingerspotConfig config(std::string token = "") const {
    FingerspotConfig c;
    c.baseUrl = server->baseUrl();
    c.token = sinkron::security::Secret(token.empty() ? world.options().fingerspotToken : token);
    c.cloudIds = {model->devices()[0].cloudId, model->devices()[1].cloudId};
    c.client.retry.baseDelay = std::chrono::milliseconds(5);
    c.client.retry.maxDelay = std::chrono::milliseconds(50);
    c.client.connectTimeout = std::chrono::milliseconds(2000);
    c.client.totalTimeout = std::chrono::milliseconds(3000);
    return c;
  }

  std::unique_ptr<FingerspotConnector> connector(std::string token = "") const {
    auto created = FingerspotConnector::create(config(std::move(token)));
    REQUIRE(created);
    return std::move(*created);
  }

  std::set<Key> expected(const std::string& first, int days) const {
    std::set<Key> out;
    auto start = *sinkron::mappings::parseIsoDate(first);
    for (int d = 0; d < 2; ++d)
      for (int day = 0; day < days; ++day)
        for (const auto& p :
             model->punches(model->devices()[static_cast<std::size_t>(d)],
                            sinkron::mappings::CivilDate::fromDays(start.toDays() + day)))
          out.emplace(model->devices()[static_cast<std::size_t>(d)].cloudId, p.pin, p.time,
                      p.status, p.verify);
    return out;
  }

  std::set<Key> stored() const {
    std::set<Key> out;
    auto punches = store->punches();
    REQUIRE(punches);
    for (const Punch& p : *punches) out.emplace(p.deviceSn, p.pin, p.time, p.status, p.verify);
    return out;
  }

  void fault(const std::string& json) { REQUIRE(world.faults().addFromJson(json)); }
};

PullRequest threeDays(std::string cursor = "") {
  PullRequest r;
  r.stream = "attlog";
  r.cursor = std::move(cursor);
  r.params = {{"start_date", "2026-03-02"}, {"end_date", "2026-03-04"}};
  return r;
}

// Fails the n-th store (1-based) and every later one, storing the others in a PunchStore.
class FailingSink : public PullSink {
 public:
  FailingSink(PunchStoreSink& inner, int failFrom) : inner_(inner), failFrom_(failFrom) {}
  sinkron::Status store(const PullBatch& batch) override {
    if (++calls_ >= failFrom_) return sinkron::Error::io("sink: disk full (test)");
    return inner_.store(batch);
  }

 private:
  PunchStoreSink& inner_;
  int failFrom_;
  int calls_ = 0;
};

}  // namespace

TEST_CASE("A 3-day range is two calls per cloud id (2 + 1 days); counts match the model",
          "[fingerspot]") {
  Cloud cloud;
  auto connector = cloud.connector();
  PunchStoreSink sink(cloud.store, connector->name());
  auto stats = connector->pull(threeDays(), sink);
  REQUIRE(stats);
  CHECK(connector->callsMade() == 4);  // 2 windows x 2 cloud ids
  CHECK(stats->batches == 2);
  CHECK(stats->cursor == "2026-03-04");
  const std::set<Key> expected = cloud.expected("2026-03-02", 3);
  REQUIRE(expected.size() > 10);
  CHECK(stats->items == expected.size());
  CHECK(cloud.stored() == expected);
  CHECK(*cloud.store->cursor("fingerspot", "attlog") == "2026-03-04");
  auto punches = cloud.store->punches();
  CHECK(punches->front().source == "fingerspot");
  CHECK(punches->front().timeZone == "Asia/Jakarta");

  SECTION("pulling again from the stored cursor calls nothing") {
    auto again = connector->pull(threeDays(*cloud.store->cursor("fingerspot", "attlog")), sink);
    REQUIRE(again);
    CHECK(again->batches == 0);
    CHECK(connector->callsMade() == 4);
  }
  SECTION("a re-pull of the whole range stores nothing twice") {
    REQUIRE(connector->pull(threeDays(), sink));
    CHECK(sink.totals().duplicates == expected.size());
    CHECK(*cloud.store->punchCount() == expected.size());
  }
  CHECK(connector->testConnection());
}

TEST_CASE("Faults the cloud injects: retried ones end with the exact set", "[fingerspot][faults]") {
  Cloud cloud;
  const std::string kind = GENERATE(as<std::string>{}, "status", "rate_limit", "reset", "truncate",
                                    "field_drift", "latency", "trickle");
  cloud.fault(R"({"system":"fingerspot","route":"/api/v1/get_attlog","kind":")" + kind +
              R"(","count":2,"status":503,"retry_after":0,"fixed_ms":20,"trickle_bytes":256,)"
              R"("trickle_delay_ms":1})");
  auto connector = cloud.connector();
  PunchStoreSink sink(cloud.store, connector->name());
  auto stats = connector->pull(threeDays(), sink);
  INFO("fault " << kind);
  REQUIRE(stats);
  CHECK(cloud.stored() == cloud.expected("2026-03-02", 3));
  CHECK(stats->cursor == "2026-03-04");
  auto rules = cloud.world.faults().rules();
  REQUIRE(rules.size() == 1);
  CHECK(rules[0].hits == 2);
}

TEST_CASE("Malformed JSON fails the pull and the cursor does not move past stored data",
          "[fingerspot][faults]") {
  Cloud cloud;
  auto connector = cloud.connector();
  PunchStoreSink sink(cloud.store, connector->name());
  // Every answer is broken JSON (HTTP 200): not retried, nothing stored, no cursor.
  cloud.fault(R"({"system":"fingerspot","route":"/api/v1/get_attlog","kind":"malformed_json",)"
              R"("rate":1,"count":0})");
  auto failed = connector->pull(threeDays(), sink);
  REQUIRE_FALSE(failed);
  CHECK(failed.error().code == sinkron::ErrorCode::kParse);
  CHECK(failed.error().message.find("get_attlog") != std::string::npos);
  CHECK(cloud.store->cursor("fingerspot", "attlog")->empty());
  CHECK(*cloud.store->punchCount() == 0);
}

TEST_CASE("A wrong token is rejected with the server's verdict", "[fingerspot][auth]") {
  Cloud cloud;
  auto connector = cloud.connector("not-the-token");
  PunchStoreSink sink(cloud.store, connector->name());
  auto failed = connector->pull(threeDays(), sink);
  REQUIRE_FALSE(failed);
  CHECK(failed.error().code == sinkron::ErrorCode::kRejected);
  CHECK(failed.error().httpStatus == 401);
  CHECK(failed.error().message.find("rejected") != std::string::npos);
  CHECK(failed.error().message.find("not-the-token") == std::string::npos);
  CHECK(*cloud.store->punchCount() == 0);
  CHECK_FALSE(connector->testConnection());
}

TEST_CASE("success:false answers are rejected with the cloud's message", "[fingerspot]") {
  Cloud cloud;
  FingerspotConfig config = cloud.config();
  config.cloudIds = {"NO-SUCH-CLOUD"};
  auto connector = FingerspotConnector::create(config);
  REQUIRE(connector);
  PunchStoreSink sink(cloud.store, (*connector)->name());
  auto failed = (*connector)->pull(threeDays(), sink);
  REQUIRE_FALSE(failed);
  CHECK(failed.error().code == sinkron::ErrorCode::kRejected);
  CHECK(failed.error().message.find("cloud_id: unknown device NO-SUCH-CLOUD") != std::string::npos);
}

TEST_CASE("A sink failure leaves the cursor at the last stored window", "[fingerspot]") {
  Cloud cloud;
  auto connector = cloud.connector();
  PunchStoreSink inner(cloud.store, connector->name());
  FailingSink sink(inner, 2);
  auto failed = connector->pull(threeDays(), sink);
  REQUIRE_FALSE(failed);
  CHECK(failed.error().message.find("cursor stays at 2026-03-03") != std::string::npos);
  CHECK(*cloud.store->cursor("fingerspot", "attlog") == "2026-03-03");
  CHECK(cloud.stored() == cloud.expected("2026-03-02", 2));

  // Resuming from the stored cursor pulls only the missing day.
  auto resumed = connector->pull(threeDays(*cloud.store->cursor("fingerspot", "attlog")), inner);
  REQUIRE(resumed);
  CHECK(resumed->batches == 1);
  CHECK(cloud.stored() == cloud.expected("2026-03-02", 3));
}

TEST_CASE("Fingerspot config: strict keys, window_days at most 2", "[fingerspot][config]") {
  attendance_test::TempDir dir;
  std::ofstream(dir / "token") << "secret-token\n";
  const std::string yaml =
      "base_url: https://cloud.example.id\ntoken_file: " + (dir / "token").string() +
      "\ncloud_ids: [C1, C2]\nwindow_days: 2\n";
  auto config = parseFingerspotConfig(YAML::Load(yaml), "attendance.yaml");
  REQUIRE(config);
  CHECK(config->token.reveal() == "secret-token");
  CHECK(config->cloudIds.size() == 2);
  auto unknown = parseFingerspotConfig(YAML::Load(yaml + "windows: 3\n"), "attendance.yaml");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().message.find("attendance.yaml:5: unknown key 'windows'") == 0);
  auto noToken =
      parseFingerspotConfig(YAML::Load("base_url: https://x\ncloud_ids: [C1]\n"), "a.yaml");
  REQUIRE_FALSE(noToken);
  CHECK(noToken.error().message.find("token_env or token_file") != std::string::npos);
  FingerspotConfig c = *config;
  c.windowDays = 3;
  CHECK(c.validate().error().message.find("window_days") == 0);
}

TEST_CASE("The site's PIN map (the cloud's CSV export) resolves pulled punches by cloud id",
          "[fingerspot][pinmap]") {
  Cloud cloud;
  PunchStoreSink sink(cloud.store, "fingerspot");
  auto connector = cloud.connector();
  PullRequest oneDay = threeDays();
  oneDay.params["end_date"] = "2026-03-02";
  REQUIRE(connector->pull(oneDay, sink));

  // The map a site keeps, as the simulator exports it: device_sn,cloud_id,pin,nip,name.
  sinkron::sim::Router router = sinkron::sim::fingerspotRouter(cloud.world, cloud.model);
  sinkron::sim::HttpRequest request;
  request.method = "GET";
  request.target = "/_sim/attendance/pin-map";
  REQUIRE(request.parseTarget());
  sinkron::sim::HttpResponse csv = router.dispatch(request);
  REQUIRE(csv.status == 200);
  const auto file = cloud.dir / "pin-map.csv";
  std::ofstream(file, std::ios::binary) << csv.body;
  auto imported = importPinMapCsv(file, *cloud.store);
  REQUIRE(imported);
  CHECK(imported->errors.empty());
  CHECK(imported->mapped == cloud.model->employeeCount());
  CHECK(imported->withoutNip > 0);

  // Every punch of an employee resolves to the model's NIP; the device users without NIP stay
  // unmapped (kept, never guessed).
  std::uint64_t mapped = 0, unmapped = 0, wrong = 0;
  REQUIRE(cloud.store->forEachPunchInDays(
      "2026-03-02", "2026-03-02", [&](const MappedPunch& m) -> sinkron::Status {
        auto user = cloud.model->userByPin(static_cast<std::uint32_t>(std::stoul(m.punch.pin)));
        if (!user) return sinkron::Error::internal("unknown PIN " + m.punch.pin);
        if (m.nip.empty())
          ++unmapped;
        else
          ++mapped;
        if (m.nip != user->nip) ++wrong;
        return {};
      }));
  CHECK(wrong == 0);
  CHECK(mapped > 0);
  CHECK(mapped + unmapped == *cloud.store->punchCount());
}
