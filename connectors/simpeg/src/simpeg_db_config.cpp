#include "sinkron/connectors/simpeg_db_config.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "named_parameters.hpp"
#include "sinkron/connectors/yaml_fields.hpp"

namespace sinkron::connectors::simpeg {

Status SimpegDbConfig::validate() const {
  const std::string where = "simpeg database connector '" + name + "': ";
  if (name.empty()) return Error::invalid("simpeg database connector: name: must not be empty");
  if (backend != "postgresql" && backend != "mysql")
    return Error::invalid(where + "backend: must be \"postgresql\" or \"mysql\" (got '" + backend +
                          "')");
  if (connect.empty()) return Error::invalid(where + "connect: must be given");
  if (mapping.empty())
    return Error::invalid(where +
                          "mapping: must name a mapping file (deploy/mappings/"
                          "simpeg-db.yaml)");
  auto pegawai = queries.find("pegawai");
  if (pegawai == queries.end()) return Error::invalid(where + "queries.pegawai: must be given");
  for (const auto& [queryName, sql] : queries)
    if (queryName != "pegawai")
      return Error::invalid(where + "queries." + queryName + ": unknown query (known: pegawai)");
  std::vector<std::string> params = namedParameters(pegawai->second);
  std::sort(params.begin(), params.end());
  if (params != std::vector<std::string>{"last_id", "limit", "updated_since"})
    return Error::invalid(where +
                          "queries.pegawai: must use exactly the parameters :updated_since, "
                          ":last_id and :limit (keyset paging ordered by updated_at, id)");
  if (updatedAtColumn.empty() || idColumn.empty())
    return Error::invalid(where + "updated_at_column and id_column: must not be empty");
  if (batchSize < 1 || batchSize > 100000)
    return Error::invalid(where + "batch_size: must be within 1..100000");
  for (const auto& [statement, sql] : statements) {
    if (statement.empty() || sql.empty())
      return Error::invalid(where + "statements: names and statements must not be empty");
    if (namedParameters(sql).empty())
      return Error::invalid(where + "statements." + statement +
                            ": has no :parameters (values must come from the change)");
  }
  return {};
}

Result<SimpegDbConfig> parseSimpegDbConfig(const YAML::Node& node, std::string_view origin) {
  YamlFields fields(node, origin);
  SimpegDbConfig c;
  if (Status s = fields.checkKeys({"name", "backend", "connect", "mapping", "queries",
                                   "updated_at_column", "id_column", "batch_size", "statements"});
      !s)
    return s.error();
  std::string connect, mapping;
  for (Status s :
       {fields.text("name", c.name), fields.text("backend", c.backend),
        fields.text("connect", connect), fields.text("mapping", mapping),
        fields.textMap("queries", c.queries), fields.text("updated_at_column", c.updatedAtColumn),
        fields.text("id_column", c.idColumn), fields.integer("batch_size", c.batchSize, 1, 100000),
        fields.textMap("statements", c.statements)})
    if (!s) return s.error();
  c.connect = security::Secret(std::move(connect));
  c.mapping = mapping;
  if (Status s = c.validate(); !s)
    return Error::invalid(std::string(origin) + ": " + s.error().message);
  return c;
}

}  // namespace sinkron::connectors::simpeg
