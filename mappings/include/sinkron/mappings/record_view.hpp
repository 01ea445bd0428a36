#pragma once
// The canonical record as views, for the bulk path (reconcile loads millions of rows): mapping a
// row points each value into the row itself, the mapping's texts, a code table or a ValueArena
// instead of copying it into a string per field.
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "sinkron/mappings/employee_record.hpp"
#include "sinkron/mappings/field.hpp"

namespace sinkron::mappings {

// Storage for the values a mapping had to rewrite (dates reordered, text lower-cased, joins).
// Pointers it hands out stay valid until reset(); it allocates only while it learns the size
// one row needs.
class ValueArena {
 public:
  char* take(std::size_t n) {
    if (capacity_ - used_ >= n) {
      char* p = block_.get() + used_;
      used_ += n;
      return p;
    }
    return spill(n);
  }
  std::string_view copy(std::string_view v);
  // Invalidates every pointer handed out so far.
  void reset();

 private:
  char* spill(std::size_t n);
  std::unique_ptr<char[]> block_;
  std::size_t capacity_ = 0, used_ = 0;
  std::vector<std::unique_ptr<char[]>> spilled_;  // what did not fit in block_ this time
  std::size_t spilledBytes_ = 0;
};

struct RecordView {
  std::string_view key;
  std::uint64_t line = 0;  // 1-based physical line in the source file
  std::uint64_t row = 0;   // 1-based data row number
  std::array<std::string_view, kFieldCount> values{};
  // Id of the mapping that last filled this view (never reused, 0 = none): applying it again
  // only clears the fields it may leave unset (clearing every field was measured at 8% of
  // Mapping::apply).
  std::uint64_t filledBy = 0;

  std::string_view get(Field f) const { return values[index(f)]; }
  bool has(Field f) const { return !values[index(f)].empty(); }
  void set(Field f, std::string_view v) { values[index(f)] = v; }

  // Views of `r`'s strings: valid while `r` is unchanged.
  static RecordView of(const EmployeeRecord& r);
  void copyTo(EmployeeRecord& r) const;
};

}  // namespace sinkron::mappings
