// The e-presensi pull against the simulated app: login, pages, 31-day windows, counts from the
// model, a revoked token refreshed by one new login, faults, wrong password, unknown unit.
#include <set>
#include <tuple>

#include <catch2/catch.hpp>

#include "sinkron/connectors/attendance/epresensi_connector.hpp"
#include "sinkron/connectors/attendance/punch_store_sink.hpp"
#include "sinkron/sim/admin_routes.hpp"
#include "sinkron/sim/attendance_sim.hpp"
#include "sinkron/sim/sim_server.hpp"
#include "test_support.hpp"

using namespace sinkron::connectors::attendance;
using sinkron::connectors::PullRequest;
using sinkron::sim::AttendanceModel;

namespace {

using Key = std::tuple<std::string, std::string, int, std::string>;  // nip time status daystatus

struct App {
  attendance_test::TempDir dir;
  sinkron::sim::World world{attendance_test::smallWorld()};
  std::shared_ptr<const AttendanceModel> model = AttendanceModel::build(world);
  std::unique_ptr<sinkron::sim::SimServer> server;
  std::shared_ptr<PunchStore> store;

  App() {
    sinkron::sim::Router router = sinkron::sim::epresensiRouter(world, model);
    sinkron::sim::addAdminRoutes(router, world);
    sinkron::sim::SimServerOptions options;
    options.system = "epresensi";
    auto started = sinkron::sim::SimServer::start(options, std::move(router), world);
    REQUIRE(started);
    server = std::move(*started);
    auto opened = PunchStore::open(dir / "punches.db");
    REQUIRE(opened);
    store = std::move(*opened);
  }

  EpresensiConfig config() const {
    EpresensiConfig c;
    c.baseUrl = server->baseUrl();
    c.username = std::string(sinkron::sim::kEpresensiUsername);
    c.password = sinkron::security::Secret(std::string(sinkron::sim::kEpresensiPassword));
    c.perPage = 50;
    c.windowDays = 3;
    c.client.retry.baseDelay = std::chrono::milliseconds(5);
    c.client.retry.maxDelay = std::chrono::milliseconds(50);
    return c;
  }

  std::unique_ptr<EpresensiConnector> connector(EpresensiConfig c) const {
    auto created = EpresensiConnector::create(std::move(c));
    REQUIRE(created);
    return std::move(*created);
  }

  // Check-in and check-out punches of every employee on the working days of the range.
  std::set<Key> expected(const std::string& first, int days) const {
    std::set<Key> out;
    auto start = *sinkron::mappings::parseIsoDate(first);
    for (int d = 0; d < days; ++d) {
      auto date = sinkron::mappings::CivilDate::fromDays(start.toDays() + d);
      if (!sinkron::sim::isWorkingDay(date)) continue;
      for (std::uint32_t p = 0; p < model->employeeCount(); ++p) {
        auto user = model->employeeAt(p);
        auto day = model->personDay(user.key, date);
        std::string status(sinkron::sim::dayStatusCode(day.status));
        if (day.inSecond >= 0)
          out.emplace(user.nip, date.iso() + " " + sinkron::sim::clockTime(day.inSecond), 0,
                      status);
        if (day.outSecond >= 0)
          out.emplace(user.nip, date.iso() + " " + sinkron::sim::clockTime(day.outSecond), 1,
                      status);
      }
    }
    return out;
  }

  std::set<Key> stored() const {
    std::set<Key> out;
    auto punches = store->punches();
    REQUIRE(punches);
    for (const Punch& p : *punches) out.emplace(p.pin, p.time, p.status, p.workcode);
    return out;
  }
};

PullRequest week(std::string cursor = "") {
  PullRequest r;
  r.stream = "presensi";
  r.cursor = std::move(cursor);
  r.params = {{"start_date", "2026-03-02"}, {"end_date", "2026-03-08"}};
  return r;
}

}  // namespace

TEST_CASE("e-presensi: pages and windows, punches match the model", "[epresensi]") {
  App app;
  auto connector = app.connector(app.config());
  PunchStoreSink sink(app.store, connector->name(), "presensi");
  auto stats = connector->pull(week(), sink);
  REQUIRE(stats);
  CHECK(stats->cursor == "2026-03-08");
  CHECK(connector->logins() == 1);
  CHECK(connector->pagesFetched() > 3);  // several pages per window
  const std::set<Key> expected = app.expected("2026-03-02", 7);
  REQUIRE(expected.size() > 100);
  CHECK(app.stored() == expected);
  CHECK(*app.store->cursor("epresensi", "presensi") == "2026-03-08");
  CHECK(connector->testConnection());
}

TEST_CASE("e-presensi: a revoked token is refreshed by exactly one new login",
          "[epresensi][auth]") {
  App app;
  auto connector = app.connector(app.config());
  PunchStoreSink sink(app.store, connector->name(), "presensi");
  REQUIRE(connector->testConnection());
  REQUIRE(app.world.faults().addFromJson(R"({"system":"epresensi","kind":"token_revoke"})"));
  app.world.applyRevocations();
  auto stats = connector->pull(week(), sink);
  REQUIRE(stats);
  CHECK(connector->logins() == 2);
  CHECK(app.stored() == app.expected("2026-03-02", 7));
}

TEST_CASE("e-presensi faults: retried, drifted field names understood", "[epresensi][faults]") {
  App app;
  const std::string kind = GENERATE(as<std::string>{}, "status", "reset", "field_drift");
  REQUIRE(app.world.faults().addFromJson(
      R"({"system":"epresensi","route":"/api/v1/presensi","kind":")" + kind +
      R"(","count":2,"status":502})"));
  auto connector = app.connector(app.config());
  PunchStoreSink sink(app.store, connector->name(), "presensi");
  INFO("fault " << kind);
  auto stats = connector->pull(week(), sink);
  REQUIRE(stats);
  CHECK(app.stored() == app.expected("2026-03-02", 7));
}

TEST_CASE("e-presensi: wrong password and unknown unit surface the server's message",
          "[epresensi]") {
  App app;
  EpresensiConfig wrong = app.config();
  wrong.password = sinkron::security::Secret("nope");
  auto denied = app.connector(wrong);
  PunchStoreSink sink(app.store, "epresensi", "presensi");
  auto failed = denied->pull(week(), sink);
  REQUIRE_FALSE(failed);
  CHECK(failed.error().code == sinkron::ErrorCode::kRejected);
  CHECK(failed.error().message.find("Username atau password salah.") != std::string::npos);
  CHECK(failed.error().message.find("nope") == std::string::npos);

  EpresensiConfig unit = app.config();
  unit.unorIds = {"NO-SUCH-UNIT"};
  auto connector = app.connector(unit);
  auto missing = connector->pull(week(), sink);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message.find("unor_id NO-SUCH-UNIT tidak ditemukan") != std::string::npos);
  CHECK(app.store->cursor("epresensi", "presensi")->empty());
}
