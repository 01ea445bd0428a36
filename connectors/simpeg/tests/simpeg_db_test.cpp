// SimpegDbConnector against a private PostgreSQL and a private MariaDB loaded with the simulated
// SIMPEG population: full pull in small batches, incremental pull, resume after a sink failure,
// write-back through a configured statement, errors that name the query.
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>

#include "sinkron/connectors/simpeg_db_connector.hpp"
#include "sinkron/mappings/field.hpp"
#include "sinkron/population/generator.hpp"
#include "sinkron/sim/simpeg_sim.hpp"
#include "sinkron/test/database_server.hpp"

using namespace sinkron;
using namespace sinkron::connectors;
using sinkron::test::TestDatabaseServer;

namespace {

constexpr std::uint64_t kPeople = 500;
constexpr int kBatch = 37;

const char* kPegawaiQuery =
    "SELECT p.id_pegawai, p.nip_baru, p.nip_lama, p.nama, p.gelar_depan, p.gelar_belakang, "
    "p.tempat_lahir, p.tgl_lahir, p.jenis_kelamin, p.nik, p.pangkat_gol, p.jenjab, p.id_j, "
    "j.nama_jabatan, p.id_unit_kerja, u.nama AS unit_kerja, p.status_pegawai, p.kedudukan, "
    "p.tmt_cpns, p.tmt_pns, p.tmt_gol, p.no_ref_bkn, p.email, p.no_hp, p.updated_at "
    "FROM pegawai p LEFT JOIN unit_kerja u ON u.id_unit_kerja = p.id_unit_kerja "
    "LEFT JOIN jabatan j ON j.id_j = p.id_j "
    "WHERE (p.updated_at, p.id_pegawai) > (:updated_since, :last_id) "
    "ORDER BY p.updated_at, p.id_pegawai LIMIT :limit";

// Keeps what it is given, in memory; fails the n-th store when asked.
class MemorySink : public PullSink {
 public:
  explicit MemorySink(int failAt = 0) : failAt_(failAt) {}
  Status store(const PullBatch& batch) override {
    if (++calls_ == failAt_) return Error::io("test sink: disk full");
    for (const PulledItem& item : batch.items) {
      ++counts[item.key];
      items.push_back(item);
    }
    cursor = batch.cursorAfter;
    return {};
  }
  std::map<std::string, int> counts;
  std::vector<PulledItem> items;
  std::string cursor;

 private:
  int failAt_ = 0, calls_ = 0;
};

simpeg::SimpegDbConfig configFor(const TestDatabaseServer& server) {
  simpeg::SimpegDbConfig c;
  c.name = "simpeg-db-test";
  c.backend = server.sociBackend();
  c.connect = security::Secret(server.sociConnectString());
  c.mapping = std::string(SINKRON_SOURCE_DIR) + "/deploy/mappings/simpeg-db.yaml";
  c.queries["pegawai"] = kPegawaiQuery;
  c.batchSize = kBatch;
  c.statements["set-email"] =
      "UPDATE pegawai SET email = :email, updated_at = :updated_at WHERE id_pegawai = :id";
  return c;
}

void runAgainst(TestDatabaseServer::Kind kind) {
  auto started = TestDatabaseServer::start(kind);
  INFO((started ? std::string() : started.error().message));
  REQUIRE(started);
  TestDatabaseServer& server = **started;
  population::GeneratorOptions options;
  options.people = kPeople;
  options.seed = 21;
  population::PopulationGenerator population(options);
  sim::SimpegLoadStats loaded;
  Status load = sim::loadSimpegDatabase({server.sociBackend(), server.sociConnectString()},
                                        population, &loaded);
  INFO((load ? std::string() : load.error().message));
  REQUIRE(load);
  REQUIRE(loaded.pegawai > kPeople / 2);

  auto created = simpeg::SimpegDbConnector::create(configFor(server));
  INFO((created ? std::string() : created.error().message));
  REQUIRE(created);
  simpeg::SimpegDbConnector& connector = **created;
  REQUIRE(connector.testConnection());

  // Everything once, in small batches.
  MemorySink full;
  Result<PullStats> stats = connector.pull({"pegawai", "", {}, {}}, full);
  INFO((stats ? std::string() : stats.error().message));
  REQUIRE(stats);
  CHECK(stats->items == loaded.pegawai);
  CHECK(full.counts.size() == loaded.pegawai);
  for (const auto& [key, n] : full.counts) CHECK(n == 1);
  CHECK(stats->batches == (loaded.pegawai + kBatch - 1) / kBatch);
  CHECK(stats->cursor == full.cursor);
  std::size_t withNip = 0;
  for (const PulledItem& item : full.items) {
    REQUIRE(item.record);
    CHECK(item.record->key == item.key);
    withNip += item.record->has(mappings::Field::kNip) ? 1 : 0;
    CHECK(item.record->has(mappings::Field::kTglLahir));
    CHECK(item.record->has(mappings::Field::kGolongan));
  }
  CHECK(withNip > full.items.size() * 8 / 10);

  // Nothing new since the stored cursor.
  MemorySink again;
  Result<PullStats> none = connector.pull({"pegawai", full.cursor, {}, {}}, again);
  REQUIRE(none);
  CHECK(none->items == 0);
  CHECK(again.items.empty());

  // The sink fails on its third batch: the cursor stays at the second; resuming from it yields
  // the rest, nothing twice and nothing skipped.
  MemorySink failing(3);
  Result<PullStats> broken = connector.pull({"pegawai", "", {}, {}}, failing);
  REQUIRE_FALSE(broken);
  CHECK(broken.error().message.find("disk full") != std::string::npos);
  CHECK(failing.items.size() == 2 * kBatch);
  MemorySink rest;
  Result<PullStats> resumed = connector.pull({"pegawai", failing.cursor, {}, {}}, rest);
  REQUIRE(resumed);
  std::set<std::string> union_;
  for (const auto& [key, n] : failing.counts) union_.insert(key);
  for (const auto& [key, n] : rest.counts) {
    CHECK(n == 1);
    CHECK(failing.counts.count(key) == 0);
    union_.insert(key);
  }
  CHECK(union_.size() == loaded.pegawai);

  // Write-back through the configured statement, then the incremental pull returns that row.
  const std::string id = full.items[5].key;
  Change change;
  change.kind = "set-email";
  change.targetKey = id;
  change.json =
      R"({"email":"koreksi@example.go.id","updated_at":"2099-01-01 00:00:00","id":)" + id + "}";
  Result<PushResult> pushed = connector.push(change);
  INFO((pushed ? std::string() : pushed.error().message));
  REQUIRE(pushed);
  CHECK(pushed->applied);
  MemorySink changed;
  Result<PullStats> delta = connector.pull({"pegawai", full.cursor, {}, {}}, changed);
  REQUIRE(delta);
  REQUIRE(changed.items.size() == 1);
  CHECK(changed.items[0].key == id);
  CHECK(changed.items[0].record->get(mappings::Field::kEmail) == "koreksi@example.go.id");
  CHECK(changed.cursor == "2099-01-01 00:00:00|" + id);

  // Parameters come only from the statement; kinds only from the configuration.
  change.json = R"({"email":"x@example.go.id","updated_at":"2099-01-02 00:00:00","id":1,)"
                R"("nama":"Robert'); DROP TABLE pegawai;--"})";
  Result<PushResult> unknown = connector.push(change);
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().message.find("unknown parameter 'nama'") != std::string::npos);
  change.json = R"({"email":"x@example.go.id","id":1})";
  Result<PushResult> missing = connector.push(change);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message.find("'updated_at' is missing") != std::string::npos);
  change.kind = "drop-everything";
  Result<PushResult> unsupported = connector.push(change);
  REQUIRE_FALSE(unsupported);
  CHECK(unsupported.error().code == ErrorCode::kUnsupported);

  // A query error names the query, never the password.
  simpeg::SimpegDbConfig broken_config = configFor(server);
  broken_config.queries["pegawai"] =
      "SELECT id_pegawai, updated_at FROM pegawai_tidak_ada WHERE (updated_at, id_pegawai) > "
      "(:updated_since, :last_id) LIMIT :limit";
  auto bad = simpeg::SimpegDbConnector::create(broken_config);
  REQUIRE(bad);
  MemorySink unused;
  Result<PullStats> failed = (*bad)->pull({"pegawai", "", {}, {}}, unused);
  REQUIRE_FALSE(failed);
  INFO(failed.error().message);
  CHECK(failed.error().message.find("query 'pegawai'") != std::string::npos);
  CHECK(failed.error().message.find("pegawai_tidak_ada") != std::string::npos);
  CHECK(failed.error().message.find(server.password()) == std::string::npos);

  // A wrong password: refused, the password is not in the message.
  simpeg::SimpegDbConfig wrong = configFor(server);
  wrong.connect =
      security::Secret("host=127.0.0.1 port=" + std::to_string(server.port()) +
                       (kind == TestDatabaseServer::Kind::kMariaDb ? " db=" : " dbname=") +
                       server.database() + " user=" + server.user() + " password=wrong-Secret-42");
  auto refused = simpeg::SimpegDbConnector::create(wrong);
  REQUIRE(refused);
  Status test = (*refused)->testConnection();
  REQUIRE_FALSE(test);
  CHECK(test.error().message.find("wrong-Secret-42") == std::string::npos);
}

}  // namespace

TEST_CASE("SIMPEG database connector on PostgreSQL", "[db]") {
  runAgainst(TestDatabaseServer::Kind::kPostgreSql);
}

TEST_CASE("SIMPEG database connector on MariaDB", "[db]") {
  runAgainst(TestDatabaseServer::Kind::kMariaDb);
}

TEST_CASE("SIMPEG database config is strict") {
  simpeg::SimpegDbConfig c;
  c.backend = "oracle";
  c.connect = security::Secret("x");
  c.mapping = "m.yaml";
  c.queries["pegawai"] = kPegawaiQuery;
  CHECK_FALSE(c.validate());
  c.backend = "mysql";
  CHECK(c.validate());
  c.queries["pegawai"] =
      "SELECT * FROM pegawai WHERE nip_baru = '"
      "1' LIMIT :limit";
  Status s = c.validate();
  REQUIRE_FALSE(s);
  CHECK(s.error().message.find(":updated_since") != std::string::npos);
  c.queries["pegawai"] = kPegawaiQuery;
  c.statements["bad"] = "DELETE FROM pegawai";
  CHECK_FALSE(c.validate());
}
