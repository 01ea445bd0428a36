// The roll-up over a PunchStore and the state store in ONE database (a SQLite file, or the
// private PostgreSQL server for [db]): late, on time, TK, weekend, e-presensi precedence,
// unmapped PINs, zones, idempotent re-runs and the monthly figures.
#include <soci/soci.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <random>

#include "sinkron/attendance/attendance_rollup.hpp"
#include "sinkron/attendance/daemon_punch_store.hpp"
#include "sinkron/attendance/epresensi_daily_sink.hpp"
#include "sinkron/attendance/monthly_summary.hpp"
#include "sinkron/test/database_server.hpp"

namespace fs = std::filesystem;
using namespace sinkron;
using namespace sinkron::attendance;
using connectors::attendance::Punch;
using connectors::attendance::PunchStore;
using connectors::attendance::PunchStoreLocation;

namespace {

const std::string kAni = "199001312015031002", kBudi = "198501012010012001",
                  kCitra = "197712252005011003", kDedi = "198803152012121004",
                  kEka = "199207072019032005", kFajar = "198112122006041006";

struct TempDir {
  fs::path path;
  TempDir() {
    static std::atomic<int> counter{0};
    path = fs::temp_directory_path() /
           ("sinkron-rollup-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
            std::to_string(std::random_device{}()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

Punch punch(std::string sn, std::string pin, std::string time, int status,
            std::string zone = "Asia/Jakarta") {
  Punch p;
  p.deviceSn = std::move(sn);
  p.pin = std::move(pin);
  p.time = std::move(time);
  p.status = status;
  p.timeZone = std::move(zone);
  p.source = "test";
  return p;
}

connectors::PulledItem presensi(const std::string& nip, const std::string& day,
                                const std::string& in, const std::string& out,
                                const std::string& status) {
  connectors::PulledItem item;
  item.stream = "presensi";
  item.key = nip + "|" + day;
  item.json = R"({"nip":")" + nip + R"(","tanggal":")" + day + R"(","jam_in":")" + in +
              R"(","jam_out":")" + out + R"(","status":")" + status +
              R"(","lokasi":"Kantor","time_zone":"Asia/Jakarta"})";
  return item;
}

struct Row {
  std::string nip, day, firstIn, lastOut, status;
  int late = 0;
  long long updatedAt = 0;
  bool operator==(const Row&) const = default;
};

std::vector<Row> dailyRows(store::StateStore& state) {
  std::vector<Row> out;
  soci::rowset<soci::row> rows =
      (state.session().prepare << "SELECT nip, day, first_in, last_out, status, late_minutes, "
                                  "updated_at FROM attendance_daily ORDER BY day, nip");
  for (const soci::row& r : rows) {
    auto text = [&r](std::size_t i) {
      return r.get_indicator(i) == soci::i_ok ? r.get<std::string>(i) : std::string("-");
    };
    auto number = [&r](std::size_t i) -> long long {
      switch (r.get_properties(i).get_data_type()) {
        case soci::dt_integer:
          return r.get<int>(i);
        case soci::dt_long_long:
          return r.get<long long>(i);
        default:
          return std::stoll(r.get<std::string>(i));
      }
    };
    out.push_back(
        {text(0), text(1), text(2), text(3), text(4), static_cast<int>(number(5)), number(6)});
  }
  return out;
}

const Row* find(const std::vector<Row>& rows, const std::string& nip, const std::string& day) {
  for (const Row& r : rows)
    if (r.nip == nip && r.day == day) return &r;
  return nullptr;
}

// Monday 2026-03-02 .. Saturday 2026-03-07.
void exerciseRollup(PunchStore& punches, store::StateStore& state) {
  REQUIRE(punches.upsertPinMap(
      std::vector<connectors::attendance::PinMapping>{{"SN1", "1", kAni, "Ani"},
                                                      {"SN1", "2", kBudi, "Budi"},
                                                      {"SN1", "3", kCitra, "Citra"},
                                                      {"SN2", "10", kDedi, "Dedi"},
                                                      {"", "11", kEka, "Eka"}}));
  REQUIRE(punches.storeBatch(std::vector<Punch>{
      // Monday: Ani on time, Budi late 15 after pressing twice, Citra absent, PIN 99 unmapped.
      punch("SN1", "1", "2026-03-02 07:20:00", 0), punch("SN1", "1", "2026-03-02 16:05:00", 1),
      punch("SN1", "2", "2026-03-02 07:45:30", 0), punch("SN1", "2", "2026-03-02 07:46:00", 0),
      punch("SN1", "2", "2026-03-02 16:10:00", 1), punch("SN1", "99", "2026-03-02 07:00:00", 0),
      // SN2 records every punch as check-in: earliest and latest.
      punch("SN2", "10", "2026-03-02 07:10:00", 0), punch("SN2", "10", "2026-03-02 16:20:00", 0),
      // A device on WITA: 08:40 there is 07:40 WIB, 10 minutes late.
      punch("SN3", "11", "2026-03-02 08:40:00", 0, "Asia/Makassar"),
      punch("SN3", "11", "2026-03-02 17:05:00", 1, "Asia/Makassar"),
      // Tuesday: device punches that e-presensi overrides.
      punch("SN1", "1", "2026-03-03 07:20:00", 0), punch("SN1", "2", "2026-03-03 07:35:00", 0),
      // Friday: Ani late 1, leaves 20 minutes early (Friday ends 16:30).
      punch("SN1", "1", "2026-03-06 07:31:30", 0), punch("SN1", "1", "2026-03-06 16:10:00", 1),
      // Saturday: ignored.
      punch("SN1", "1", "2026-03-07 08:00:00", 0)}));

  EpresensiDailySink sink(state, "epresensi");
  connectors::PullBatch batch;
  batch.items = {
      presensi(kAni, "2026-03-03", "07:40:00", "16:00:00", "H"),
      presensi(kBudi, "2026-03-03", "", "", "S"), presensi(kCitra, "2026-03-04", "", "", "DL"),
      presensi(kCitra, "2026-03-05", "", "", "C"), presensi(kCitra, "2026-03-06", "", "", "I")};
  batch.cursorAfter = "2026-03-06";
  REQUIRE(sink.store(batch));
  CHECK(sink.counts().rows == 5);
  CHECK(state.cursor("epresensi", "presensi")->value() == "2026-03-06");

  SECTION("a malformed e-presensi item stores nothing, the cursor stays") {
    connectors::PullBatch bad;
    bad.items = {presensi(kAni, "2026-03-09", "07:00", "", "H"),
                 presensi(kBudi, "2026-03-09", "", "", "X")};
    bad.cursorAfter = "2026-03-09";
    Status s = sink.store(bad);
    REQUIRE_FALSE(s);
    CHECK(s.error().message.find(kBudi) == std::string::npos);
    CHECK(state.cursor("epresensi", "presensi")->value() == "2026-03-06");
    CHECK(find(dailyRows(state), kAni, "2026-03-09") == nullptr);
  }

  // A row the roll-up does not produce (nobody knows this NIP) is removed from its days.
  state.session() << "INSERT INTO attendance_daily (nip, day, status, late_minutes, updated_at) "
                     "VALUES ('196001011980031001', '2026-03-02', 'H', 0, 1)";

  AttendanceRollup rollup(punches, state);
  rollup.setEmployees({kFajar});
  auto stats = rollup.run("2026-03-02", "2026-03-07");
  REQUIRE(stats);
  CHECK(stats->days == 6);
  CHECK(stats->workingDays == 5);
  CHECK(stats->unmappedPunches == 1);
  CHECK(stats->unmappedPins == 1);
  CHECK(stats->unmappedSample == std::vector<std::string>{"SN1/99"});
  CHECK(stats->removed == 1);
  // 6 known NIPs x 5 working days.
  CHECK(stats->present + stats->fromEpresensi + stats->absentWithoutNotice == 30);
  CHECK(stats->fromEpresensi == 5);
  CHECK(stats->present == 5);  // Monday: Ani, Budi, Dedi, Eka; Friday: Ani
  const std::vector<Row> rows = dailyRows(state);
  CHECK(rows.size() == 30);

  auto is = [&rows](const std::string& nip, const std::string& day, const std::string& in,
                    const std::string& out, const std::string& status, int late) {
    const Row* r = find(rows, nip, day);
    REQUIRE(r != nullptr);
    CHECK(r->firstIn == in);
    CHECK(r->lastOut == out);
    CHECK(r->status == status);
    CHECK(r->late == late);
  };
  is(kAni, "2026-03-02", "07:20:00", "16:05:00", "H", 0);    // on time
  is(kBudi, "2026-03-02", "07:45:30", "16:10:00", "H", 15);  // late
  is(kCitra, "2026-03-02", "-", "-", "TK", 0);               // no punch, no notice
  is(kDedi, "2026-03-02", "07:10:00", "16:20:00", "H", 0);   // statuses unusable
  is(kEka, "2026-03-02", "07:40:00", "16:05:00", "H", 10);   // WITA device, site WIB
  is(kFajar, "2026-03-02", "-", "-", "TK", 0);               // from the employee list
  is(kAni, "2026-03-03", "07:40:00", "16:00:00", "H", 10);   // e-presensi wins
  is(kBudi, "2026-03-03", "-", "-", "S", 0);                 // e-presensi wins
  is(kCitra, "2026-03-04", "-", "-", "DL", 0);
  is(kAni, "2026-03-06", "07:31:30", "16:10:00", "H", 1);
  CHECK(find(rows, kAni, "2026-03-07") == nullptr);  // Saturday
  CHECK(find(rows, "196001011980031001", "2026-03-02") == nullptr);

  SECTION("running again rewrites nothing: the same rows, updated_at included") {
    auto again = rollup.run("2026-03-02", "2026-03-07");
    REQUIRE(again);
    CHECK(again->inserted == 0);
    CHECK(again->changed == 0);
    CHECK(again->removed == 0);
    CHECK(again->unchanged == 30);
    CHECK(dailyRows(state) == rows);
  }

  SECTION("a new punch changes just its row") {
    REQUIRE(punches.storeBatch(std::vector<Punch>{punch("SN1", "3", "2026-03-03 07:00:00", 0)}));
    auto again = rollup.run("2026-03-03", "2026-03-03");
    REQUIRE(again);
    CHECK(again->changed == 1);
    CHECK(again->unchanged == 5);
    auto now = dailyRows(state);
    CHECK(find(now, kCitra, "2026-03-03")->status == "H");
  }

  SECTION("monthly figures for the TPP allowance") {
    auto month = monthlySummary(state, 2026, 3);
    REQUIRE(month);
    REQUIRE(month->size() == 6);
    const MonthlyAttendance* ani = nullptr;
    const MonthlyAttendance* citra = nullptr;
    for (const MonthlyAttendance& m : *month) {
      if (m.nip == kAni) ani = &m;
      if (m.nip == kCitra) citra = &m;
    }
    REQUIRE(ani != nullptr);
    CHECK(ani->daysRecorded == 5);
    CHECK(ani->daysPresent == 3);
    CHECK(ani->lateDays == 2);
    CHECK(ani->lateMinutes == 11);
    CHECK(ani->tanpaKeterangan == 2);
    CHECK(ani->earlyLeaveDays == 1);
    CHECK(ani->earlyLeaveMinutes == 20);
    CHECK(ani->noCheckOutDays == 0);
    REQUIRE(citra != nullptr);
    CHECK(citra->daysPresent == 0);
    CHECK(citra->tanpaKeterangan == 2);
    CHECK(citra->dinasLuar == 1);
    CHECK(citra->cuti == 1);
    CHECK(citra->izin == 1);
    CHECK(citra->sakit == 0);
    auto empty = monthlySummary(state, 2026, 4);
    REQUIRE(empty);
    CHECK(empty->empty());
    CHECK_FALSE(monthlySummary(state, 2026, 13));
  }
}

}  // namespace

TEST_CASE("Roll-up on SQLite: punches and summaries in the daemon's one database", "[rollup]") {
  TempDir dir;
  const std::string file = (dir.path / "sinkron.db").string();
  store::StoreOptions options;
  options.connect = file;
  auto state = store::StateStore::open(options);
  REQUIRE(state);
  auto punches = PunchStore::open(PunchStoreLocation{PunchStoreLocation::kSqlite, file});
  REQUIRE(punches);
  exerciseRollup(**punches, **state);
}

TEST_CASE("Roll-up refuses bad days and bad rules", "[rollup]") {
  TempDir dir;
  store::StoreOptions options;
  options.connect = (dir.path / "sinkron.db").string();
  auto state = store::StateStore::open(options);
  REQUIRE(state);
  auto punches = PunchStore::open(dir.path / "sinkron.db");
  REQUIRE(punches);
  AttendanceRollup rollup(**punches, **state);
  CHECK_FALSE(rollup.run("2026-03-05", "2026-03-01"));
  CHECK_FALSE(rollup.run("2026-02-30", "2026-03-01"));
  CHECK_FALSE(rollup.run("2025-01-01", "2026-03-01"));
  RollupRules rules;
  rules.timeZone = "Asia/Tokyo";
  AttendanceRollup wrong(**punches, **state, rules);
  auto refused = wrong.run("2026-03-02", "2026-03-02");
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.find("time_zone") != std::string::npos);
  // Nobody known, nothing punched: nothing written.
  auto nothing = rollup.run("2026-03-02", "2026-03-06");
  REQUIRE(nothing);
  CHECK(nothing->inserted == 0);
  CHECK(nothing->workingDays == 5);
}

TEST_CASE("Roll-up on PostgreSQL gives the same rows", "[rollup][db]") {
  // One server for every SECTION run, a fresh database for each.
  static auto server = test::TestDatabaseServer::start(test::TestDatabaseServer::Kind::kPostgreSql);
  REQUIRE(server);
  static int databases = 0;
  auto connect = (*server)->createDatabase("rollup_" + std::to_string(++databases));
  REQUIRE(connect);
  store::StoreOptions options;
  options.backend = store::Backend::kPostgreSql;
  options.connect = *connect;
  auto state = store::StateStore::open(options);
  REQUIRE(state);
  auto punches = openDaemonPunchStore(options);
  REQUIRE(punches);
  CHECK((*punches)->backend() == PunchStoreLocation::kPostgreSql);
  exerciseRollup(**punches, **state);
}
