#pragma once
// The regional SIMPEG, simulated two ways over the same seeded population: its REST API
// (simpegRouter) and its SQL database (simpegSchemaSql + loadSimpegDatabase). Both show the same
// rows; simpeg_model.hpp says how the population becomes SIMPEG tables.
//
// REST (every call needs the header `X-API-Key: <WorldOptions::simpegApiKey>`, else 401
// {"status":"error","message":"API key tidak valid"}):
//   GET   /api/v1/pegawai?updated_since=<ISO-8601>&cursor=<opaque>&limit=<1..1000, default 100>
//         rows in (updated_at, id_pegawai) order; updated_since is inclusive (no zone = UTC);
//         {"status":"success","data":[...],"next_cursor":"..."|null}
//   GET   /api/v1/pegawai/{id_pegawai or 18-digit nip_baru}         {"status":"success","data":{}}
//   GET   /api/v1/pegawai/{id}/riwayat-pangkat | /riwayat-jabatan | /diklat   "data":[...]
//   GET   /api/v1/unit-kerja[?limit=&offset=]   GET /api/v1/jabatan[?limit=&offset=]  "total":N
//   PATCH /api/v1/pegawai/{id_pegawai}  JSON object of corrections; 422
//         {"status":"error","message":"...","errors":{"<field>":"..."}}, 404 unknown employee.
// A correction moves the row's updated_at to "now" (strictly increasing), so the next incremental
// pull returns it, and is recorded in world.writes() as system "simpeg", key
// "pegawai|<id_pegawai>|<field>=<value>|..." (fields sorted by name).
#include <cstdint>
#include <string>

#include "sinkron/population/generator.hpp"
#include "sinkron/result.hpp"
#include "sinkron/sim/router.hpp"
#include "sinkron/sim/world.hpp"

namespace sinkron::sim {

// The routes above. The SIMPEG directory (id and NIP indexes, the jabatan table) is built from
// the population on the first request that needs it: one pass over the population.
Router simpegRouter(World& world);

enum class SqlDialect { kMariaDb, kPostgreSql };

struct SimpegDbTarget {
  std::string backend;  // "postgresql" | "mysql" (MariaDB)
  std::string connect;  // SOCI connect string, e.g. "host=127.0.0.1 port=5432 dbname=x user=u"
};

struct SimpegLoadStats {
  std::uint64_t pegawai = 0, units = 0, jabatan = 0, riwayat = 0, diklat = 0;
  double seconds = 0;
};

// Drops and creates the SIMPEG tables, then loads the population's SIMPEG view in batches of
// 1000 employees (one transaction each), streaming: memory does not grow with the population.
// `riwayat` counts riwayat_pangkat + riwayat_jabatan rows. `stats` may be null. Errors name the
// table and the rows of the failing batch.
Status loadSimpegDatabase(const SimpegDbTarget& target,
                          const population::PopulationGenerator& population,
                          SimpegLoadStats* stats);

// The text of simulators/simpeg/sql/simpeg-{mariadb,postgresql}.sql.
std::string simpegSchemaSql(SqlDialect dialect);

}  // namespace sinkron::sim
