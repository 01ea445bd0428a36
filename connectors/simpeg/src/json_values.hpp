#pragma once
// Small helpers over RapidJSON values of the SIMPEG answers: a scalar as text, a value as compact
// JSON, a member looked up by dotted path, and a stable 64-bit hash of text (FNV-1a).
#include <rapidjson/document.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace sinkron::connectors::simpeg {

// Strings as they are, numbers in their shortest text, booleans "true"/"false", null and
// objects/arrays "" (absent).
std::string scalarText(const rapidjson::Value& value);
std::string compactJson(const rapidjson::Value& value);
// "unit.id" walks objects; nullptr when any step is missing.
const rapidjson::Value* memberAt(const rapidjson::Value& object, std::string_view path);
// Text of the member `name` of `object` ("" when absent or null).
std::string memberText(const rapidjson::Value& object, std::string_view name);
std::uint64_t stableHash(std::string_view text);

}  // namespace sinkron::connectors::simpeg
