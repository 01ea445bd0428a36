#include "body_reader.hpp"

#include <rapidjson/error/en.h>

namespace sinkron::sim::siasn {
namespace {

bool isBlank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  return true;
}

}  // namespace

BodyReader::BodyReader(std::string_view body) {
  doc_.Parse(body.data(), body.size());
  if (doc_.HasParseError()) {
    fail("body", "malformed JSON at offset " + std::to_string(doc_.GetErrorOffset()) + ": " +
                     rapidjson::GetParseError_En(doc_.GetParseError()));
    return;
  }
  if (!doc_.IsObject()) {
    fail("body", "must be a JSON object");
    return;
  }
  object_ = true;
}

const rapidjson::Value* BodyReader::find(std::string_view name) const {
  if (!object_) return nullptr;
  auto it = doc_.FindMember(rapidjson::Value(
      rapidjson::StringRef(name.data(), static_cast<rapidjson::SizeType>(name.size()))));
  if (it == doc_.MemberEnd() || it->value.IsNull()) return nullptr;
  return &it->value;
}

bool BodyReader::has(std::string_view name) const {
  return find(name) != nullptr;
}

std::string BodyReader::text(std::string_view name, bool required, std::size_t maxLength) {
  if (!object_) return {};
  const rapidjson::Value* v = find(name);
  if (v == nullptr) {
    if (required) fail(name, "is required");
    return {};
  }
  if (!v->IsString()) {
    fail(name, "must be a string");
    return {};
  }
  std::string value(v->GetString(), v->GetStringLength());
  if (required && isBlank(value)) {
    fail(name, "must not be blank");
    return {};
  }
  if (value.size() > maxLength) {
    fail(name, "must be at most " + std::to_string(maxLength) + " characters");
    return {};
  }
  return value;
}

std::optional<std::int64_t> BodyReader::integer(std::string_view name, std::int64_t min,
                                                std::int64_t max, bool required) {
  if (!object_) return std::nullopt;
  const rapidjson::Value* v = find(name);
  if (v == nullptr) {
    if (required) fail(name, "is required");
    return std::nullopt;
  }
  if (!v->IsInt64()) {
    fail(name, "must be an integer");
    return std::nullopt;
  }
  std::int64_t value = v->GetInt64();
  if (value < min || value > max) {
    fail(name, "must be within " + std::to_string(min) + ".." + std::to_string(max));
    return std::nullopt;
  }
  return value;
}

std::optional<mappings::CivilDate> BodyReader::date(std::string_view name, bool required) {
  if (!object_) return std::nullopt;
  const rapidjson::Value* v = find(name);
  if (v == nullptr) {
    if (required) fail(name, "is required");
    return std::nullopt;
  }
  if (!v->IsString()) {
    fail(name, "must be a date string dd-mm-yyyy");
    return std::nullopt;
  }
  std::string_view text(v->GetString(), v->GetStringLength());
  Result<mappings::CivilDate> parsed = mappings::parseDate(text, mappings::DateFormat::kDmyDash);
  if (!parsed || text.size() != 10) {
    fail(name, "must be a date dd-mm-yyyy, got '" + std::string(text) + "'");
    return std::nullopt;
  }
  return *parsed;
}

void BodyReader::fail(std::string_view name, std::string_view problem) {
  std::string error(name);
  error += ": ";
  error += problem;
  errors_.push_back(std::move(error));
}

}  // namespace sinkron::sim::siasn
