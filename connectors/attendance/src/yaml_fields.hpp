#pragma once
// Strict YAML reading for connector configs: each mapping's keys checked against the allowed
// set, scalars converted with the line in every error ("file:12: key 'port': ...").
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "sinkron/result.hpp"

namespace sinkron::connectors::attendance::yaml {

inline std::string at(std::string_view file, const YAML::Mark& mark) {
  return std::string(file) + ":" + std::to_string(mark.line + 1);
}

// Unknown or duplicate keys, or a node that is not a mapping.
inline Status checkKeys(const YAML::Node& node, std::string_view file, std::string_view what,
                        std::initializer_list<std::string_view> allowed) {
  if (!node.IsMap())
    return Error::invalid(at(file, node.Mark()) + ": " + std::string(what) + " must be a mapping");
  std::set<std::string> seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    std::string key = it->first.as<std::string>("");
    bool known = false;
    for (std::string_view a : allowed) known = known || a == key;
    if (!known) {
      std::string list;
      for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      return Error::invalid(at(file, it->first.Mark()) + ": unknown key '" + key + "' in " +
                            std::string(what) + " (allowed: " + list + ")");
    }
    if (!seen.insert(key).second)
      return Error::invalid(at(file, it->first.Mark()) + ": duplicate key '" + key + "' in " +
                            std::string(what));
  }
  return {};
}

template <class T>
Status read(const YAML::Node& node, std::string_view key, std::string_view file, T& out) {
  YAML::Node value = node[std::string(key)];
  if (!value) return {};
  try {
    if (!value.IsScalar()) throw YAML::Exception(value.Mark(), "not a scalar");
    out = value.as<T>();
  } catch (const YAML::Exception&) {
    return Error::invalid(at(file, value.Mark()) + ": key '" + std::string(key) + "': expected a " +
                          (std::is_same_v<T, std::string> ? "string"
                           : std::is_same_v<T, bool>      ? "boolean"
                                                          : "number"));
  }
  return {};
}

}  // namespace sinkron::connectors::attendance::yaml
