#pragma once
// The configuration of one SIMPEG database connector instance: SOCI backend and connect string
// (a Secret: it holds the password), the mapping file of the pegawai rows, the configured queries
// and the optional write-back statements. Values reach the database only as parameters.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "sinkron/result.hpp"
#include "sinkron/security/secret.hpp"

namespace YAML {
class Node;
}

namespace sinkron::connectors::simpeg {

struct SimpegDbConfig {
  std::string name = "simpeg-db";
  std::string backend;            // SOCI backend: "postgresql" or "mysql" (MariaDB/MySQL)
  security::Secret connect;       // "host=... port=... dbname=... user=... password=..."
  std::filesystem::path mapping;  // columns -> canonical model (deploy/mappings/simpeg-db.yaml)
  // Named queries. "pegawai" is required: keyset paging with exactly the parameters
  // :updated_since, :last_id and :limit, ordered by (updated_at, id), e.g.
  //   SELECT ... FROM pegawai p ... WHERE (p.updated_at, p.id_pegawai) > (:updated_since,
  //   :last_id) ORDER BY p.updated_at, p.id_pegawai LIMIT :limit
  std::map<std::string, std::string> queries;
  std::string updatedAtColumn = "updated_at";  // result columns that make the cursor
  std::string idColumn = "id_pegawai";
  int batchSize = 500;  // rows per query execution and per sink batch: 1..100000
  // Write-back: push kind = statement name; parameters (":email", ":id") come from the Change
  // JSON object by name. Nothing else can be written.
  std::map<std::string, std::string> statements;

  Status validate() const;
};

// Keys: name, backend, connect, mapping, queries {pegawai: ...}, updated_at_column, id_column,
// batch_size, statements {name: sql}. Unknown keys are errors naming `origin` and the line.
Result<SimpegDbConfig> parseSimpegDbConfig(const YAML::Node& node, std::string_view origin);

}  // namespace sinkron::connectors::simpeg
