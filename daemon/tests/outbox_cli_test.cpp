// `sinkron outbox` and `sinkron dlq` with --local (the daemon is down): a person sees the dead
// letters and their reasons, replays or discards them, and the store and the change history say
// so. (Through the admin API: cli_remote_ops_test.cpp.)
#include <soci/soci.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "daemon_test_support.hpp"
#include "sinkron/store/outbox_store.hpp"
#include "sinkron/store/state_store.hpp"

using namespace sinkron;
namespace fs = std::filesystem;

namespace {

sinkron::test::CommandRun run(const std::string& args) {
  auto r = sinkron::test::runCommand(std::string(SINKRON_BINARY) + " " + args + " 2>&1");
  REQUIRE(r.exit >= 0);  // the command ran to its end
  return r;
}

}  // namespace

TEST_CASE("dlq: list, replay and discard dead letters with a reason", "[cli]") {
  const fs::path dir = fs::temp_directory_path() / ("sinkron-dlq-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string mappings = std::string(SINKRON_SOURCE_DIR) + "/deploy/mappings";
  const fs::path cfg = dir / "sinkron.yaml";
  std::ofstream(cfg) << "store: {path: state.db}\n"
                        "connectors:\n"
                        "  simpeg: {type: simpeg-rest, base_url: 'http://127.0.0.1:9', api_key: "
                        "k, mapping: "
                     << mappings
                     << "/simpeg-rest.yaml}\n"
                        "  siasn: {type: siasn, gateway_url: 'http://127.0.0.1:9', sso_url: "
                        "'http://127.0.0.1:9', consumer_key: c, consumer_secret: s, "
                        "sso_client_id: i, sso_username: u, sso_password: p, mapping: "
                     << mappings << "/siasn-data-utama.yaml}\n";
  store::StoreOptions options;
  options.connect = (dir / "state.db").string();
  {
    auto st = store::StateStore::open(options);
    REQUIRE(st);
    REQUIRE((*st)->transaction("seed", [](soci::session& sql) -> Status {
      for (const char* key : {"kursus|a|Kursus A|01-02-2026", "kursus|b|Kursus B|01-02-2026"}) {
        auto r = store::OutboxStore::enqueue(
            sql, {"siasn", "kursus", "199001012015031001", key, "{}", 0});
        if (!r) return r.error();
      }
      return {};
    }));
    store::OutboxStore outbox(**st);
    auto due = outbox.claimDue(store::nowMillis(), 10);
    REQUIRE(due);
    REQUIRE(due->size() == 2);
    for (const auto& e : *due)
      REQUIRE(outbox.markFailed(e.id, "Jenis kursus dengan id '9' tidak ditemukan", 0, 5, true));
  }

  auto list = run("dlq list --local --config " + cfg.string());
  INFO(list.out);
  CHECK(list.exit == 0);
  CHECK(list.out.find("tidak ditemukan") != std::string::npos);

  auto outbox = run("outbox --local --config " + cfg.string() + " --status dead");
  INFO(outbox.out);
  CHECK(outbox.exit == 0);
  CHECK(outbox.out.find("2 dead") != std::string::npos);
  CHECK(outbox.out.find("199001012015031001") == std::string::npos);  // NIPs are masked

  auto replay =
      run("dlq replay --local --config " + cfg.string() + " --id 1 --reason 'fixed jenis'");
  INFO(replay.out);
  CHECK(replay.exit == 0);
  auto discard =
      run("dlq discard --local --config " + cfg.string() + " --id 2 --reason 'not ours'");
  CHECK(discard.exit == 0);
  auto again = run("dlq replay --local --config " + cfg.string() + " --id 2 --reason again");
  INFO(again.out);
  CHECK(again.exit != 0);  // already discarded: refused, with the reason
  CHECK(again.out.find("2") != std::string::npos);
  CHECK(run("dlq replay --local --config " + cfg.string() + " --id 1").exit !=
        0);  // a reason is required
  auto noConfig = run("dlq list --local");
  CHECK(noConfig.exit == 1);
  CHECK(noConfig.out.find("--config") != std::string::npos);
  CHECK(run("outbox --local --json --config " + cfg.string()).exit == 1);  // --json needs the API

  auto st = store::StateStore::open(options);
  REQUIRE(st);
  long long pending = 0, history = 0;
  (*st)->session() << "SELECT COUNT(*) FROM outbox WHERE status = 'pending'", soci::into(pending);
  (*st)->session() << "SELECT COUNT(*) FROM change_history WHERE entity = 'dead_letter' AND "
                      "actor LIKE 'operator:%' AND reason IN ('fixed jenis', 'not ours')",
      soci::into(history);
  CHECK(pending == 1);
  CHECK(history == 2);
  fs::remove_all(dir);
}
