// One sync cycle against fault-free simulators: every planned change lands exactly once, on the
// right person, and a second cycle sends nothing.
#include <catch2/catch.hpp>

#include "delivery_audit.hpp"
#include "require_ok.hpp"
#include "sim_server.hpp"
#include "sync_site.hpp"
#include "temp_dir.hpp"

using namespace sinkron::test::sync;

TEST_CASE("a sync cycle delivers every planned change once and a second cycle sends nothing",
          "[e2e][sync]") {
  TempDir dir("sinkron_sync_happy");
  SimOptions simOptions;
  simOptions.people = 1500;
  auto sim = SimServer::start(simOptions, dir.path);
  REQUIRE_OK(sim);
  auto site = SyncSite::create(dir.path, **sim, {});
  REQUIRE_OK(site);

  auto first = site->sync();
  REQUIRE_OK(first);
  INFO(first->output);
  CHECK(first->exitCode == 0);
  CHECK(first->status == "ok");
  CHECK(first->problems.empty());
  CHECK(first->count("queued") > 0);
  CHECK(first->count("pushed") == first->count("queued"));
  CHECK(first->count("already_present") == 0);
  CHECK(first->count("dead_lettered") == 0);
  CHECK(first->count("outbox_pending") == 0);

  auto writes = pushTargetWrites(**sim);
  REQUIRE_OK(writes);
  auto outbox = site->outbox();
  REQUIRE_OK(outbox);
  DeliveryAudit audit = auditDelivery(*writes, *outbox);
  CHECK(audit.written == first->count("pushed"));
  CHECK(audit.delivered == first->count("queued"));
  INFO("written more than once:\n" << firstFew(audit.duplicates));
  CHECK(audit.duplicates.empty());
  INFO("delivered but never written:\n" << firstFew(audit.deliveredNotWritten));
  CHECK(audit.deliveredNotWritten.empty());
  INFO("written but not delivered in the outbox:\n" << firstFew(audit.writtenNotDelivered));
  CHECK(audit.writtenNotDelivered.empty());
  CHECK(audit.unfinished.empty());

  std::size_t trainingWrites = 0;
  for (const SimWrite& w : *writes)
    trainingWrites += w.key.starts_with("kursus|") || w.key.starts_with("diklat|");
  CHECK(trainingWrites > 0);
  auto misattributed = misattributedTrainingWrites(**sim, *writes);
  REQUIRE_OK(misattributed);
  INFO("training written to someone who did not attend:\n" << firstFew(*misattributed));
  CHECK(misattributed->empty());

  auto totalBefore = (*sim)->writeTotal();
  REQUIRE_OK(totalBefore);
  auto second = site->sync();
  REQUIRE_OK(second);
  INFO(second->output);
  CHECK(second->exitCode == 0);
  CHECK(second->status == "ok");
  CHECK(second->count("queued") == 0);
  CHECK(second->count("pushed") == 0);
  CHECK(second->count("outbox_pending") == 0);
  auto totalAfter = (*sim)->writeTotal();
  REQUIRE_OK(totalAfter);
  CHECK(*totalAfter == *totalBefore);
}
