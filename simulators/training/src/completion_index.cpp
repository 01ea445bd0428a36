#include "completion_index.hpp"

#include <algorithm>

#include "hashing.hpp"

namespace sinkron::sim::training {
namespace {

constexpr std::size_t kCursorDigits = 20;  // 16 for the key, 4 for the check

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

CompletionIndex::CompletionIndex(const CompletionModel& model, std::uint64_t seed)
    : cursorMask_(hashOf(seed, 0, Purpose::kCursorMask)),
      cursorCheck_(hashOf(seed, 0, Purpose::kCursorCheck)) {
  keys_.reserve(model.people() * 3);
  for (std::uint64_t person = 0; person < model.people(); ++person) {
    int rows = model.rowCount(person);
    for (int k = 0; k < rows; ++k) {
      Completion c = model.row(person, k);
      keys_.push_back(keyOf(c.updatedAt, c.id));
    }
  }
  std::sort(keys_.begin(), keys_.end());
}

std::uint64_t CompletionIndex::keyOf(std::int64_t updatedAt, std::uint32_t id) {
  return (static_cast<std::uint64_t>(updatedAt) << 32) | id;
}

std::size_t CompletionIndex::firstUpdatedAfter(std::int64_t seconds) const {
  if (seconds < 0) return 0;
  if (seconds >= static_cast<std::int64_t>(UINT32_MAX)) return keys_.size();
  std::uint64_t bound = keyOf(seconds, UINT32_MAX);
  return static_cast<std::size_t>(std::upper_bound(keys_.begin(), keys_.end(), bound) -
                                  keys_.begin());
}

std::size_t CompletionIndex::firstAfterKey(std::uint64_t key) const {
  return static_cast<std::size_t>(std::upper_bound(keys_.begin(), keys_.end(), key) -
                                  keys_.begin());
}

std::string CompletionIndex::cursorOf(std::uint64_t key) const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t masked = key ^ cursorMask_;
  std::uint64_t check = mix64(key ^ cursorCheck_) & 0xffff;
  std::string out;
  out.reserve(kCursorDigits);
  for (int i = 15; i >= 0; --i) out.push_back(kHex[(masked >> (i * 4)) & 0xf]);
  for (int i = 3; i >= 0; --i) out.push_back(kHex[(check >> (i * 4)) & 0xf]);
  return out;
}

std::optional<std::uint64_t> CompletionIndex::keyOfCursor(std::string_view cursor) const {
  if (cursor.size() != kCursorDigits) return std::nullopt;
  std::uint64_t masked = 0, check = 0;
  for (std::size_t i = 0; i < kCursorDigits; ++i) {
    int v = hexValue(cursor[i]);
    if (v < 0) return std::nullopt;
    std::uint64_t& part = i < 16 ? masked : check;
    part = (part << 4) | static_cast<std::uint64_t>(v);
  }
  std::uint64_t key = masked ^ cursorMask_;
  if ((mix64(key ^ cursorCheck_) & 0xffff) != check) return std::nullopt;
  return key;
}

}  // namespace sinkron::sim::training
