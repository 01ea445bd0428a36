#pragma once
// CompletionIndex: every completion row as one 64-bit key (updated_at << 32 | id), sorted — the
// listing order — and the opaque cursor that names a position in it. 8 bytes per row; built in
// one pass over the people without generating them (the model needs only hashes for this).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "completion_model.hpp"

namespace sinkron::sim::training {

class CompletionIndex {
 public:
  CompletionIndex(const CompletionModel& model, std::uint64_t seed);

  static std::uint64_t keyOf(std::int64_t updatedAt, std::uint32_t id);
  static std::int64_t updatedAtOf(std::uint64_t key) {
    return static_cast<std::int64_t>(key >> 32);
  }
  static std::uint32_t idOf(std::uint64_t key) { return static_cast<std::uint32_t>(key); }

  std::size_t size() const { return keys_.size(); }
  std::uint64_t key(std::size_t position) const { return keys_[position]; }
  // The first position whose row was updated strictly after `seconds`.
  std::size_t firstUpdatedAfter(std::int64_t seconds) const;
  // The first position after the row with `key`.
  std::size_t firstAfterKey(std::uint64_t key) const;

  std::string cursorOf(std::uint64_t key) const;
  // The key a cursor names; nullopt when it is not a cursor of this index's seed.
  std::optional<std::uint64_t> keyOfCursor(std::string_view cursor) const;

 private:
  std::vector<std::uint64_t> keys_;
  std::uint64_t cursorMask_, cursorCheck_;
};

}  // namespace sinkron::sim::training
