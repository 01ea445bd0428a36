#pragma once
// Strict reading of one YAML config node: every key must be declared, values must have the
// declared type; errors name the origin (file) and the line.
#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sinkron/result.hpp"

namespace sinkron::connectors {

class YamlFields {
 public:
  YamlFields(const YAML::Node& node, std::string_view origin) : node_(node), origin_(origin) {}

  // "origin:line: key: what"
  Error error(const YAML::Node& at, std::string_view key, std::string_view what) const;
  // Checks that the node is a map (or absent) whose keys are all in `known`.
  Status checkKeys(std::initializer_list<std::string_view> known) const;
  Status text(std::string_view key, std::string& out) const;
  Status integer(std::string_view key, int& out, int min, int max) const;
  Status number(std::string_view key, double& out, double min, double max) const;
  // A map of names to lists of text ({tglLahir: [tanggalLahir]}); replaces the listed names.
  Status listMap(std::string_view key, std::map<std::string, std::vector<std::string>>& out) const;
  // A map of text to text (e.g. SQL statements by name).
  Status textMap(std::string_view key, std::map<std::string, std::string>& out) const;
  // The child map `key` (undefined when absent). A missing key must not yield yaml-cpp's
  // "zombie" node, on which every later call throws InvalidNode.
  YAML::Node child(std::string_view key) const {
    if (!node_.IsDefined() || !node_.IsMap() || !node_[std::string(key)])
      return YAML::Node(YAML::NodeType::Undefined);
    return node_[std::string(key)];
  }

 private:
  YAML::Node node_;
  std::string origin_;
};

}  // namespace sinkron::connectors
