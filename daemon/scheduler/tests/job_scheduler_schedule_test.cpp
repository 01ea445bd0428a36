#include <catch2/catch.hpp>

#include <map>
#include <vector>

#include "scheduler_harness.hpp"
#include "test_time.hpp"

using namespace sinkron::scheduler;
using namespace sinkron::scheduler::testing;

namespace {

CronExpression cron(const std::string& text) {
  auto parsed = CronExpression::parse(text);
  REQUIRE(parsed);
  return *parsed;
}

JobSpec scheduled(const std::string& name, const std::string& text,
                  Misfire misfire = Misfire::kRunOnce, SiteTimeZone zone = {}) {
  return JobSpec{name, cron(text), zone, misfire};
}

JobBody countingBody(std::vector<TriggerKind>& kinds) {
  return [&kinds](TriggerKind kind, std::function<void()> done) {
    kinds.push_back(kind);  // bodies run on the one io_context thread
    done();
  };
}

}  // namespace

TEST_CASE("scheduler: a schedule runs at each slot", "[scheduler]") {
  HeldRuns held;
  SchedulerHarness h(utc(2026, 11, 23, 10, 2, 30));
  REQUIRE(h.scheduler.add(scheduled("pull", "*/5 * * * *"), held.body()));
  REQUIRE(h.scheduler.start());
  REQUIRE(waitFor([&] { return h.state("pull").nextRun == utc(2026, 11, 23, 10, 5); }));
  REQUIRE(h.settle());
  CHECK(held.started() == 0);

  h.clock.set(utc(2026, 11, 23, 10, 5));
  REQUIRE(waitFor([&] { return held.started() == 1; }));
  CHECK(held.kinds() == std::vector<TriggerKind>{TriggerKind::kSchedule});
  REQUIRE(waitFor([&] { return h.state("pull").nextRun == utc(2026, 11, 23, 10, 10); }));
  CHECK(h.state("pull").lastStarted == utc(2026, 11, 23, 10, 5));

  SECTION("a tick during the run is dropped and counted") {
    h.clock.set(utc(2026, 11, 23, 10, 10));
    REQUIRE(waitFor([&] { return h.state("pull").skippedOverlaps == 1; }));
    CHECK(h.state("pull").runs == 1);
    CHECK_FALSE(h.state("pull").queued);
    REQUIRE(held.releaseOne());
    REQUIRE(waitFor([&] { return !h.state("pull").running; }));
    REQUIRE(h.settle());
    CHECK(held.started() == 1);  // the dropped tick is not run afterwards
    CHECK(h.state("pull").nextRun == utc(2026, 11, 23, 10, 15));
    CHECK(held.maxHeld() == 1);
  }
  SECTION("a manual trigger during the scheduled run is queued once") {
    CHECK(h.scheduler.trigger("pull") == TriggerOutcome::kQueued);
    REQUIRE(held.releaseOne());
    REQUIRE(waitFor([&] { return held.started() == 2; }));
    CHECK(held.kinds() == std::vector<TriggerKind>{TriggerKind::kSchedule, TriggerKind::kManual});
    REQUIRE(held.releaseOne());
    REQUIRE(waitFor([&] { return !h.state("pull").running; }));
    CHECK(h.state("pull").runs == 2);
  }
}

TEST_CASE("scheduler: slots are read in the site's time zone", "[scheduler]") {
  auto wit = SiteTimeZone::byName("Asia/Jayapura");
  REQUIRE(wit);
  std::vector<TriggerKind> kinds;
  SchedulerHarness h(utc(2026, 11, 23, 0, 0));
  REQUIRE(h.scheduler.add(scheduled("nightly", "0 2 * * *", Misfire::kRunOnce, *wit),
                          countingBody(kinds)));
  REQUIRE(h.scheduler.start());
  // 02:00 WIT on the 24th is 17:00 UTC on the 23rd.
  REQUIRE(waitFor([&] { return h.state("nightly").nextRun == utc(2026, 11, 23, 17, 0); }));
  h.clock.set(utc(2026, 11, 23, 17, 0, 1));
  REQUIRE(waitFor([&] { return h.state("nightly").runs == 1; }));
  REQUIRE(waitFor([&] { return h.state("nightly").nextRun == utc(2026, 11, 24, 17, 0); }));
}

TEST_CASE("scheduler: after downtime kRunOnce runs one catch-up, kSkip none", "[scheduler]") {
  const TimePoint now = utc(2026, 11, 23, 10, 2);
  std::map<std::string, std::vector<TriggerKind>> kinds;
  SchedulerHarness h(now);
  const std::map<std::string, std::optional<TimePoint>> lastRuns = {
      {"missed-three", utc(2026, 11, 23, 7, 30)},  // 08:00, 09:00 and 10:00 were missed
      {"skip", utc(2026, 11, 23, 7, 30)},
      {"up-to-date", utc(2026, 11, 23, 10, 0, 5)},
      {"never-ran", std::nullopt},
  };
  REQUIRE(h.scheduler.add(scheduled("missed-three", "0 * * * *", Misfire::kRunOnce),
                          countingBody(kinds["missed-three"])));
  REQUIRE(
      h.scheduler.add(scheduled("skip", "0 * * * *", Misfire::kSkip), countingBody(kinds["skip"])));
  REQUIRE(h.scheduler.add(scheduled("up-to-date", "0 * * * *", Misfire::kRunOnce),
                          countingBody(kinds["up-to-date"])));
  REQUIRE(h.scheduler.add(scheduled("never-ran", "0 * * * *", Misfire::kRunOnce),
                          countingBody(kinds["never-ran"])));
  std::vector<std::string> asked;
  REQUIRE(h.scheduler.start([&](const std::string& job) {
    asked.push_back(job);
    return lastRuns.at(job);
  }));
  REQUIRE(waitFor([&] {
    for (const JobState& s : h.scheduler.states()) {
      if (!s.nextRun) return false;
    }
    return true;
  }));
  REQUIRE(h.settle());

  CHECK(kinds["missed-three"] == std::vector<TriggerKind>{TriggerKind::kCatchUp});
  CHECK(h.state("missed-three").runs == 1);
  CHECK(h.state("missed-three").lastStarted == now);
  CHECK(kinds["skip"].empty());
  CHECK(kinds["up-to-date"].empty());
  CHECK(kinds["never-ran"].empty());
  for (const JobState& s : h.scheduler.states()) {
    INFO(s.name);
    CHECK(s.nextRun == utc(2026, 11, 23, 11, 0));
  }
  // kSkip jobs need no lookup.
  CHECK(asked == std::vector<std::string>{"missed-three", "never-ran", "up-to-date"});
}

TEST_CASE("scheduler: wall-clock jumps re-plan instead of firing every missed slot",
          "[scheduler]") {
  std::vector<TriggerKind> kinds;
  SchedulerHarness h(utc(2026, 11, 23, 10, 30));
  REQUIRE(h.scheduler.add(scheduled("hourly", "0 * * * *"), countingBody(kinds)));
  REQUIRE(h.scheduler.start());
  REQUIRE(waitFor([&] { return h.state("hourly").nextRun == utc(2026, 11, 23, 11, 0); }));

  SECTION("forward by three days: one run, then the next slot after the new time") {
    h.clock.set(utc(2026, 11, 26, 10, 30));
    REQUIRE(waitFor([&] { return h.state("hourly").nextRun == utc(2026, 11, 26, 11, 0); }));
    REQUIRE(h.settle());
    CHECK(h.state("hourly").runs == 1);
    CHECK(h.state("hourly").skippedOverlaps == 0);
  }
  SECTION("a small step back after a slot does not run that slot again") {
    h.clock.set(utc(2026, 11, 23, 11, 0));
    REQUIRE(waitFor([&] { return h.state("hourly").runs == 1; }));
    h.clock.set(utc(2026, 11, 23, 10, 59, 58));
    REQUIRE(h.settle());
    h.clock.set(utc(2026, 11, 23, 11, 0, 30));
    REQUIRE(h.settle());
    CHECK(h.state("hourly").runs == 1);
    CHECK(h.state("hourly").nextRun == utc(2026, 11, 23, 12, 0));
  }
  SECTION("a large step back re-aims at the slots after the new time") {
    h.clock.set(utc(2026, 11, 23, 11, 0));
    REQUIRE(waitFor([&] { return h.state("hourly").runs == 1; }));
    h.clock.set(utc(2026, 11, 22, 10, 30));
    REQUIRE(waitFor([&] { return h.state("hourly").nextRun == utc(2026, 11, 22, 11, 0); }));
    CHECK(h.state("hourly").runs == 1);
  }
}
