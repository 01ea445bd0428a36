// PunchStore: the natural key makes a re-sent batch a no-op; stamps, cursors and the PIN map.
#include <catch2/catch.hpp>

#include "sinkron/connectors/attendance/attlog_line.hpp"
#include "sinkron/connectors/attendance/punch_store.hpp"
#include "test_support.hpp"

using namespace sinkron::connectors::attendance;

namespace {

Punch punch(std::string sn, std::string pin, std::string time, int status = 0) {
  Punch p;
  p.deviceSn = std::move(sn);
  p.pin = std::move(pin);
  p.time = std::move(time);
  p.status = status;
  p.verify = 1;
  p.timeZone = "Asia/Jakarta";
  p.source = "test";
  return p;
}

}  // namespace

TEST_CASE("A re-sent batch inserts nothing new; stamp and cursor commit with it", "[store]") {
  attendance_test::TempDir dir;
  auto store = PunchStore::open(dir / "punches.db");
  REQUIRE(store);
  std::vector<Punch> batch = {punch("SN1", "1", "2026-03-02 07:00:01"),
                              punch("SN1", "2", "2026-03-02 07:00:02"),
                              punch("SN2", "1", "2026-03-02 07:00:01")};
  auto first = (*store)->storeBatch(batch, DeviceStampUpdate{"SN1", "3"},
                                    CursorUpdate{"cloud", "attlog", "2026-03-02"});
  REQUIRE(first);
  CHECK(first->inserted == 3);
  CHECK(first->duplicates == 0);
  batch.push_back(punch("SN1", "1", "2026-03-02 16:00:00", 1));
  auto again = (*store)->storeBatch(batch, DeviceStampUpdate{"SN1", "4"});
  REQUIRE(again);
  CHECK(again->inserted == 1);
  CHECK(again->duplicates == 3);
  CHECK(*(*store)->punchCount() == 4);
  CHECK(*(*store)->lastStamp("SN1") == "4");
  CHECK((*store)->lastStamp("SN9")->empty());
  CHECK(*(*store)->cursor("cloud", "attlog") == "2026-03-02");
  auto sn1 = (*store)->punches("SN1");
  REQUIRE(sn1);
  REQUIRE(sn1->size() == 3);
  CHECK((*sn1)[1].status == 1);  // ordered by device, PIN, time
  CHECK((*sn1)[0].timeZone == "Asia/Jakarta");

  SECTION("an injected failure stores nothing, not even the stamp") {
    (*store)->failNextBatches(1);
    auto failed = (*store)->storeBatch(std::vector<Punch>{punch("SN3", "9", "2026-03-03 07:00:00")},
                                       DeviceStampUpdate{"SN3", "1"});
    REQUIRE_FALSE(failed);
    CHECK(failed.error().message.find("punches.db") != std::string::npos);
    CHECK((*store)->lastStamp("SN3")->empty());
    CHECK(*(*store)->punchCount() == 4);
  }
  SECTION("the data survives reopening") {
    store->reset();
    auto reopened = PunchStore::open(dir / "punches.db");
    REQUIRE(reopened);
    CHECK(*(*reopened)->punchCount() == 4);
    CHECK(*(*reopened)->lastStamp("SN1") == "4");
  }
}

TEST_CASE("PIN->NIP map: device-specific first, then the site-wide entry", "[store]") {
  attendance_test::TempDir dir;
  auto store = PunchStore::open(dir / "punches.db");
  REQUIRE(store);
  std::vector<PinMapping> map = {{"", "7", "199001312015031002", "Ani"},
                                 {"SN2", "7", "198501012010012001", "Budi"}};
  REQUIRE((*store)->upsertPinMap(map));
  CHECK(**(*store)->nipForPin("SN1", "7") == "199001312015031002");
  CHECK(**(*store)->nipForPin("SN2", "7") == "198501012010012001");
  CHECK_FALSE(*(*store)->nipForPin("SN1", "8"));
  REQUIRE((*store)->rememberSwappedFirmware("SN2", true));
  CHECK(**(*store)->swappedFirmware("SN2"));
  CHECK_FALSE(*(*store)->swappedFirmware("SN1"));
}

TEST_CASE("An unwritable store path is an error naming the file", "[store]") {
  auto store = PunchStore::open("/nonexistent-dir/x/punches.db");
  REQUIRE_FALSE(store);
  CHECK(store.error().message.find("/nonexistent-dir/x/punches.db") != std::string::npos);
}

TEST_CASE("ATTLOG lines and the swapped-firmware rule", "[attlog]") {
  auto line = parseAttlogLine("   123\t2026-03-02 07:01:02\t0\t15\t0\t0\t0\r");
  REQUIRE(line);
  CHECK(line->pin == "123");
  CHECK(line->time == "2026-03-02 07:01:02");
  CHECK(line->first == 0);
  CHECK(line->second == 15);
  CHECK_FALSE(parseAttlogLine("123\t2026-02-30 07:01:02\t0\t1"));
  CHECK_FALSE(parseAttlogLine("123 2026-03-02 07:01:02"));
  CHECK_FALSE(parseAttlogLine("123\t2026-03-02 07:01:02\tx\t1"));
  CHECK(parseAttlogLine("123\t2026-03-02 07:01:02\tx\t1").error().message.find("status") == 0);

  auto lines = [](std::initializer_list<std::pair<int, int>> columns) {
    std::vector<AttlogLine> out;
    for (auto [a, b] : columns) out.push_back({"1", "2026-03-02 07:00:00", a, b, "0"});
    return out;
  };
  CHECK(detectSwapped(lines({{15, 0}, {1, 1}})) == true);   // status 15 cannot be
  CHECK(detectSwapped(lines({{0, 15}, {1, 3}})) == false);  // verify face
  CHECK(detectSwapped(lines({{1, 0}, {3, 0}})) == true);    // 0s only in the verify column
  CHECK(detectSwapped(lines({{0, 1}, {1, 1}})) == false);   // check-ins in the status column
  CHECK_FALSE(detectSwapped(lines({{1, 1}, {1, 3}})).has_value());
}
