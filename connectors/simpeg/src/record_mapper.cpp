#include "record_mapper.hpp"

#include <algorithm>
#include <cctype>

#include "sinkron/connectors/json_values.hpp"
#include "sinkron/security/masking.hpp"

namespace sinkron::connectors::simpeg {

Result<RecordMapper> RecordMapper::load(const std::filesystem::path& file) {
  Result<mappings::Mapping> mapping = mappings::Mapping::load(file);
  if (!mapping) return mapping.error();
  if (mapping->format() != mappings::SourceFormat::kJson)
    return Error::invalid(file.string() + ": format must be json for a connector mapping");
  return RecordMapper(std::move(*mapping));
}

mappings::EmployeeRecord RecordMapper::fromJson(const rapidjson::Value& object,
                                                std::vector<std::string>& issues) const {
  std::vector<std::string> values;
  values.reserve(mapping_.inputFields().size());
  for (const std::string& path : mapping_.inputFields()) {
    const rapidjson::Value* v = memberAt(object, path);
    values.push_back(v ? scalarText(*v) : std::string());
  }
  return apply(values, issues);
}

mappings::EmployeeRecord RecordMapper::fromLookup(const Lookup& valueOf,
                                                  std::vector<std::string>& issues) const {
  std::vector<std::string> values;
  values.reserve(mapping_.inputFields().size());
  for (const std::string& field : mapping_.inputFields()) {
    std::string lower = field;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    values.push_back(valueOf(lower).value_or(std::string()));
  }
  return apply(values, issues);
}

mappings::EmployeeRecord RecordMapper::apply(std::vector<std::string>& values,
                                             std::vector<std::string>& issues) const {
  std::vector<std::string_view> slots(values.begin(), values.end());
  mappings::EmployeeRecord record;
  std::vector<mappings::FieldIssue> fieldIssues;
  mapping_.apply(slots, record, fieldIssues);
  if (std::optional<std::size_t> key = mapping_.keySlot()) record.key = values[*key];
  for (const mappings::FieldIssue& issue : fieldIssues)
    issues.push_back(security::maskIdsInText(mapping_.sourceName() + " row " + record.key + ": " +
                                             issue.sourceField + " '" + issue.value +
                                             "': " + issue.message));
  return record;
}

}  // namespace sinkron::connectors::simpeg
