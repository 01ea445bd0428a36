#include "sinkron/connectors/yaml_fields.hpp"

namespace sinkron::connectors {

Error YamlFields::error(const YAML::Node& at, std::string_view key, std::string_view what) const {
  std::string message = origin_;
  if (at.IsDefined() && at.Mark().line >= 0) {
    message.push_back(':');
    message.append(std::to_string(at.Mark().line + 1));
  }
  message.append(": ").append(key).append(": ").append(what);
  return Error::invalid(std::move(message));
}

Status YamlFields::checkKeys(std::initializer_list<std::string_view> known) const {
  if (!node_.IsDefined() || node_.IsNull()) return {};
  if (!node_.IsMap()) return error(node_, "config", "must be a mapping of keys to values");
  for (const auto& entry : node_) {
    std::string key = entry.first.as<std::string>();
    bool ok = false;
    for (std::string_view k : known) ok = ok || k == key;
    if (!ok) {
      std::string names;
      for (std::string_view k : known) names += (names.empty() ? "" : ", ") + std::string(k);
      return error(entry.first, key, "unknown key (known: " + names + ")");
    }
  }
  return {};
}

Status YamlFields::text(std::string_view key, std::string& out) const {
  if (!node_.IsMap()) return {};
  YAML::Node v = node_[std::string(key)];
  if (!v.IsDefined() || v.IsNull()) return {};
  if (!v.IsScalar()) return error(v, key, "must be text");
  out = v.as<std::string>();
  return {};
}

Status YamlFields::integer(std::string_view key, int& out, int min, int max) const {
  if (!node_.IsMap()) return {};
  YAML::Node v = node_[std::string(key)];
  if (!v.IsDefined() || v.IsNull()) return {};
  try {
    int value = v.as<int>();
    if (value < min || value > max)
      return error(v, key, "must be within " + std::to_string(min) + ".." + std::to_string(max));
    out = value;
    return {};
  } catch (const YAML::Exception&) {
    return error(v, key, "must be a whole number");
  }
}

Status YamlFields::number(std::string_view key, double& out, double min, double max) const {
  if (!node_.IsMap()) return {};
  YAML::Node v = node_[std::string(key)];
  if (!v.IsDefined() || v.IsNull()) return {};
  try {
    double value = v.as<double>();
    if (value < min || value > max)
      return error(v, key, "must be within " + std::to_string(min) + ".." + std::to_string(max));
    out = value;
    return {};
  } catch (const YAML::Exception&) {
    return error(v, key, "must be a number");
  }
}

Status YamlFields::listMap(std::string_view key,
                           std::map<std::string, std::vector<std::string>>& out) const {
  if (!node_.IsMap()) return {};
  YAML::Node v = node_[std::string(key)];
  if (!v.IsDefined() || v.IsNull()) return {};
  if (!v.IsMap()) return error(v, key, "must be a mapping of field names to lists of aliases");
  for (const auto& entry : v) {
    const std::string name = entry.first.as<std::string>();
    const std::string where = std::string(key) + "." + name;
    std::vector<std::string> aliases;
    if (entry.second.IsScalar()) {
      aliases.push_back(entry.second.as<std::string>());
    } else if (entry.second.IsSequence()) {
      for (const auto& alias : entry.second) {
        if (!alias.IsScalar()) return error(alias, where, "aliases must be text");
        aliases.push_back(alias.as<std::string>());
      }
    } else {
      return error(entry.second, where, "must be a name or a list of names");
    }
    out[name] = std::move(aliases);
  }
  return {};
}

Status YamlFields::textMap(std::string_view key, std::map<std::string, std::string>& out) const {
  if (!node_.IsMap()) return {};
  YAML::Node v = node_[std::string(key)];
  if (!v.IsDefined() || v.IsNull()) return {};
  if (!v.IsMap()) return error(v, key, "must be a mapping of names to text");
  for (const auto& entry : v) {
    if (!entry.second.IsScalar())
      return error(entry.second, std::string(key) + "." + entry.first.as<std::string>(),
                   "must be text");
    out[entry.first.as<std::string>()] = entry.second.as<std::string>();
  }
  return {};
}

}  // namespace sinkron::connectors
