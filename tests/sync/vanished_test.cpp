// A record gone from a full pull is flagged and handed to a person, never deleted; every delivered
// push is in the hash-chained change history.
#include <soci/soci.h>

#include <catch2/catch.hpp>

#include "require_ok.hpp"
#include "sim_server.hpp"
#include "sinkron/store/change_history.hpp"
#include "sinkron/store/state_store.hpp"
#include "sync_site.hpp"
#include "temp_dir.hpp"

using namespace sinkron::test::sync;
using namespace sinkron;

TEST_CASE("a record gone from a full SIMPEG pull is flagged for a person, not deleted",
          "[e2e][sync]") {
  TempDir dir("sinkron_sync_vanished");
  SimOptions simOptions;
  simOptions.people = 400;
  auto sim = SimServer::start(simOptions, dir.path);
  REQUIRE_OK(sim);
  auto site = SyncSite::create(dir.path, **sim, {});
  REQUIRE_OK(site);
  auto first = site->sync();
  REQUIRE_OK(first);
  REQUIRE(first->status == "ok");

  store::StoreOptions options;
  options.connect = (dir.path / "state" / "sinkron.db").string();
  {
    // A row SIMPEG no longer has (as if deleted there since the last pull).
    auto st = store::StateStore::open(options);
    REQUIRE_OK(st);
    (*st)->session() << "INSERT INTO source_records (connector, stream, source_key, "
                        "content_hash, record_json, last_run, updated_at) VALUES ('simpeg', "
                        "'pegawai', 'gone-1', 'x', '{\"nama\":\"Gone\"}', 0, 0)";
  }
  auto full = site->sync({"--full"});
  REQUIRE_OK(full);
  INFO(full->output);
  CHECK(full->status == "ok");
  CHECK(full->count("missing_flagged") == 1);

  auto st = store::StateStore::open(options);
  REQUIRE_OK(st);
  soci::session& sql = (*st)->session();
  long long rows = 0, flagged = 0, conflicts = 0, delivered = 0;
  sql << "SELECT COUNT(*) FROM source_records WHERE source_key = 'gone-1'", soci::into(rows);
  sql << "SELECT COUNT(*) FROM source_records WHERE source_key = 'gone-1' AND "
         "missing_since IS NOT NULL",
      soci::into(flagged);
  sql << "SELECT COUNT(*) FROM conflicts WHERE field = 'record_missing' AND "
         "left_value = 'pegawai/gone-1' AND status = 'open'",
      soci::into(conflicts);
  sql << "SELECT COUNT(*) FROM change_history WHERE entity = 'outbox' AND "
         "new_value = 'delivered'",
      soci::into(delivered);
  CHECK(rows == 1);
  CHECK(flagged == 1);
  CHECK(conflicts == 1);
  CHECK(delivered == static_cast<long long>(first->count("pushed") + first->count("already_present")));
  auto chain = store::ChangeHistory::verify(sql);
  REQUIRE_OK(chain);
  CHECK(chain->firstBadId == 0);
}
