#pragma once
// Field-level comparison of two matched records: values are compared in their normalized form
// (names without titles, unit names with abbreviations expanded, phone digits), so only real
// disagreements are reported.
#include <array>
#include <string_view>
#include <vector>

#include "sinkron/mappings/record_table.hpp"

namespace sinkron::daemon {

class FieldComparer {
 public:
  FieldComparer(const mappings::RecordTable& left, const mappings::RecordTable& right);
  // Fields both sources carry and that share an id space.
  const std::vector<mappings::Field>& fields() const { return fields_; }
  using Values = mappings::RecordValues;
  // `a` and `b` are the decoded values of left record l and right record r, possibly lazily
  // (RecordTable::values): a value still pending is rebuilt here when the texts are needed.
  bool differs(mappings::Field f, Values& a, Values& b, std::uint32_t l, std::uint32_t r) const;

 private:
  const mappings::RecordTable& left_;
  const mappings::RecordTable& right_;
  std::vector<mappings::Field> fields_;
};

}  // namespace sinkron::daemon
