#include "sinkron/mappings/record_view.hpp"

#include <algorithm>
#include <cstring>

namespace sinkron::mappings {

std::string_view ValueArena::copy(std::string_view v) {
  if (v.empty()) return {};
  char* p = take(v.size());
  std::memcpy(p, v.data(), v.size());
  return {p, v.size()};
}

char* ValueArena::spill(std::size_t n) {
  spilled_.push_back(std::make_unique<char[]>(n));
  spilledBytes_ += n;
  return spilled_.back().get();
}

void ValueArena::reset() {
  if (!spilled_.empty()) {
    // Next time one block holds all of it.
    capacity_ = std::max<std::size_t>({4096, 2 * capacity_, used_ + spilledBytes_});
    block_ = std::make_unique<char[]>(capacity_);
    spilled_.clear();
    spilledBytes_ = 0;
  }
  used_ = 0;
}

RecordView RecordView::of(const EmployeeRecord& r) {
  RecordView v;
  v.key = r.key;
  v.line = r.line;
  v.row = r.row;
  for (std::size_t i = 0; i < kFieldCount; ++i) v.values[i] = r.get(static_cast<Field>(i));
  return v;
}

void RecordView::copyTo(EmployeeRecord& r) const {
  r.key.assign(key.data(), key.size());
  r.line = line;
  r.row = row;
  for (std::size_t i = 0; i < kFieldCount; ++i) r.set(static_cast<Field>(i), values[i]);
}

}  // namespace sinkron::mappings
