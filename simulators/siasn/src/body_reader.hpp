#pragma once
// BodyReader: reads the fields of a JSON request body and collects every problem as
// "field: problem", so that one 400 answer lists them all ("3 errors occurred: ...").
// JSON null counts as absent. Unknown fields are ignored, as the real gateway does.
#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sinkron/mappings/civil_date.hpp"

namespace sinkron::sim::siasn {

class BodyReader {
 public:
  // Parses `body`; malformed JSON or a non-object is recorded as an error on "body".
  explicit BodyReader(std::string_view body);

  bool isObject() const { return object_; }
  bool has(std::string_view name) const;  // present and not null
  // A string field; required ones must be non-blank. Returns "" when absent or invalid.
  std::string text(std::string_view name, bool required = true, std::size_t maxLength = 255);
  // An integer within [min, max]; nullopt when absent or invalid.
  std::optional<std::int64_t> integer(std::string_view name, std::int64_t min, std::int64_t max,
                                      bool required = true);
  // A "dd-mm-yyyy" date string; nullopt when absent or invalid.
  std::optional<mappings::CivilDate> date(std::string_view name, bool required = true);
  void fail(std::string_view name, std::string_view problem);

  const std::vector<std::string>& errors() const { return errors_; }
  bool ok() const { return errors_.empty(); }

 private:
  const rapidjson::Value* find(std::string_view name) const;

  rapidjson::Document doc_;
  bool object_ = false;
  std::vector<std::string> errors_;
};

}  // namespace sinkron::sim::siasn
