#include "data_utama_mapper.hpp"

#include <rapidjson/error/en.h>

#include "sinkron/connectors/json_values.hpp"
#include "sinkron/security/masking.hpp"

namespace sinkron::connectors::siasn {

Result<DataUtamaMapper> DataUtamaMapper::load(const std::filesystem::path& file, Aliases aliases) {
  Result<mappings::Mapping> mapping = mappings::Mapping::load(file);
  if (!mapping) return mapping.error();
  if (mapping->format() != mappings::SourceFormat::kJson)
    return Error::invalid(file.string() + ": format must be json for the SIASN data-utama mapping");
  return DataUtamaMapper(std::move(*mapping), std::move(aliases));
}

DataUtamaMapper DataUtamaMapper::fromMapping(mappings::Mapping mapping, Aliases aliases) {
  return DataUtamaMapper(std::move(mapping), std::move(aliases));
}

Result<MappedAnswer> DataUtamaMapper::map(std::string_view body, std::string_view where) const {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError())
    return Error::parse(std::string(where) + ": malformed JSON at offset " +
                        std::to_string(doc.GetErrorOffset()) + ": " +
                        rapidjson::GetParseError_En(doc.GetParseError()));
  if (!doc.IsObject()) return Error::parse(std::string(where) + ": answer is not a JSON object");
  const std::string& root = mapping_.json().root;
  const rapidjson::Value* person = root.empty() ? &doc : memberAt(doc, root);
  if (person == nullptr || !person->IsObject())
    return Error::parse(std::string(where) + ": answer has no \"" + root + "\" object");

  const std::vector<std::string>& inputs = mapping_.inputFields();
  std::vector<std::string> values;
  values.reserve(inputs.size());
  for (const std::string& field : inputs) {
    auto alias = aliases_.find(field);
    values.push_back(
        memberText(*person, field, alias == aliases_.end() ? nullptr : &alias->second));
  }
  MappedAnswer out;
  if (std::optional<std::size_t> key = mapping_.keySlot()) {
    if (values[*key].empty())
      return Error::parse(std::string(where) + ": answer has no " + mapping_.keyField());
    out.record.key = values[*key];
  }
  std::vector<std::string_view> slots(values.begin(), values.end());
  std::vector<mappings::FieldIssue> issues;
  mapping_.apply(slots, out.record, issues);
  out.record.key = mapping_.keySlot() ? values[*mapping_.keySlot()] : std::string();
  for (const mappings::FieldIssue& issue : issues)
    out.issues.push_back(security::maskIdsInText(std::string(where) + ": " + issue.sourceField +
                                                 " '" + issue.value + "': " + issue.message));
  out.json = compactJson(*person);
  return out;
}

}  // namespace sinkron::connectors::siasn
