#include "sinkron/connectors/ekinerja_config.hpp"

#include <yaml-cpp/yaml.h>

#include "sinkron/connectors/yaml_fields.hpp"

namespace sinkron::connectors::ekinerja {

Status EkinerjaConfig::validate() const {
  if (name.empty()) return Error::invalid("ekinerja connector: name: must not be empty");
  const std::string where = "ekinerja connector '" + name + "': ";
  if (!baseUrl.starts_with("http://") && !baseUrl.starts_with("https://"))
    return Error::invalid(where + "base_url: must start with http:// or https:// (got '" + baseUrl +
                          "')");
  if (baseUrl.ends_with("/")) return Error::invalid(where + "base_url: must not end with '/'");
  if (clientId.empty()) return Error::invalid(where + "client_id: must be given");
  if (clientSecret.empty()) return Error::invalid(where + "client_secret: must be given");
  if (concurrency < 1 || concurrency > 128)
    return Error::invalid(where + "concurrency: must be within 1..128");
  if (requestsPerSecond < 0)
    return Error::invalid(where + "requests_per_second: must not be negative (0 = unlimited)");
  if (perPage < 1 || perPage > 500)
    return Error::invalid(where + "per_page: must be within 1..500");
  if (batchSize < 1 || batchSize > 10000)
    return Error::invalid(where + "batch_size: must be within 1..10000");
  if (maxAttempts < 1 || maxAttempts > 20)
    return Error::invalid(where + "max_attempts: must be within 1..20");
  if (retryBaseDelay.count() < 1)
    return Error::invalid(where + "retry_base_delay_ms: must be at least 1");
  for (const auto& [key, path] : {std::pair{"token", &paths.token},
                                  {"skp", &paths.skp},
                                  {"skp_penilaian", &paths.skpPenilaian},
                                  {"penilaian", &paths.penilaian},
                                  {"pegawai", &paths.pegawai}})
    if (!path->starts_with("/"))
      return Error::invalid(where + "paths." + key + ": must start with '/' (got '" + *path + "')");
  if (paths.skpPenilaian.find("{id}") == std::string::npos)
    return Error::invalid(where + "paths.skp_penilaian: must contain {id}");
  return {};
}

Result<EkinerjaConfig> parseEkinerjaConfig(const YAML::Node& node, std::string_view origin) {
  YamlFields fields(node, origin);
  EkinerjaConfig c;
  if (Status s = fields.checkKeys({"name", "base_url", "client_id", "client_secret", "ca_file",
                                   "concurrency", "requests_per_second", "per_page", "batch_size",
                                   "max_attempts", "retry_base_delay_ms", "paths"});
      !s)
    return s.error();
  std::string secret;
  int delay = static_cast<int>(c.retryBaseDelay.count());
  for (Status s :
       {fields.text("name", c.name), fields.text("base_url", c.baseUrl),
        fields.text("client_id", c.clientId), fields.text("client_secret", secret),
        fields.text("ca_file", c.caFile), fields.integer("concurrency", c.concurrency, 1, 128),
        fields.number("requests_per_second", c.requestsPerSecond, 0, 100000),
        fields.integer("per_page", c.perPage, 1, 500),
        fields.integer("batch_size", c.batchSize, 1, 10000),
        fields.integer("max_attempts", c.maxAttempts, 1, 20),
        fields.integer("retry_base_delay_ms", delay, 1, 600000)})
    if (!s) return s.error();
  YamlFields paths(fields.child("paths"), origin);
  if (Status s = paths.checkKeys({"token", "skp", "skp_penilaian", "penilaian", "pegawai"}); !s)
    return s.error();
  for (Status s :
       {paths.text("token", c.paths.token), paths.text("skp", c.paths.skp),
        paths.text("skp_penilaian", c.paths.skpPenilaian),
        paths.text("penilaian", c.paths.penilaian), paths.text("pegawai", c.paths.pegawai)})
    if (!s) return s.error();
  c.clientSecret = security::Secret(std::move(secret));
  c.retryBaseDelay = std::chrono::milliseconds(delay);
  if (Status s = c.validate(); !s)
    return Error::invalid(std::string(origin) + ": " + s.error().message);
  return c;
}

}  // namespace sinkron::connectors::ekinerja
