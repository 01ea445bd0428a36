#include "sinkron/connectors/siasn_config.hpp"

#include <yaml-cpp/yaml.h>

#include "sinkron/connectors/yaml_fields.hpp"

namespace sinkron::connectors::siasn {
namespace {

Status checkUrl(const std::string& where, std::string_view key, const std::string& url) {
  if (!url.starts_with("http://") && !url.starts_with("https://"))
    return Error::invalid(where + std::string(key) +
                          ": must start with http:// or https:// (got '" + url + "')");
  if (url.ends_with("/"))
    return Error::invalid(where + std::string(key) + ": must not end with '/'");
  return {};
}

Status checkPath(const std::string& where, std::string_view key, const std::string& path,
                 std::initializer_list<std::string_view> placeholders) {
  if (!path.starts_with("/"))
    return Error::invalid(where + "paths." + std::string(key) + ": must start with '/' (got '" +
                          path + "')");
  for (std::string_view p : placeholders)
    if (path.find(p) == std::string::npos)
      return Error::invalid(where + "paths." + std::string(key) + ": must contain " +
                            std::string(p) + " (got '" + path + "')");
  return {};
}

}  // namespace

Status SiasnConfig::validate() const {
  if (name.empty()) return Error::invalid("siasn connector: name: must not be empty");
  const std::string where = "siasn connector '" + name + "': ";
  if (Status s = checkUrl(where, "gateway_url", gatewayUrl); !s) return s;
  if (consumerKey.empty()) return Error::invalid(where + "consumer_key: must be given");
  if (consumerSecret.empty()) return Error::invalid(where + "consumer_secret: must be given");
  const bool password = !ssoClientId.empty() || !ssoUsername.empty() || !ssoPassword.empty();
  if (usesPreIssuedSsoToken() && password)
    return Error::invalid(where +
                          "give either sso_token (pre-issued) or sso_client_id/sso_username/"
                          "sso_password, not both");
  if (!usesPreIssuedSsoToken()) {
    if (ssoClientId.empty() || ssoUsername.empty() || ssoPassword.empty())
      return Error::invalid(where +
                            "SSO login: give sso_client_id, sso_username and sso_password "
                            "(or a pre-issued sso_token)");
    if (Status s = checkUrl(where, "sso_url", ssoUrl); !s) return s;
  }
  if (mapping.empty())
    return Error::invalid(where +
                          "mapping: must name the data-utama mapping file "
                          "(deploy/mappings/siasn-data-utama.yaml)");
  if (concurrency < 1 || concurrency > 256)
    return Error::invalid(where + "concurrency: must be within 1..256");
  if (requestsPerSecond < 0)
    return Error::invalid(where + "requests_per_second: must not be negative (0 = unlimited)");
  if (batchSize < 1 || batchSize > 10000)
    return Error::invalid(where + "batch_size: must be within 1..10000");
  if (pageSize < 1 || pageSize > 1000)
    return Error::invalid(where + "page_size: must be within 1..1000");
  if (maxAttempts < 1 || maxAttempts > 20)
    return Error::invalid(where + "max_attempts: must be within 1..20");
  if (retryBaseDelay.count() < 1)
    return Error::invalid(where + "retry_base_delay_ms: must be at least 1");
  const SiasnPaths& p = paths;
  for (Status s : {checkPath(where, "gateway_token", p.gatewayToken, {}),
                   checkPath(where, "sso_token", p.ssoToken, {}),
                   checkPath(where, "data_utama", p.dataUtama, {"{nip}"}),
                   checkPath(where, "history", p.history, {"{kind}", "{nip}"}),
                   checkPath(where, "save", p.save, {"{kind}"}),
                   checkPath(where, "data_utama_update", p.dataUtamaUpdate, {}),
                   checkPath(where, "referensi", p.referensi, {"{name}"})})
    if (!s) return s;
  if (p.testReferensi.empty())
    return Error::invalid(where + "paths.test_referensi: must name a reference table");
  for (const auto& [field, aliases] : fieldAliases)
    for (const std::string& alias : aliases)
      if (alias.empty() || alias == field)
        return Error::invalid(where + "field_aliases." + field +
                              ": an alias must be a different, non-empty field name");
  return {};
}

Result<SiasnConfig> parseSiasnConfig(const YAML::Node& node, std::string_view origin) {
  YamlFields fields(node, origin);
  SiasnConfig c;
  if (Status s = fields.checkKeys({"name", "gateway_url", "sso_url", "consumer_key",
                                   "consumer_secret", "sso_client_id", "sso_username",
                                   "sso_password", "sso_token", "ca_file", "mapping", "concurrency",
                                   "requests_per_second", "batch_size", "page_size", "max_attempts",
                                   "retry_base_delay_ms", "paths", "field_aliases"});
      !s)
    return s.error();
  std::string consumerSecret, ssoPassword, ssoToken, mapping;
  int delay = static_cast<int>(c.retryBaseDelay.count());
  for (Status s :
       {fields.text("name", c.name), fields.text("gateway_url", c.gatewayUrl),
        fields.text("sso_url", c.ssoUrl), fields.text("consumer_key", c.consumerKey),
        fields.text("consumer_secret", consumerSecret), fields.text("sso_client_id", c.ssoClientId),
        fields.text("sso_username", c.ssoUsername), fields.text("sso_password", ssoPassword),
        fields.text("sso_token", ssoToken), fields.text("ca_file", c.caFile),
        fields.text("mapping", mapping), fields.integer("concurrency", c.concurrency, 1, 256),
        fields.number("requests_per_second", c.requestsPerSecond, 0, 100000),
        fields.integer("batch_size", c.batchSize, 1, 10000),
        fields.integer("page_size", c.pageSize, 1, 1000),
        fields.integer("max_attempts", c.maxAttempts, 1, 20),
        fields.integer("retry_base_delay_ms", delay, 1, 600000),
        fields.listMap("field_aliases", c.fieldAliases)})
    if (!s) return s.error();

  YamlFields paths(fields.child("paths"), origin);
  if (Status s = paths.checkKeys({"gateway_token", "sso_token", "data_utama", "history", "save",
                                  "data_utama_update", "referensi", "test_referensi"});
      !s)
    return s.error();
  SiasnPaths& p = c.paths;
  for (Status s :
       {paths.text("gateway_token", p.gatewayToken), paths.text("sso_token", p.ssoToken),
        paths.text("data_utama", p.dataUtama), paths.text("history", p.history),
        paths.text("save", p.save), paths.text("data_utama_update", p.dataUtamaUpdate),
        paths.text("referensi", p.referensi), paths.text("test_referensi", p.testReferensi)})
    if (!s) return s.error();

  c.consumerSecret = security::Secret(std::move(consumerSecret));
  c.ssoPassword = security::Secret(std::move(ssoPassword));
  c.ssoToken = security::Secret(std::move(ssoToken));
  c.mapping = mapping;
  c.retryBaseDelay = std::chrono::milliseconds(delay);
  if (Status s = c.validate(); !s)
    return Error::invalid(std::string(origin) + ": " + s.error().message);
  return c;
}

}  // namespace sinkron::connectors::siasn
