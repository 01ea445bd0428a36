#include "sinkron/connectors/json_values.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace sinkron::connectors {

std::string scalarText(const rapidjson::Value& value) {
  if (value.IsString()) return std::string(value.GetString(), value.GetStringLength());
  if (value.IsBool()) return value.GetBool() ? "true" : "false";
  if (value.IsUint64()) return std::to_string(value.GetUint64());
  if (value.IsInt64()) return std::to_string(value.GetInt64());
  if (value.IsNumber()) return compactJson(value);
  return {};
}

std::string compactJson(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

const rapidjson::Value* memberAt(const rapidjson::Value& object, std::string_view path) {
  const rapidjson::Value* at = &object;
  while (true) {
    if (!at->IsObject()) return nullptr;
    std::size_t dot = path.find('.');
    std::string_view step = path.substr(0, dot);
    auto it = at->FindMember(rapidjson::Value(
        rapidjson::StringRef(step.data(), static_cast<rapidjson::SizeType>(step.size()))));
    if (it == at->MemberEnd() || it->value.IsNull()) return nullptr;
    at = &it->value;
    if (dot == std::string_view::npos) return at;
    path.remove_prefix(dot + 1);
  }
}

std::string memberText(const rapidjson::Value& object, std::string_view name,
                       const std::vector<std::string>* aliases) {
  if (const rapidjson::Value* v = memberAt(object, name)) return scalarText(*v);
  if (aliases)
    for (const std::string& alias : *aliases)
      if (const rapidjson::Value* v = memberAt(object, alias)) return scalarText(*v);
  return {};
}

}  // namespace sinkron::connectors
