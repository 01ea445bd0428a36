// loadSimpegDatabase: the SIMPEG view of the population into a MariaDB or PostgreSQL database.
#include <soci/mysql/soci-mysql.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <chrono>

#include "sinkron/sim/simpeg_model.hpp"
#include "sinkron/sim/simpeg_sim.hpp"
#include "sql_script.hpp"
#include "table_batches.hpp"

namespace sinkron::sim {

namespace {

using namespace simpeg;

constexpr std::size_t kBatchPeople = 1000;

// Where a failure happened, for the error message.
struct Stage {
  std::string what = "connect";
};

void createSchema(soci::session& sql, SqlDialect dialect, Stage& stage) {
  for (const std::string& statement : splitSqlStatements(simpegSchemaSql(dialect))) {
    std::size_t start = statement.find_first_not_of(" \n");
    stage.what = "schema: " + statement.substr(start, statement.find('(', start) - start);
    sql << statement;
  }
}

template <typename Batch, typename Rows>
std::uint64_t insertAll(soci::session& sql, Batch& batch, const Rows& rows, Stage& stage) {
  std::uint64_t count = 0;
  for (std::size_t first = 0; first < rows.size(); first += kBatchPeople) {
    stage.what = std::string(batch.table()) + " rows " + std::to_string(first + 1) + ".." +
                 std::to_string(std::min(rows.size(), first + kBatchPeople));
    soci::transaction tx(sql);
    for (std::size_t i = first; i < rows.size() && i < first + kBatchPeople; ++i)
      batch.add(rows[i]);
    count += batch.size();
    batch.flush(sql);
    tx.commit();
  }
  return count;
}

// The employees in batches: pegawai with their histories, one transaction per batch.
void insertPeople(soci::session& sql, const population::PopulationGenerator& population,
                  const JabatanTable& jabatan, SimpegLoadStats& stats, Stage& stage) {
  PegawaiBatch pegawai;
  RiwayatPangkatBatch pangkat;
  RiwayatJabatanBatch jabatanHistory;
  DiklatBatch training;
  TableBatch* batches[] = {&pegawai, &pangkat, &jabatanHistory, &training};

  const population::GeneratorOptions& options = population.options();
  population::PersonRecords records;
  std::vector<RiwayatPangkatRow> pangkatRows;
  std::vector<RiwayatJabatanRow> jabatanRows;
  std::vector<DiklatRow> diklatRows;
  std::uint64_t firstPerson = 0;
  auto flush = [&](std::uint64_t endPerson) {
    std::string rows = " rows of people " + std::to_string(firstPerson) + ".." +
                       std::to_string(endPerson - 1) + " (id_pegawai " +
                       std::to_string(pegawai.firstId()) + ".." + std::to_string(pegawai.lastId()) +
                       " in load order)";
    soci::transaction tx(sql);
    for (TableBatch* b : batches) {
      stage.what = b->table() + rows;
      b->flush(sql);
    }
    tx.commit();
    firstPerson = endPerson;
  };
  for (std::uint64_t i = 0; i < options.people; ++i) {
    population.records(i, records);
    for (int k = 0; k < records.simpegCount; ++k) {
      PegawaiRow row = pegawaiRow(options, records.simpeg[static_cast<std::size_t>(k)]);
      const JabatanRow* current = jabatan.find(row.idJ);
      riwayatPangkat(row, pangkatRows);
      riwayatJabatan(row, current, jabatanRows);
      diklat(options, row, current, diklatRows);
      for (const auto& r : pangkatRows) pangkat.add(r);
      for (const auto& r : jabatanRows) jabatanHistory.add(r);
      for (const auto& r : diklatRows) training.add(r);
      pegawai.add(row);
      ++stats.pegawai;
      stats.riwayat += pangkatRows.size() + jabatanRows.size();
      stats.diklat += diklatRows.size();
    }
    if (pegawai.size() >= kBatchPeople) flush(i + 1);
  }
  flush(options.people);
}

}  // namespace

Status loadSimpegDatabase(const SimpegDbTarget& target,
                          const population::PopulationGenerator& population,
                          SimpegLoadStats* statsOut) {
  const auto started = std::chrono::steady_clock::now();
  const soci::backend_factory* factory = nullptr;
  SqlDialect dialect = SqlDialect::kPostgreSql;
  if (target.backend == "postgresql") {
    factory = &soci::postgresql;
  } else if (target.backend == "mysql" || target.backend == "mariadb") {
    factory = &soci::mysql;
    dialect = SqlDialect::kMariaDb;
  } else {
    return Error::invalid("simpeg database: backend '" + target.backend +
                          "' is not supported (use postgresql or mysql)");
  }
  if (Status valid = population.validate(); !valid) return valid;

  SimpegLoadStats stats;
  Stage stage;
  try {
    soci::session sql(*factory, target.connect);
    if (dialect == SqlDialect::kPostgreSql)  // quiet "table does not exist, skipping" notices
      sql << "SET client_min_messages TO WARNING";
    createSchema(sql, dialect, stage);

    stage.what = "jabatan table (reading the population)";
    JabatanTable jabatan = buildJabatanTable(population);
    UnitKerjaBatch units;
    stats.units = insertAll(sql, units, unitKerjaRows(population.options().seed), stage);
    JabatanBatch positions;
    std::span<const JabatanRow> jabatanRows = jabatan.rows();
    stats.jabatan = insertAll(sql, positions, jabatanRows, stage);
    insertPeople(sql, population, jabatan, stats, stage);
  } catch (const std::exception& e) {
    return Error::io("simpeg database (" + target.backend + "), " + stage.what + ": " + e.what());
  }
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (statsOut) *statsOut = stats;
  return {};
}

}  // namespace sinkron::sim
