#include <soci/mysql/soci-mysql.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <sstream>

#include "sinkron/population/organisation.hpp"
#include "sinkron/sim/simpeg_model.hpp"
#include "sinkron/sim/simpeg_sim.hpp"
#include "sinkron/test/database_server.hpp"

using namespace sinkron;
using sinkron::test::TestDatabaseServer;

namespace {

constexpr std::uint64_t kPeople = 2000;

std::uint64_t count(soci::session& sql, const std::string& query) {
  long long n = -1;
  sql << query, soci::into(n);
  return static_cast<std::uint64_t>(n);
}

struct Expected {
  std::uint64_t pegawai = 0;
  sim::simpeg::PegawaiRow sample;  // the first person's first row
};

Expected expectedOf(const population::PopulationGenerator& population) {
  Expected e;
  for (std::uint64_t i = 0; i < population.options().people; ++i) {
    population::PersonRecords r = population.records(i);
    if (r.simpegCount > 0 && e.pegawai == 0)
      e.sample = sim::simpeg::pegawaiRow(population.options(), r.simpeg[0]);
    e.pegawai += static_cast<std::uint64_t>(r.simpegCount);
  }
  return e;
}

void checkLoad(TestDatabaseServer::Kind kind) {
  auto started = TestDatabaseServer::start(kind);
  INFO((started ? std::string() : started.error().message));
  REQUIRE(started);
  TestDatabaseServer& server = **started;
  population::GeneratorOptions options;
  options.people = kPeople;
  options.seed = 11;
  population::PopulationGenerator population(options);
  Expected expected = expectedOf(population);

  sim::SimpegDbTarget target{server.sociBackend(), server.sociConnectString()};
  sim::SimpegLoadStats stats;
  Status loaded = sim::loadSimpegDatabase(target, population, &stats);
  INFO((loaded ? std::string() : loaded.error().message));
  REQUIRE(loaded);
  CHECK(stats.pegawai == expected.pegawai);
  CHECK(stats.units == population::units().size());
  CHECK(stats.seconds > 0);

  const soci::backend_factory& backend =
      kind == TestDatabaseServer::Kind::kPostgreSql
          ? static_cast<const soci::backend_factory&>(soci::postgresql)
          : soci::mysql;
  soci::session sql(backend, server.sociConnectString());
  CHECK(count(sql, "SELECT COUNT(*) FROM pegawai") == expected.pegawai);
  CHECK(count(sql, "SELECT COUNT(*) FROM unit_kerja") == stats.units);
  CHECK(count(sql, "SELECT COUNT(*) FROM jabatan") == stats.jabatan);
  CHECK(count(sql, "SELECT COUNT(*) FROM riwayat_pangkat") +
            count(sql, "SELECT COUNT(*) FROM riwayat_jabatan") ==
        stats.riwayat);
  CHECK(count(sql, "SELECT COUNT(*) FROM diklat") == stats.diklat);
  CHECK(count(sql, "SELECT COUNT(DISTINCT id_pegawai) FROM riwayat_pangkat") == expected.pegawai);

  // A row reads back as the model wrote it (dates as DATE, NULLs as NULL).
  const sim::simpeg::PegawaiRow& s = expected.sample;
  std::string nama, tglLahir, pangkat;
  int idJ = 0;
  sql << "SELECT nama, pangkat_gol, id_j FROM pegawai WHERE id_pegawai = :id", soci::into(nama),
      soci::into(pangkat), soci::into(idJ), soci::use(static_cast<int>(s.idPegawai));
  CHECK(nama == s.nama);
  CHECK(pangkat == s.pangkatGol);
  CHECK(static_cast<std::uint32_t>(idJ) == s.idJ);
  CHECK(count(sql, "SELECT COUNT(*) FROM pegawai WHERE id_pegawai = " +
                       std::to_string(s.idPegawai) + " AND tgl_lahir = '" + s.tglLahir + "'") == 1);
  CHECK(count(sql, "SELECT COUNT(*) FROM pegawai WHERE nip_baru IS NULL") ==
        count(sql, "SELECT COUNT(*) FROM pegawai WHERE nip_baru IS NULL OR nip_baru = ''"));

  // Every pegawai.id_j is a jabatan; every id_bos is one too, and every chain ends.
  CHECK(count(sql,
              "SELECT COUNT(*) FROM pegawai p LEFT JOIN jabatan j ON p.id_j = j.id_j "
              "WHERE j.id_j IS NULL") == 0);
  CHECK(count(sql,
              "SELECT COUNT(*) FROM jabatan j LEFT JOIN jabatan b ON j.id_bos = b.id_j "
              "WHERE j.id_bos IS NOT NULL AND b.id_j IS NULL") == 0);
  std::map<int, int> boss;
  {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT id_j, id_bos FROM jabatan");
    for (const soci::row& r : rows)
      boss[r.get<int>(0)] = r.get_indicator(1) == soci::i_null ? 0 : r.get<int>(1);
  }
  std::size_t endless = 0;
  for (const auto& [id, up] : boss) {
    int at = id, steps = 0;
    while (at != 0 && steps < 10) {
      at = boss.count(at) ? boss[at] : 0;
      ++steps;
    }
    endless += at != 0;
  }
  CHECK(endless == 0);

  // Seeded missing supervisors: staff reporting to an abolished post nobody holds ...
  CHECK(count(sql,
              "SELECT COUNT(*) FROM pegawai p JOIN jabatan j ON p.id_j = j.id_j "
              "JOIN jabatan b ON j.id_bos = b.id_j WHERE MOD(b.id_j, 1000) = 399 "
              "AND NOT EXISTS (SELECT 1 FROM pegawai h WHERE h.id_j = b.id_j)") > 0);
  // ... or to a post whose holders are all retired.
  CHECK(count(sql,
              "SELECT COUNT(*) FROM jabatan j JOIN jabatan b ON j.id_bos = b.id_j "
              "WHERE MOD(b.id_j, 1000) <> 300 AND MOD(b.id_j, 1000) <> 399 "
              "AND EXISTS (SELECT 1 FROM pegawai h WHERE h.id_j = b.id_j) "
              "AND NOT EXISTS (SELECT 1 FROM pegawai h WHERE h.id_j = b.id_j "
              "AND h.flag_pensiun = 0)") > 0);
  // Unmapped units: no SIASN unorId.
  std::uint64_t unmapped = 0;
  for (const population::Unit& u : population::units())
    unmapped += sim::simpeg::unitUnmapped(options.seed, u.localId);
  CHECK(unmapped > 0);
  CHECK(count(sql, "SELECT COUNT(*) FROM unit_kerja WHERE id_unor_bkn IS NULL") == unmapped);

  // A second load into a fresh database gives the same counts.
  auto fresh = server.createDatabase("simpeg_kedua");
  REQUIRE(fresh);
  sim::SimpegLoadStats again;
  REQUIRE(sim::loadSimpegDatabase({server.sociBackend(), *fresh}, population, &again));
  CHECK(again.pegawai == stats.pegawai);
  CHECK(again.units == stats.units);
  CHECK(again.jabatan == stats.jabatan);
  CHECK(again.riwayat == stats.riwayat);
  CHECK(again.diklat == stats.diklat);
  soci::session second(backend, *fresh);
  CHECK(count(second, "SELECT COUNT(*) FROM pegawai") == expected.pegawai);
  CHECK(count(second, "SELECT COUNT(*) FROM diklat") == stats.diklat);
}

}  // namespace

TEST_CASE("SIMPEG database loads into a private PostgreSQL", "[db][simpeg]") {
  checkLoad(TestDatabaseServer::Kind::kPostgreSql);
}

TEST_CASE("SIMPEG database loads into a private MariaDB", "[db][simpeg]") {
  checkLoad(TestDatabaseServer::Kind::kMariaDb);
}

TEST_CASE("SIMPEG loader reports bad targets", "[simpeg]") {
  population::GeneratorOptions options;
  options.people = 10;
  population::PopulationGenerator population(options);
  Status wrongBackend = sim::loadSimpegDatabase({"oracle", "x"}, population, nullptr);
  REQUIRE_FALSE(wrongBackend);
  CHECK(wrongBackend.error().message.find("oracle") != std::string::npos);
  // Nothing listens on port 1.
  Status refused = sim::loadSimpegDatabase(
      {"postgresql", "host=127.0.0.1 port=1 dbname=x user=x password=x connect_timeout=2"},
      population, nullptr);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.find("connect") != std::string::npos);
}

TEST_CASE("The embedded schema is the shipped .sql text", "[simpeg]") {
  for (auto [dialect, file] : {std::pair{sim::SqlDialect::kMariaDb, "simpeg-mariadb.sql"},
                               std::pair{sim::SqlDialect::kPostgreSql, "simpeg-postgresql.sql"}}) {
    std::ifstream in(std::string(SIMPEG_SQL_DIR) + "/" + file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    CHECK(sim::simpegSchemaSql(dialect) == text.str());
    CHECK(text.str().find("CREATE TABLE pegawai") != std::string::npos);
  }
}
