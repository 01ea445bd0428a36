// `GET /api/v1/diagnose?refresh=1` while a sync run is held open: the refresh's network pulls
// do not hold up the other admin routes, and the refresh leaves the cycle's state alone (each
// stored row's last_run, the stream's cursor, the running run).
#include <soci/soci.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "admin_test_support.hpp"
#include "daemon_test_support.hpp"
#include "scripted_server.hpp"
#include "sinkron/store/state_store.hpp"

namespace fs = std::filesystem;
using sinkron::test::eventually;
using sinkron::test::Reply;
using sinkron::test::request;
using sinkron::test::ScriptedAnswer;
using sinkron::test::trimmed;

namespace {

const std::string kMappings = std::string(SINKRON_SOURCE_DIR) + "/deploy/mappings";
constexpr auto kSlowPull = std::chrono::milliseconds(3000);

// SIMPEG's REST API for the refresh: two pegawai rows (slowly), empty post and unit tables.
ScriptedAnswer simpeg(const std::string& line) {
  if (line.find("/api/v1/pegawai") != std::string::npos)
    return {200,
            R"({"data":[{"id_pegawai":"100001","updated_at":"2026-02-01 08:00:00",)"
            R"("nip_baru":"199001012015031001","nama":"SITI AMINAH","email":"siti@new.go.id"},)"
            R"({"id_pegawai":"100002","updated_at":"2026-02-01 08:00:00",)"
            R"("nip_baru":"199202022016042002","nama":"BUDI SANTOSO"}],"next_cursor":null})",
            kSlowPull};
  return {200, R"({"data":[],"total":0})", {}};
}

struct StoredRow {
  long long lastRun = -1;
  std::string json;
};

StoredRow storedRow(const fs::path& db, const std::string& key) {
  sinkron::store::StoreOptions o;
  o.connect = db.string();
  auto st = sinkron::store::StateStore::open(o);
  REQUIRE(st);
  StoredRow r;
  soci::indicator ind = soci::i_null;
  (*st)->session() << "SELECT last_run, record_json FROM source_records WHERE connector = "
                      "'simpeg' AND stream = 'pegawai' AND source_key = :k",
      soci::use(key), soci::into(r.lastRun, ind), soci::into(r.json);
  if (ind != soci::i_ok) r.lastRun = -1;
  return r;
}

long long cursorRows(const fs::path& db) {
  sinkron::store::StoreOptions o;
  o.connect = db.string();
  auto st = sinkron::store::StateStore::open(o);
  REQUIRE(st);
  long long n = 0;
  (*st)->session() << "SELECT COUNT(*) FROM cursors WHERE connector = 'simpeg'", soci::into(n);
  return n;
}

}  // namespace

TEST_CASE("serve: diagnose refresh during a running cycle blocks no route, keeps its state",
          "[serve][admin][refresh]") {
  const fs::path dir =
      fs::temp_directory_path() / ("sinkron-refresh-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  // The cycle's pegawai pull is the first connection: held. The refresh's are answered.
  sinkron::test::ScriptedServer simpegServer(1, simpeg);
  const fs::path cfg = dir / "sinkron.yaml";
  std::ofstream(cfg) << "store: {path: state.db}\n"
                        "admin: {port: 0}\n"
                        "connectors:\n"
                        "  simpeg: {type: simpeg-rest, base_url: '"
                     << simpegServer.url()
                     << "', api_key: k, max_attempts: 1, mapping: " << kMappings
                     << "/simpeg-rest.yaml}\n"
                        "  siasn: {type: siasn, gateway_url: 'http://127.0.0.1:9', sso_url: "
                        "'http://127.0.0.1:9', consumer_key: c, consumer_secret: s, "
                        "sso_client_id: i, sso_username: u, sso_password: p, max_attempts: 1, "
                        "mapping: "
                     << kMappings << "/siasn-data-utama.yaml}\n";
  const std::string bin = SINKRON_BINARY;
  const std::string operatorToken =
      trimmed(sinkron::test::runCommand(bin + " token create --config " + cfg.string() +
                                        " --name ops --role operator 2>/dev/null")
                  .out);
  REQUIRE(operatorToken.size() > 20);
  const fs::path db = dir / "state.db";
  {
    // Stored by an earlier cycle (run 7): one row the refresh changes, none it adds.
    sinkron::store::StoreOptions o;
    o.connect = db.string();
    auto st = sinkron::store::StateStore::open(o);
    REQUIRE(st);
    (*st)->session() << "INSERT INTO source_records (connector, stream, source_key, "
                        "content_hash, record_json, last_run, updated_at) VALUES ('simpeg', "
                        "'pegawai', '100001', 'old', '{\"nama\":\"SITI\"}', 7, 1)";
  }

  const fs::path log = dir / "log.txt";
  sinkron::test::ServedDaemon daemon(bin, cfg, log, [&] { simpegServer.release(); });
  const int port = daemon.waitForAdminPort();
  REQUIRE(port > 0);
  REQUIRE(request(port, "POST", "/api/v1/jobs/sync/run", operatorToken).status == 202);
  REQUIRE(eventually([&] { return simpegServer.held() == 1; }));
  REQUIRE(request(port, "GET", "/api/v1/status", operatorToken).body.find("\"running_run_id\":1") !=
          std::string::npos);

  Reply refreshed;
  std::thread refresh([&] {
    refreshed =
        request(port, "GET", "/api/v1/diagnose?nip=199001012015031001&refresh=1", operatorToken);
  });
  // The refresh waits on SIMPEG's slow answer; the other routes answer meanwhile.
  const bool pulling = eventually([&] { return !simpegServer.seen().empty(); });
  auto t0 = std::chrono::steady_clock::now();
  Reply status = request(port, "GET", "/api/v1/status", operatorToken);
  const auto took = std::chrono::steady_clock::now() - t0;
  Reply second =
      request(port, "GET", "/api/v1/diagnose?nip=199001012015031001&refresh=1", operatorToken);
  refresh.join();
  REQUIRE(pulling);
  INFO(sinkron::test::slurp(log));
  CHECK(status.status == 200);
  CHECK(took < std::chrono::milliseconds(1500));  // the refresh holds its answer for 3 s
  CHECK(status.body.find("\"running_run_id\":1") != std::string::npos);
  // One refresh at a time: a second one meanwhile is told to come back.
  CHECK(second.status == 503);
  CHECK(second.body.find("\"code\":\"busy\"") != std::string::npos);

  INFO(refreshed.body);
  CHECK(refreshed.status == 200);
  CHECK(refreshed.body.find("\"refreshed\"") != std::string::npos);
  // SIASN is unreachable: named; SIMPEG's rows are in the store.
  CHECK(refreshed.body.find("re-pulling from siasn failed") != std::string::npos);
  CHECK(refreshed.body.find("199001012015031001") == std::string::npos);  // masked

  // The refresh stored the changed row without moving its last_run; the new row counts as seen
  // by the newest run; no cursor was written; the held run still runs.
  StoredRow changed = storedRow(db, "100001");
  CHECK(changed.lastRun == 7);
  CHECK(changed.json.find("siti@new.go.id") != std::string::npos);
  CHECK(storedRow(db, "100002").lastRun == 7);
  CHECK(cursorRows(db) == 0);
  CHECK(request(port, "GET", "/api/v1/status", operatorToken).body.find("\"running_run_id\":1") !=
        std::string::npos);
  simpegServer.release();
  fs::remove_all(dir);
}
