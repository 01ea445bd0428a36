#pragma once
// The canonical employee record as one source sees it. Values are canonical strings; where each
// value came from (source, line, source field) is kept as provenance.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "sinkron/mappings/field.hpp"

namespace sinkron::mappings {

struct Provenance {
  std::string_view source;       // source name from the mapping ("simpeg", "siasn")
  std::uint64_t line = 0;        // 1-based physical line where the record starts
  std::string_view sourceField;  // the source column(s) the value was mapped from
};

class EmployeeRecord {
 public:
  std::string key;         // the mapping's key field value, or the 1-based data row number
  std::uint64_t line = 0;  // 1-based physical line in the source file
  std::uint64_t row = 0;   // 1-based data row number

  const std::string& get(Field f) const { return values_[index(f)]; }
  bool has(Field f) const { return !values_[index(f)].empty(); }
  void set(Field f, std::string_view v) { values_[index(f)].assign(v.data(), v.size()); }
  std::string& mut(Field f) { return values_[index(f)]; }

  // Keeps string capacity so a reused record does not allocate per row.
  void clear() {
    key.clear();
    line = row = 0;
    for (auto& v : values_) v.clear();
  }

 private:
  std::array<std::string, kFieldCount> values_;
};

}  // namespace sinkron::mappings
