// The ADMS receiver against the simulators' ZKTeco device emulator over real HTTP on 127.0.0.1:
// exactly-once storage, storage failures answered 500, swapped firmware, kill-and-restart, TLS,
// the allow-list and the plain-text protocol.
#include <chrono>
#include <cstdio>
#include <set>
#include <thread>
#include <tuple>

#include <catch2/catch.hpp>

#include "sinkron/connectors/attendance/adms_handler.hpp"
#include "sinkron/connectors/attendance/adms_receiver.hpp"
#include "sinkron/sim/attendance_sim.hpp"
#include "sinkron/sim/test_certificates.hpp"
#include "test_support.hpp"

using namespace sinkron::connectors::attendance;
using sinkron::sim::AdmsRunOptions;
using sinkron::sim::AttendanceModel;

namespace {

using Key = std::tuple<std::string, std::string, std::string, int, int>;  // sn pin time st vf

AdmsRunOptions runOptions(const std::string& url) {
  AdmsRunOptions o;
  o.serverUrl = url;
  o.devices = 2;
  o.firstDate = "2026-03-02";  // Monday
  o.days = 2;
  o.batchSize = 3;
  o.maxAttempts = 20;
  o.swappedFirmwareFraction = 0.5;  // device 1 runs the swapped firmware
  o.retryBackoffMs = 5;
  o.maxBackoffMs = 20;
  o.pollEveryBatches = 3;
  o.requestTimeoutMs = 5000;
  return o;
}

// What the emulator's model says the devices recorded (true status and verify).
std::set<Key> expectedPunches(const AttendanceModel& model, const AdmsRunOptions& o) {
  std::set<Key> out;
  auto first = *sinkron::mappings::parseIsoDate(o.firstDate);
  for (int d = 0; d < o.devices; ++d)
    for (int day = 0; day < o.days; ++day)
      for (const auto& p :
           model.punches(model.devices()[static_cast<std::size_t>(d)],
                         sinkron::mappings::CivilDate::fromDays(first.toDays() + day)))
        out.emplace(p.deviceSn, p.pin, p.time, p.status, p.verify);
  return out;
}

std::set<Key> storedPunches(PunchStore& store) {
  std::set<Key> out;
  auto punches = store.punches();
  REQUIRE(punches);
  for (const Punch& p : *punches) out.emplace(p.deviceSn, p.pin, p.time, p.status, p.verify);
  return out;
}

struct Fixture {
  attendance_test::TempDir dir;
  sinkron::sim::World world{attendance_test::smallWorld()};
  AttendanceModel model{world.population(), world.options().fingerspotCloudId};
  std::shared_ptr<PunchStore> store;

  Fixture() {
    auto opened = PunchStore::open(dir / "punches.db");
    REQUIRE(opened);
    store = std::move(*opened);
  }
};

}  // namespace

TEST_CASE("Every punch the devices generated is stored exactly once", "[adms]") {
  Fixture f;
  auto receiver = AdmsReceiver::start(AdmsReceiverConfig{}, f.store);
  REQUIRE(receiver);
  AdmsRunOptions o = runOptions((*receiver)->baseUrl());
  auto run = sinkron::sim::runAdmsDevices(o, f.model);
  REQUIRE(run);
  CHECK(run->failures == 0);
  const std::set<Key> expected = expectedPunches(f.model, o);
  REQUIRE(expected.size() > 10);
  CHECK(run->punches == expected.size());
  CHECK(*f.store->punchCount() == expected.size());
  // The swapped firmware device's punches are stored with status and verify corrected.
  REQUIRE(run->swappedSerials.size() == 1);
  CHECK(storedPunches(*f.store) == expected);
  AdmsStats stats = (*receiver)->stats();
  CHECK(stats.inserted == expected.size());
  CHECK(stats.duplicates == 0);
  CHECK(stats.swappedBatches > 0);
  CHECK(stats.handshakes == 2);
  CHECK(stats.polls >= 2);
  auto swappedRemembered = f.store->swappedFirmware(run->swappedSerials[0]);
  REQUIRE(swappedRemembered);
  CHECK(**swappedRemembered);
  CHECK_FALSE(*f.store->lastStamp(run->swappedSerials[0]) == "");

  SECTION("a second run of the same devices stores nothing new") {
    auto again = sinkron::sim::runAdmsDevices(o, f.model);
    REQUIRE(again);
    CHECK(again->failures == 0);
    CHECK(*f.store->punchCount() == expected.size());
    CHECK((*receiver)->stats().duplicates == expected.size());
  }
}

TEST_CASE("A store failing the first batches answers 500 and the re-sends are stored once",
          "[adms]") {
  Fixture f;
  auto receiver = AdmsReceiver::start(AdmsReceiverConfig{}, f.store);
  REQUIRE(receiver);
  f.store->failNextBatches(4);
  AdmsRunOptions o = runOptions((*receiver)->baseUrl());
  auto run = sinkron::sim::runAdmsDevices(o, f.model);
  REQUIRE(run);
  CHECK(run->failures == 0);
  CHECK(run->resends >= 4);
  const std::set<Key> expected = expectedPunches(f.model, o);
  CHECK(*f.store->punchCount() == expected.size());
  CHECK(storedPunches(*f.store) == expected);
  AdmsStats stats = (*receiver)->stats();
  CHECK(stats.storeFailures == 4);
  CHECK(stats.inserted == expected.size());
  CHECK(stats.inserted + stats.duplicates + 0 <= stats.lines);
}

TEST_CASE("Kill and restart: a new receiver on the same SQLite file ends with the exact set",
          "[adms]") {
  Fixture f;
  AdmsReceiverConfig config;
  auto receiver = AdmsReceiver::start(config, f.store);
  REQUIRE(receiver);
  config.port = (*receiver)->port();
  AdmsRunOptions o = runOptions((*receiver)->baseUrl());
  o.days = 5;
  o.batchSize = 1;
  o.maxAttempts = 400;  // the devices keep re-sending while the receiver is down
  // The first receiver stores 10 batches, then fails every batch (500) until it is stopped: the
  // devices are surely in the middle of their run when it goes away.
  f.store->failNextBatches(1000000, 10);
  sinkron::Result<sinkron::sim::AdmsRunStats> run = sinkron::Error::internal("not run");
  std::thread devices([&] { run = sinkron::sim::runAdmsDevices(o, f.model); });

  for (int i = 0; i < 10000 && (*receiver)->stats().storeFailures == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  (*receiver)->stop();
  receiver->reset();
  const std::uint64_t beforeRestart = *f.store->punchCount();
  f.store.reset();
  auto reopened = PunchStore::open(f.dir / "punches.db");
  std::unique_ptr<AdmsReceiver> restarted;
  if (reopened) {
    f.store = std::move(*reopened);
    if (auto started = AdmsReceiver::start(config, f.store)) restarted = std::move(*started);
  }
  devices.join();  // (before any REQUIRE: the devices give up on their own if nobody listens)
  REQUIRE(restarted);

  REQUIRE(run);
  CHECK(run->failures == 0);
  CHECK(beforeRestart == 10);
  const std::set<Key> expected = expectedPunches(f.model, o);
  CHECK(beforeRestart < expected.size());  // it was stopped mid-run
  CHECK(run->connects > 2);                // the devices reconnected to the new receiver
  CHECK(*f.store->punchCount() == expected.size());
  CHECK(storedPunches(*f.store) == expected);
}

TEST_CASE("Over TLS with the test CA", "[adms][tls]") {
  Fixture f;
  auto certs = sinkron::sim::writeTestCertificates(f.dir / "certs");
  REQUIRE(certs);
  AdmsReceiverConfig config;
  config.certificateChain = certs->certificateChain.string();
  config.privateKey = certs->privateKey.string();
  auto receiver = AdmsReceiver::start(config, f.store);
  REQUIRE(receiver);
  CHECK((*receiver)->baseUrl().rfind("https://", 0) == 0);
  AdmsRunOptions o = runOptions((*receiver)->baseUrl());
  o.caFile = certs->caCertificate.string();
  auto run = sinkron::sim::runAdmsDevices(o, f.model);
  REQUIRE(run);
  CHECK(run->failures == 0);
  CHECK(*f.store->punchCount() == expectedPunches(f.model, o).size());
}

TEST_CASE("An allow-list refuses unknown devices; a configured quirk overrides detection",
          "[adms]") {
  Fixture f;
  const auto& devices = f.model.devices();
  AdmsReceiverConfig config;
  config.devices.push_back({devices[0].serialNumber, SwapMode::kNo, "Asia/Makassar"});
  auto receiver = AdmsReceiver::start(config, f.store);
  REQUIRE(receiver);
  AdmsRunOptions o = runOptions((*receiver)->baseUrl());
  o.maxAttempts = 2;
  auto run = sinkron::sim::runAdmsDevices(o, f.model);
  REQUIRE(run);
  CHECK(run->failures == 1);  // device 1 was refused
  CHECK((*receiver)->stats().rejectedDevices >= 1);
  auto stored = f.store->punches();
  REQUIRE(stored);
  REQUIRE_FALSE(stored->empty());
  for (const Punch& p : *stored) {
    CHECK(p.deviceSn == devices[0].serialNumber);
    CHECK(p.timeZone == "Asia/Makassar");
  }
}

TEST_CASE("The plain-text protocol: handshake, polls, other tables, bad lines", "[adms]") {
  Fixture f;
  AdmsHandler handler(AdmsReceiverConfig{}, f.store);
  AdmsAnswer hello = handler.handle("GET", "/iclock/cdata?SN=ABC123&options=all", "");
  CHECK(hello.status == 200);
  CHECK(hello.body.rfind("GET OPTION FROM: ABC123\nStamp=0\n", 0) == 0);
  CHECK(hello.body.find("TransFlag=1111000000\n") != std::string::npos);
  CHECK(handler.handle("GET", "/iclock/getrequest?SN=ABC123", "").body == "OK");
  CHECK(handler.handle("POST", "/iclock/cdata?SN=ABC123&table=OPERLOG&Stamp=5", "x\ty").body ==
        "OK");
  AdmsAnswer batch = handler.handle("POST", "/iclock/cdata?SN=ABC123&table=ATTLOG&Stamp=17",
                                    "1\t2026-03-02 07:00:00\t0\t1\t0\t0\t0\n"
                                    "garbage line\n"
                                    "2\t2026-13-02 07:00:00\t0\t1\t0\t0\t0\n"
                                    "  3\t2026-03-02 07:05:00\t0\t15\t0\t0\t0\n");
  CHECK(batch.status == 200);
  CHECK(batch.body == "OK: 2");
  CHECK(handler.stats().badLines == 2);
  CHECK(*f.store->punchCount() == 2);
  CHECK(handler.handle("GET", "/iclock/cdata?SN=ABC123&options=all", "").body.find("Stamp=17\n") !=
        std::string::npos);
  CHECK(handler.handle("GET", "/iclock/cdata", "").status == 400);
  CHECK(handler.handle("GET", "/other", "").status == 404);

  f.store->failNextBatches(1);
  AdmsAnswer failed = handler.handle("POST", "/iclock/cdata?SN=ABC123&table=ATTLOG&Stamp=18",
                                     "4\t2026-03-02 07:06:00\t0\t1\n");
  CHECK(failed.status == 500);
  CHECK(*f.store->lastStamp("ABC123") == "17");
}

TEST_CASE("Receiver config from YAML: unknown keys rejected with the line", "[adms][config]") {
  YAML::Node good = YAML::Load(
      "port: 8081\ntime_zone: Asia/Makassar\ndevices:\n  - CQZ1\n  - { sn: CQZ2, "
      "swapped_status_verify: true }\n");
  auto config = parseAdmsReceiverConfig(good, "attendance.yaml");
  REQUIRE(config);
  CHECK(config->port == 8081);
  REQUIRE(config->devices.size() == 2);
  CHECK(config->devices[1].swappedStatusVerify == SwapMode::kYes);

  auto unknown = parseAdmsReceiverConfig(YAML::Load("port: 1\nprot: 2\n"), "attendance.yaml");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().message.find("attendance.yaml:2: unknown key 'prot'") == 0);
  auto badZone = parseAdmsReceiverConfig(YAML::Load("time_zone: UTC\n"), "a.yaml");
  REQUIRE_FALSE(badZone);
  CHECK(badZone.error().message.find("time_zone") != std::string::npos);
  auto badSwap = parseAdmsReceiverConfig(YAML::Load("swapped_status_verify: maybe\n"), "a.yaml");
  REQUIRE_FALSE(badSwap);
  CHECK(badSwap.error().message.find("a.yaml:1") == 0);
}

// Not a test: figures for the report. Run: connector_attendance_test "[.load]"
TEST_CASE("Load figure: many devices pushing into one receiver", "[.load]") {
  attendance_test::TempDir dir;
  sinkron::sim::WorldOptions options = attendance_test::smallWorld();
  options.population.people = 20000;
  sinkron::sim::World world(options);
  AttendanceModel model(world.population(), world.options().fingerspotCloudId);
  auto store = PunchStore::open(dir / "punches.db");
  REQUIRE(store);
  std::shared_ptr<PunchStore> shared = std::move(*store);
  auto receiver = AdmsReceiver::start(AdmsReceiverConfig{}, shared);
  REQUIRE(receiver);
  AdmsRunOptions o = runOptions((*receiver)->baseUrl());
  o.devices = std::min<int>(20, static_cast<int>(model.devices().size()));
  o.batchSize = GENERATE(100, 1);
  o.days = o.batchSize == 1 ? 2 : 10;
  o.concurrency = 8;
  o.swappedFirmwareFraction = 0.25;
  auto started = std::chrono::steady_clock::now();
  auto run = sinkron::sim::runAdmsDevices(o, model);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  REQUIRE(run);
  const std::uint64_t expected = expectedPunches(model, o).size();
  CHECK(*shared->punchCount() == expected);
  std::printf(
      "ADMS load: %d devices, %d days, batch %d: %llu punches in %llu batches, %.3f s, "
      "%.0f punches/s, %.0f batches/s; stored %llu of %llu expected\n",
      o.devices, o.days, o.batchSize, static_cast<unsigned long long>(run->punches),
      static_cast<unsigned long long>(run->batchesSent), seconds,
      static_cast<double>(run->punches) / seconds, static_cast<double>(run->batchesSent) / seconds,
      static_cast<unsigned long long>(*shared->punchCount()),
      static_cast<unsigned long long>(expected));
}
