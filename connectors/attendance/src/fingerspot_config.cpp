// The `fingerspot:` section of a config file, read strictly (unknown keys -> file:line).
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "sinkron/connectors/attendance/fingerspot_connector.hpp"

#include "yaml_fields.hpp"

namespace sinkron::connectors::attendance {
namespace {

Result<security::Secret> readToken(const YAML::Node& node, std::string_view file) {
  std::string env, path;
  if (Status s = yaml::read(node, "token_env", file, env); !s) return s.error();
  if (Status s = yaml::read(node, "token_file", file, path); !s) return s.error();
  const std::string where = yaml::at(file, node.Mark());
  if (env.empty() == path.empty())
    return Error::invalid(where + ": fingerspot: give exactly one of token_env or token_file");
  if (!env.empty()) {
    const char* value = std::getenv(env.c_str());
    if (value == nullptr || *value == '\0')
      return Error::invalid(yaml::at(file, node["token_env"].Mark()) +
                            ": key 'token_env': environment variable " + env + " is not set");
    return security::Secret(value);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Error::io(yaml::at(file, node["token_file"].Mark()) +
                     ": key 'token_file': cannot read \"" + path + "\"");
  std::stringstream text;
  text << in.rdbuf();
  std::string token = text.str();
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' '))
    token.pop_back();
  return security::Secret(std::move(token));
}

}  // namespace

Result<FingerspotConfig> parseFingerspotConfig(const YAML::Node& node, std::string_view file) {
  FingerspotConfig c;
  if (Status s = yaml::checkKeys(node, file, "fingerspot",
                                 {"name", "base_url", "attlog_path", "all_pin_path", "token_env",
                                  "token_file", "cloud_ids", "ca_file", "time_zone", "window_days",
                                  "proxy", "max_concurrency", "timeout_ms"});
      !s)
    return s.error();
  int timeoutMs = static_cast<int>(c.client.totalTimeout.count());
  for (Status s :
       {yaml::read(node, "name", file, c.name), yaml::read(node, "base_url", file, c.baseUrl),
        yaml::read(node, "attlog_path", file, c.attlogPath),
        yaml::read(node, "all_pin_path", file, c.allPinPath),
        yaml::read(node, "ca_file", file, c.caFile),
        yaml::read(node, "time_zone", file, c.timeZone),
        yaml::read(node, "window_days", file, c.windowDays),
        yaml::read(node, "proxy", file, c.client.proxy),
        yaml::read(node, "max_concurrency", file, c.client.maxConcurrency),
        yaml::read(node, "timeout_ms", file, timeoutMs)})
    if (!s) return s.error();
  c.client.totalTimeout = std::chrono::milliseconds(timeoutMs);
  if (YAML::Node ids = node["cloud_ids"]) {
    if (!ids.IsSequence())
      return Error::invalid(yaml::at(file, ids.Mark()) + ": key 'cloud_ids': expected a list");
    for (const YAML::Node& id : ids) {
      if (!id.IsScalar())
        return Error::invalid(yaml::at(file, id.Mark()) + ": cloud_ids: expected a string");
      c.cloudIds.push_back(id.as<std::string>());
    }
  }
  auto token = readToken(node, file);
  if (!token) return token.error();
  c.token = std::move(*token);
  if (Status s = c.validate(); !s)
    return Error::invalid(yaml::at(file, node.Mark()) + ": fingerspot: " + s.error().message);
  return c;
}

}  // namespace sinkron::connectors::attendance
