#include "laravel_validation.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace sinkron::sim::ekinerja {

std::string LaravelValidation::attribute(std::string_view name) {
  std::string out(name);
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

void LaravelValidation::fail(std::string_view name, std::string message) {
  for (auto& [field, messages] : errors_)
    if (field == name) {
      messages.push_back(std::move(message));
      return;
    }
  errors_.push_back({std::string(name), {std::move(message)}});
}

std::optional<std::string_view> LaravelValidation::required(std::string_view name) {
  std::optional<std::string_view> value = request_.queryParam(name);
  if (!value || value->empty()) {
    fail(name, "The " + attribute(name) + " field is required.");
    return std::nullopt;
  }
  return value;
}

std::optional<long long> LaravelValidation::integer(std::string_view name, bool isRequired,
                                                    long long min, long long max,
                                                    std::optional<long long> fallback) {
  std::optional<std::string_view> raw;
  if (isRequired) {
    raw = required(name);
    if (!raw) return std::nullopt;
  } else {
    raw = request_.queryParam(name);
    if (!raw || raw->empty()) return fallback;
  }
  long long value = 0;
  const char* begin = raw->data();
  const char* end = begin + raw->size();
  if (begin != end && *begin == '+') ++begin;
  auto [stop, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || stop != end) {
    fail(name, "The " + attribute(name) + " must be an integer.");
    return std::nullopt;
  }
  if (value < min || value > max) {
    fail(name, "The " + attribute(name) + " must be between " + std::to_string(min) + " and " +
                   std::to_string(max) + ".");
    return std::nullopt;
  }
  return value;
}

std::optional<std::string_view> LaravelValidation::digits(std::string_view name,
                                                          std::size_t count) {
  std::optional<std::string_view> value = required(name);
  if (!value) return std::nullopt;
  bool allDigits = std::all_of(value->begin(), value->end(),
                               [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  if (value->size() != count || !allDigits) {
    fail(name, "The " + attribute(name) + " must be " + std::to_string(count) + " digits.");
    return std::nullopt;
  }
  return value;
}

std::optional<std::string_view> LaravelValidation::oneOf(
    std::string_view name, std::initializer_list<std::string_view> allowed) {
  std::optional<std::string_view> value = required(name);
  if (!value) return std::nullopt;
  if (std::find(allowed.begin(), allowed.end(), *value) == allowed.end()) {
    fail(name, "The selected " + attribute(name) + " is invalid.");
    return std::nullopt;
  }
  return value;
}

std::optional<std::string_view> LaravelValidation::hex(std::string_view name, std::size_t count) {
  std::optional<std::string_view> value = required(name);
  if (!value) return std::nullopt;
  bool allHex = std::all_of(value->begin(), value->end(),
                            [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
  if (value->size() != count || !allHex) {
    fail(name, "The " + attribute(name) + " format is invalid.");
    return std::nullopt;
  }
  return value;
}

HttpResponse LaravelValidation::response() const {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("message");
  w.String("The given data was invalid.");
  w.Key("errors");
  w.StartObject();
  for (const auto& [field, messages] : errors_) {
    w.Key(field.data(), static_cast<rapidjson::SizeType>(field.size()));
    w.StartArray();
    for (const std::string& m : messages)
      w.String(m.data(), static_cast<rapidjson::SizeType>(m.size()));
    w.EndArray();
  }
  w.EndObject();
  w.EndObject();
  return HttpResponse::json(422, std::string(buffer.GetString(), buffer.GetSize()));
}

}  // namespace sinkron::sim::ekinerja
