#include "yaml_fields.hpp"

namespace sinkron::connectors::simpeg {

Error YamlFields::error(const YAML::Node& at, std::string_view key, std::string_view what) const {
  std::string where = origin_;
  if (at.IsDefined() && at.Mark().line >= 0) where += ":" + std::to_string(at.Mark().line + 1);
  return Error::invalid(where + ": " + std::string(key) + ": " + std::string(what));
}

Status YamlFields::checkKeys(std::initializer_list<std::string_view> known) const {
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
  YAML::Node v = node_[std::string(key)];
  if (!v.IsDefined() || v.IsNull()) return {};
  if (!v.IsScalar()) return error(v, key, "must be text");
  out = v.as<std::string>();
  return {};
}

Status YamlFields::integer(std::string_view key, int& out, int min, int max) const {
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

Status YamlFields::textMap(std::string_view key, std::map<std::string, std::string>& out) const {
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

}  // namespace sinkron::connectors::simpeg
