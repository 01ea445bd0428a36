// Import of attlog.dat and CSV files: formats detected, bad lines reported with file:line and
// skipped, re-import counted as duplicates.
#include <fstream>

#include <catch2/catch.hpp>

#include "sinkron/connectors/attendance/attendance_import.hpp"
#include "test_support.hpp"

using namespace sinkron::connectors::attendance;

namespace {

std::filesystem::path write(const attendance_test::TempDir& dir, const std::string& name,
                            const std::string& text) {
  std::filesystem::path path = dir / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::shared_ptr<PunchStore> openStore(const attendance_test::TempDir& dir) {
  auto store = PunchStore::open(dir / "punches.db");
  REQUIRE(store);
  return std::move(*store);
}

}  // namespace

TEST_CASE("attlog.dat: leading spaces, a bad line reported with file:line, re-import", "[import]") {
  attendance_test::TempDir dir;
  auto store = openStore(dir);
  auto file = write(dir, "attlog.dat",
                    "        1\t2026-03-02 07:01:00\t0\t1\t0\t0\n"
                    "       12\t2026-03-02 07:02:00\t0\t15\t0\t0\n"
                    "\n"
                    "       12\t2026-03-02 25:02:00\t1\t15\t0\t0\n"
                    "        1\t2026-03-02 16:31:00\t1\t1\t0\t0\n");
  ImportOptions options;
  options.deviceSn = "CQZ7224560001";
  options.batchSize = 2;
  auto first = importAttendanceFile(file, *store, options);
  REQUIRE(first);
  CHECK(first->format == AttendanceFileFormat::kAttlog);
  CHECK(first->lines == 4);
  CHECK(first->inserted == 3);
  CHECK(first->badLines == 1);
  REQUIRE(first->errors.size() == 1);
  CHECK(first->errors[0].rfind(file.string() + ":4: time:", 0) == 0);
  auto punches = store->punches("CQZ7224560001");
  REQUIRE(punches);
  REQUIRE(punches->size() == 3);
  CHECK((*punches)[0].pin == "1");
  CHECK((*punches)[2].verify == 15);

  auto again = importAttendanceFile(file, *store, options);
  REQUIRE(again);
  CHECK(again->inserted == 0);
  CHECK(again->duplicates == 3);
  CHECK(*store->punchCount() == 3);
}

TEST_CASE("CSV punches with swapped status/verify detected", "[import]") {
  attendance_test::TempDir dir;
  auto store = openStore(dir);
  auto file = write(dir, "export.csv",
                    "\xEF\xBB\xBFpin,datetime,status,verify\n"
                    "5,2026-03-02 07:00:00,1,0\n"
                    "6,2026-03-02T07:10:00,15,0\n"
                    "7,yesterday,1,0\n"
                    "5,2026-03-02 16:00:00,1,1\n");
  auto stats = importAttendanceFile(file, *store, {.deviceSn = "SN5"});
  REQUIRE(stats);
  CHECK(stats->format == AttendanceFileFormat::kCsvPunches);
  CHECK(stats->inserted == 3);
  REQUIRE(stats->errors.size() == 1);
  CHECK(stats->errors[0].rfind(file.string() + ":4:", 0) == 0);
  auto punches = store->punches("SN5");
  REQUIRE(punches);
  REQUIRE(punches->size() == 3);
  CHECK((*punches)[0].status == 0);  // 5 at 07:00: check-in by finger
  CHECK((*punches)[0].verify == 1);
  CHECK((*punches)[2].verify == 15);  // 6: face
}

TEST_CASE("e-presensi CSV: jam_in and jam_out become punches with the day status", "[import]") {
  attendance_test::TempDir dir;
  auto store = openStore(dir);
  auto file = write(dir, "presensi.csv",
                    "nip,tanggal,jam_in,jam_out,lokasi,status\n"
                    "199001312015031002,2026-03-02,07:01:00,16:02:00,\"Dinas A, Lt. 2\",H\n"
                    "198501012010012001,2026-03-02,,,,S\n"
                    "198501012010012001,02-03-2026,07:30,,Dinas B,H\n"
                    "199001312015031002,2026-03-03,7 pagi,,Dinas A,H\n");
  auto stats = importAttendanceFile(file, *store);
  REQUIRE(stats);
  CHECK(stats->format == AttendanceFileFormat::kCsvEpresensi);
  CHECK(stats->inserted == 3);
  CHECK(stats->daysWithoutTimes == 1);
  REQUIRE(stats->errors.size() == 1);
  CHECK(stats->errors[0].rfind(file.string() + ":5: jam_in", 0) == 0);
  CHECK(stats->errors[0].find("199001312015031002") == std::string::npos);
  auto punches = store->punches("file:presensi.csv");
  REQUIRE(punches);
  REQUIRE(punches->size() == 3);
  CHECK((*punches)[0].time == "2026-03-02 07:30:00");
  CHECK((*punches)[0].workcode == "H");
  auto again = importAttendanceFile(file, *store);
  REQUIRE(again);
  CHECK(again->duplicates == 3);
}

TEST_CASE("An unknown file shape is refused naming the file", "[import]") {
  attendance_test::TempDir dir;
  auto store = openStore(dir);
  auto file = write(dir, "other.csv", "a,b,c\n1,2,3\n");
  auto stats = importAttendanceFile(file, *store);
  REQUIRE_FALSE(stats);
  CHECK(stats.error().message.rfind(file.string() + ":1: not an attendance file", 0) == 0);
  CHECK_FALSE(importAttendanceFile(dir / "missing.dat", *store));
}

TEST_CASE("PIN->NIP map from the site's CSV export", "[import][pinmap]") {
  attendance_test::TempDir dir;
  auto store = openStore(dir);
  auto file = write(dir, "pins.csv",
                    "device_sn,cloud_id,pin,nip,name\n"
                    "CQZ1,C1,1,199001312015031002,\"Yani, Ahmad\"\n"
                    "CQZ1,C1,2,,Satpam Joko\n"
                    "CQZ1,C1,3,19900131201503100,Typo\n");
  auto stats = importPinMapCsv(file, *store);
  REQUIRE(stats);
  CHECK(stats->mapped == 1);
  CHECK(stats->withoutNip == 1);
  REQUIRE(stats->errors.size() == 1);
  CHECK(stats->errors[0].rfind(file.string() + ":4: nip:", 0) == 0);
  CHECK(stats->errors[0].find("19900131201503100") == std::string::npos);
  CHECK(**store->nipForPin("CQZ1", "1") == "199001312015031002");
  CHECK(**store->nipForPin("C1", "1") == "199001312015031002");  // cloud pulls name it C1
  CHECK_FALSE(*store->nipForPin("CQZ1", "2"));
  CHECK_FALSE(*store->nipForPin("CQZ2", "1"));  // a device-specific row maps that device only
}

TEST_CASE("A PIN map without the pin or nip column is refused at line 1", "[import][pinmap]") {
  attendance_test::TempDir dir;
  auto store = openStore(dir);
  auto file = write(dir, "pins.csv", "device_sn,pin,name\nCQZ1,1,Ani\n");
  auto stats = importPinMapCsv(file, *store);
  REQUIRE_FALSE(stats);
  CHECK(stats.error().message.rfind(file.string() + ":1:", 0) == 0);
}
