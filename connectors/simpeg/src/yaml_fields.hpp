#pragma once
// Strict reading of a connector's YAML config node: every key must be declared, values must have
// the declared type; errors name the origin (file) and the line.
#include <yaml-cpp/yaml.h>

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "sinkron/result.hpp"

namespace sinkron::connectors::simpeg {

class YamlFields {
 public:
  YamlFields(const YAML::Node& node, std::string_view origin) : node_(node), origin_(origin) {}

  // "origin:line: key: what"
  Error error(const YAML::Node& at, std::string_view key, std::string_view what) const;
  // Checks that the node is a map whose keys are all in `known`.
  Status checkKeys(std::initializer_list<std::string_view> known) const;
  Status text(std::string_view key, std::string& out) const;
  Status integer(std::string_view key, int& out, int min, int max) const;
  // A map of text to text (e.g. statements).
  Status textMap(std::string_view key, std::map<std::string, std::string>& out) const;

 private:
  YAML::Node node_;
  std::string origin_;
};

}  // namespace sinkron::connectors::simpeg
