#include "sinkron/sim/simpeg_schema_sql.hpp"
#include "sinkron/sim/simpeg_sim.hpp"

namespace sinkron::sim {

std::string simpegSchemaSql(SqlDialect dialect) {
  return dialect == SqlDialect::kMariaDb ? simpeg::kMariaDbSchemaSql : simpeg::kPostgreSqlSchemaSql;
}

}  // namespace sinkron::sim
