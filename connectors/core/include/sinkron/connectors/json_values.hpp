#pragma once
// Small helpers over RapidJSON values of the connectors' answers: a scalar as text, a value as
// compact JSON, and a member looked up by name with aliases (field-name drift).
#include <rapidjson/document.h>

#include <string>
#include <string_view>
#include <vector>

namespace sinkron::connectors {

// Strings as they are, numbers in their shortest text, booleans "true"/"false", null and
// objects/arrays "" (absent).
std::string scalarText(const rapidjson::Value& value);
std::string compactJson(const rapidjson::Value& value);
// The member `name` of `object` (a "a.b" path walks objects); nullptr when missing or null.
const rapidjson::Value* memberAt(const rapidjson::Value& object, std::string_view path);
// Text of the member `name`, else of the first alias present ("" when none is).
std::string memberText(const rapidjson::Value& object, std::string_view name,
                       const std::vector<std::string>* aliases = nullptr);

}  // namespace sinkron::connectors
