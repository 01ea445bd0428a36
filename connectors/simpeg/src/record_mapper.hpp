#pragma once
// RecordMapper: applies a mapping file (sinkron::mappings::Mapping) to one source row given as a
// JSON object (REST) or as named columns (database). Field problems become messages naming the
// row key and the field, with NIP/NIK masked.
#include <rapidjson/document.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sinkron/mappings/mapping.hpp"
#include "sinkron/result.hpp"

namespace sinkron::connectors::simpeg {

class RecordMapper {
 public:
  static Result<RecordMapper> load(const std::filesystem::path& file);

  const mappings::Mapping& mapping() const { return mapping_; }
  // The record of a JSON object; `issues` gets one message per field problem.
  mappings::EmployeeRecord fromJson(const rapidjson::Value& object,
                                    std::vector<std::string>& issues) const;
  // The record of a row whose values are found by name (lower-case source field names);
  // `valueOf` returns nullopt for a missing column.
  using Lookup = std::function<std::optional<std::string>(std::string_view)>;
  mappings::EmployeeRecord fromLookup(const Lookup& valueOf,
                                      std::vector<std::string>& issues) const;

 private:
  explicit RecordMapper(mappings::Mapping mapping) : mapping_(std::move(mapping)) {}
  mappings::EmployeeRecord apply(std::vector<std::string>& values,
                                 std::vector<std::string>& issues) const;
  mappings::Mapping mapping_;
};

}  // namespace sinkron::connectors::simpeg
