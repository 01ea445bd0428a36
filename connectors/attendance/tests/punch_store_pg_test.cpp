// PunchStore on PostgreSQL (the private test server): the same behaviour as on SQLite, and the
// roll-up's day query with the PIN->NIP map resolved.
#include <catch2/catch.hpp>

#include "sinkron/connectors/attendance/punch_store.hpp"
#include "sinkron/test/database_server.hpp"
#include "test_support.hpp"

using namespace sinkron;
using namespace sinkron::connectors::attendance;

namespace {

Punch punch(std::string sn, std::string pin, std::string time, int status = 0) {
  Punch p;
  p.deviceSn = std::move(sn);
  p.pin = std::move(pin);
  p.time = std::move(time);
  p.status = status;
  p.timeZone = "Asia/Jakarta";
  p.source = "test";
  return p;
}

// Store, re-send, stamps, cursors, firmware, PIN map and the day query: both backends.
void exerciseStore(PunchStore& store) {
  std::vector<Punch> batch = {
      punch("SN1", "1", "2026-03-02 07:00:01"), punch("SN1", "2", "2026-03-02 07:00:02"),
      punch("SN2", "1", "2026-03-02 23:59:59"), punch("SN2", "5", "2026-03-03 00:00:00")};
  auto first = store.storeBatch(batch, DeviceStampUpdate{"SN1", "3"},
                                CursorUpdate{"cloud", "attlog", "2026-03-02"});
  REQUIRE(first);
  CHECK(first->inserted == 4);
  batch.push_back(punch("SN1", "1", "2026-03-02 16:00:00", 1));
  auto again = store.storeBatch(batch, DeviceStampUpdate{"SN1", "4"});
  REQUIRE(again);
  CHECK(again->inserted == 1);
  CHECK(again->duplicates == 4);
  CHECK(*store.punchCount() == 5);
  CHECK(*store.lastStamp("SN1") == "4");
  CHECK(*store.cursor("cloud", "attlog") == "2026-03-02");
  REQUIRE(store.punches("SN1")->size() == 3);
  CHECK(store.punches()->size() == 5);

  store.failNextBatches(1);
  CHECK_FALSE(store.storeBatch(std::vector<Punch>{punch("SN3", "1", "2026-03-02 07:00:00")},
                               DeviceStampUpdate{"SN3", "1"}));
  CHECK(store.lastStamp("SN3")->empty());

  REQUIRE(store.rememberSwappedFirmware("SN2", true));
  CHECK(**store.swappedFirmware("SN2"));
  CHECK_FALSE(*store.swappedFirmware("SN1"));

  REQUIRE(store.upsertPinMap(std::vector<PinMapping>{{"", "1", "199001312015031002", "Ani"},
                                                     {"SN2", "1", "198501012010012001", "Budi"},
                                                     {"SN1", "2", "", "Satpam"}}));
  CHECK(**store.nipForPin("SN1", "1") == "199001312015031002");
  CHECK(**store.nipForPin("SN2", "1") == "198501012010012001");
  CHECK(*store.mappedNips() ==
        std::vector<std::string>{"198501012010012001", "199001312015031002"});

  std::vector<MappedPunch> day;
  REQUIRE(store.forEachPunchInDays("2026-03-02", "2026-03-02", [&](const MappedPunch& m) {
    day.push_back(m);
    return Status{};
  }));
  REQUIRE(day.size() == 4);  // ordered by time: the 00:00:00 punch of the 3rd is outside
  CHECK(day[0].punch.time == "2026-03-02 07:00:01");
  CHECK(day[0].nip == "199001312015031002");  // site-wide mapping
  CHECK(day[1].nip.empty());                  // mapped to nobody: kept, never guessed
  CHECK(day[2].punch.status == 1);
  CHECK(day[3].nip == "198501012010012001");  // the device's own mapping wins
  int visited = 0;
  Status stopped = store.forEachPunchInDays("2026-03-01", "2026-03-03", [&](const MappedPunch&) {
    ++visited;
    return Status(Error::internal("enough"));
  });
  CHECK_FALSE(stopped);
  CHECK(visited == 1);
  CHECK_FALSE(store.forEachPunchInDays("2026-3-1", "2026-03-03",
                                       [](const MappedPunch&) { return Status{}; }));
}

}  // namespace

TEST_CASE("PunchStore: the same behaviour on SQLite through a location", "[store]") {
  attendance_test::TempDir dir;
  auto store = PunchStore::open(
      PunchStoreLocation{PunchStoreLocation::kSqlite, (dir / "punches.db").string()});
  REQUIRE(store);
  CHECK((*store)->backend() == PunchStoreLocation::kSqlite);
  exerciseStore(**store);
}

TEST_CASE("PunchStore on PostgreSQL", "[store][db]") {
  auto server = test::TestDatabaseServer::start(test::TestDatabaseServer::Kind::kPostgreSql);
  REQUIRE(server);
  PunchStoreLocation location{PunchStoreLocation::kPostgreSql, (*server)->sociConnectString()};
  {
    auto store = PunchStore::open(location);
    REQUIRE(store);
    CHECK((*store)->backend() == PunchStoreLocation::kPostgreSql);
    CHECK((*store)->file().empty());
    exerciseStore(**store);
  }
  // Reopening applies the schema again harmlessly and keeps the data.
  auto reopened = PunchStore::open(location);
  REQUIRE(reopened);
  CHECK(*(*reopened)->punchCount() == 5);

  // Errors name the server, never the password.
  PunchStoreLocation wrong = location;
  wrong.connect = "host=127.0.0.1 port=1 dbname=nothing user=u password=s3cret-pw";
  auto refused = PunchStore::open(wrong);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.find("port=1") != std::string::npos);
  CHECK(refused.error().message.find("s3cret-pw") == std::string::npos);
}
