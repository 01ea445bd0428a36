#include "sinkron/connectors/simpeg_rest_config.hpp"

#include <yaml-cpp/yaml.h>

#include "sinkron/connectors/yaml_fields.hpp"

namespace sinkron::connectors::simpeg {

Status SimpegRestConfig::validate() const {
  const std::string where = "simpeg connector '" + name + "': ";
  if (name.empty()) return Error::invalid("simpeg connector: name: must not be empty");
  if (!baseUrl.starts_with("http://") && !baseUrl.starts_with("https://"))
    return Error::invalid(where + "base_url: must start with http:// or https:// (got '" + baseUrl +
                          "')");
  if (baseUrl.ends_with("/")) return Error::invalid(where + "base_url: must not end with '/'");
  if (apiKey.empty()) return Error::invalid(where + "api_key: must be given");
  if (mapping.empty())
    return Error::invalid(where +
                          "mapping: must name a mapping file (deploy/mappings/"
                          "simpeg-rest.yaml)");
  if (pageSize < 1 || pageSize > 1000)
    return Error::invalid(where + "page_size: must be within 1..1000");
  if (concurrency < 1 || concurrency > 64)
    return Error::invalid(where + "concurrency: must be within 1..64");
  if (maxAttempts < 1 || maxAttempts > 20)
    return Error::invalid(where + "max_attempts: must be within 1..20");
  if (retryBaseDelay.count() < 1)
    return Error::invalid(where + "retry_base_delay_ms: must be at least 1");
  return {};
}

Result<SimpegRestConfig> parseSimpegRestConfig(const YAML::Node& node, std::string_view origin) {
  YamlFields fields(node, origin);
  SimpegRestConfig c;
  if (Status s = fields.checkKeys({"name", "base_url", "api_key", "ca_file", "mapping", "page_size",
                                   "concurrency", "max_attempts", "retry_base_delay_ms"});
      !s)
    return s.error();
  std::string apiKey, mapping;
  int delay = static_cast<int>(c.retryBaseDelay.count());
  for (Status s :
       {fields.text("name", c.name), fields.text("base_url", c.baseUrl),
        fields.text("api_key", apiKey), fields.text("ca_file", c.caFile),
        fields.text("mapping", mapping), fields.integer("page_size", c.pageSize, 1, 1000),
        fields.integer("concurrency", c.concurrency, 1, 64),
        fields.integer("max_attempts", c.maxAttempts, 1, 20),
        fields.integer("retry_base_delay_ms", delay, 1, 600000)})
    if (!s) return s.error();
  c.apiKey = security::Secret(std::move(apiKey));
  c.mapping = mapping;
  c.retryBaseDelay = std::chrono::milliseconds(delay);
  if (Status s = c.validate(); !s)
    return Error::invalid(std::string(origin) + ": " + s.error().message);
  return c;
}

}  // namespace sinkron::connectors::simpeg
