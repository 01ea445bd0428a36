// The attendance model: devices, PINs, working days and person-days derived from the population.
#include <map>
#include <regex>
#include <set>

#include <catch2/catch.hpp>

#include "sinkron/sim/attendance_sim.hpp"

using namespace sinkron::sim;
using sinkron::mappings::CivilDate;

namespace {

sinkron::population::PopulationGenerator population(std::uint64_t seed, std::uint64_t people) {
  sinkron::population::GeneratorOptions o;
  o.seed = seed;
  o.people = people;
  return sinkron::population::PopulationGenerator(o);
}

const CivilDate kMonday{2026, 3, 2};

}  // namespace

TEST_CASE("Devices cover the units with active employees, with unique small PINs", "[model]") {
  auto people = population(42, 300);
  AttendanceModel model(people, "C2630450C3233C25");
  REQUIRE(model.devices().size() >= 2);
  CHECK(model.devices()[0].cloudId == "C2630450C3233C25");
  CHECK(model.devices()[0].employees >= model.devices()[1].employees);

  std::set<std::string> serials, clouds;
  std::set<std::uint32_t> pins;
  std::uint32_t employees = 0;
  std::uint64_t unmapped = 0;
  const std::regex serialShape("[A-Z0-9]{4}[0-9]{9}");
  for (const AttendanceDevice& device : model.devices()) {
    CHECK(std::regex_match(device.serialNumber, serialShape));
    serials.insert(device.serialNumber);
    clouds.insert(device.cloudId);
    CHECK(model.deviceBySerial(device.serialNumber) == &device);
    CHECK(model.deviceByCloudId(device.cloudId) == &device);
    CHECK(model.deviceByUnorId(device.unorId) == &device);
    employees += device.employees;
    for (std::uint32_t k = 0; k < device.userCount(); ++k) {
      DeviceUser user = model.user(device, k);
      CHECK(pins.insert(user.pin).second);
      CHECK(user.nip != std::to_string(user.pin));
      CHECK(user.name.size() <= 24);
      CHECK_FALSE(user.name.empty());
      if (k < device.employees) {
        REQUIRE(user.personIndex);
        auto person = people.person(*user.personIndex);
        CHECK(user.nip == person.nipBaru);
        CHECK(person.kedudukanId == "01");
        CHECK(person.unitLocalId == device.unitLocalId);
        CHECK(&model.deviceOfPosition(user.pin - 1) == &device);
      } else {
        CHECK(user.nip.empty());  // a device user nobody mapped to a NIP
        CHECK_FALSE(user.personIndex);
        ++unmapped;
      }
      auto again = model.userByPin(user.pin);
      REQUIRE(again);
      CHECK(again->nip == user.nip);
      CHECK(again->name == user.name);
    }
  }
  CHECK(serials.size() == model.devices().size());
  CHECK(clouds.size() == model.devices().size());
  CHECK(employees == model.employeeCount());
  CHECK(model.devices()[0].unmapped >= 1);
  CHECK(unmapped >= 1);
  CHECK(*pins.rbegin() == pins.size());  // small integers 1..n without gaps
  CHECK_FALSE(model.userByPin(0));
  CHECK_FALSE(model.userByPin(100000));
  CHECK(model.deviceBySerial("nope") == nullptr);

  // Inactive people (retired, CLTN, ...) do not punch.
  std::uint32_t active = 0;
  for (std::uint64_t i = 0; i < 300; ++i) active += people.person(i).kedudukanId == "01";
  CHECK(model.employeeCount() == active);
}

TEST_CASE("Working days are Monday to Friday without the fixed-date holidays", "[model]") {
  CHECK(isWorkingDay(kMonday));
  CHECK(isWorkingDay({2026, 3, 6}));         // Friday
  CHECK_FALSE(isWorkingDay({2026, 3, 7}));   // Saturday
  CHECK_FALSE(isWorkingDay({2026, 3, 8}));   // Sunday
  CHECK_FALSE(isWorkingDay({2026, 8, 17}));  // Independence Day, a Monday
  CHECK_FALSE(isWorkingDay({2025, 12, 25}));
  CHECK_FALSE(isWorkingDay({2027, 1, 1}));
  CHECK(isWorkingDay({1969, 12, 31}));  // a Wednesday before the epoch
}

TEST_CASE("Person-days have realistic statuses and punch times", "[model]") {
  auto people = population(42, 300);
  AttendanceModel model(people, "");
  std::map<DayStatus, int> counts;
  int days = 0, late = 0, forgotOut = 0, repeated = 0;
  for (std::uint32_t position = 0; position < model.employeeCount(); ++position) {
    DeviceUser user = model.employeeAt(position);
    for (int d = 0; d < 120; ++d) {
      CivilDate date = CivilDate::fromDays(kMonday.toDays() + d);
      PersonDay day = model.personDay(user.key, date);
      if (!isWorkingDay(date)) {
        CHECK(day.status == DayStatus::kOff);
        continue;
      }
      ++days;
      ++counts[day.status];
      if (day.status != DayStatus::kHadir) {
        CHECK(day.inSecond < 0);
        CHECK(day.outSecond < 0);
        continue;
      }
      CHECK(day.inSecond >= 6 * 3600 + 30 * 60);
      CHECK(day.inSecond <= 8 * 3600 + 15 * 60);
      late += day.inSecond > 7 * 3600 + 30 * 60;
      repeated += day.repeatSecond >= 0;
      if (day.outSecond < 0) {
        ++forgotOut;
      } else {
        CHECK(day.outSecond >= 15 * 3600 + 30 * 60);
        CHECK(day.outSecond <= 17 * 3600 + 30 * 60);
      }
    }
  }
  REQUIRE(days > 20000);
  auto share = [&](DayStatus s) { return static_cast<double>(counts[s]) / days; };
  CHECK(share(DayStatus::kHadir) > 0.88);
  CHECK(share(DayStatus::kHadir) < 0.95);
  CHECK(share(DayStatus::kIzin) > 0.005);
  CHECK(share(DayStatus::kSakit) > 0.01);
  CHECK(share(DayStatus::kCuti) > 0.01);
  CHECK(share(DayStatus::kDinasLuar) > 0.01);
  CHECK(share(DayStatus::kTanpaKeterangan) > 0.002);
  int present = counts[DayStatus::kHadir];
  CHECK(late > present / 20);
  CHECK(late < present / 5);
  CHECK(forgotOut > 0);
  CHECK(repeated > 0);
}

TEST_CASE("Punches are deterministic per seed and follow the person-day", "[model]") {
  auto people = population(42, 300);
  AttendanceModel a(people, ""), b(population(42, 300), "");
  AttendanceModel other(population(43, 300), "");
  const AttendanceDevice& device = a.devices()[0];
  std::vector<Punch> punches = a.punches(device, kMonday);
  REQUIRE_FALSE(punches.empty());
  std::vector<Punch> again = b.punches(b.devices()[0], kMonday);
  REQUIRE(again.size() == punches.size());
  for (std::size_t i = 0; i < punches.size(); ++i) {
    CHECK(admsLine(punches[i], false) == admsLine(again[i], false));
    CHECK(punches[i].nip == again[i].nip);
    CHECK(punches[i].deviceSn == device.serialNumber);
    if (i > 0) CHECK(punches[i - 1].time <= punches[i].time);
  }
  std::vector<Punch> otherSeed = other.punches(other.devices()[0], kMonday);
  CHECK((otherSeed.size() != punches.size() ||
         admsLine(otherSeed[0], false) != admsLine(punches[0], false)));
  CHECK(a.punches(device, {2026, 3, 7}).empty());  // Saturday

  bool unmappedPunch = false;
  for (std::uint32_t k = 0; k < device.userCount(); ++k) {
    DeviceUser user = a.user(device, k);
    PersonDay day = a.personDay(user.key, kMonday);
    std::vector<Punch> own;
    a.appendPunches(device, user, kMonday, own);
    if (day.status != DayStatus::kHadir) {
      CHECK(own.empty());
      continue;
    }
    REQUIRE_FALSE(own.empty());
    CHECK(own.front().status == kStatusCheckIn);
    CHECK(own.front().time == "2026-03-02 " + clockTime(day.inSecond));
    CHECK(own.front().verify == user.verify);
    if (day.outSecond >= 0) CHECK(own.back().status == kStatusCheckOut);
    unmappedPunch |= user.nip.empty();
  }
  CHECK(unmappedPunch);
}

TEST_CASE("ATTLOG lines are tab-separated and swap the status and verify columns", "[model]") {
  Punch p{"CQZ7224560123", "17", "2026-03-02 07:12:05", kStatusCheckOut, kVerifyFace, "1985"};
  CHECK(admsLine(p, false) == "17\t2026-03-02 07:12:05\t1\t15\t0\t0\t0");
  CHECK(admsLine(p, true) == "17\t2026-03-02 07:12:05\t15\t1\t0\t0\t0");
  CHECK(clockTime(0) == "00:00:00");
  CHECK(clockTime(7 * 3600 + 5 * 60 + 9) == "07:05:09");
  CHECK(dayStatusCode(DayStatus::kDinasLuar) == "DL");
  CHECK(dayStatusCode(DayStatus::kTanpaKeterangan) == "TK");
}
