#include "json_field_index.hpp"

#include <cstring>

namespace sinkron::connectors {

std::uint64_t JsonFieldIndex::hashOf(std::string_view s) {
  std::uint64_t h = 0x9e3779b97f4a7c15ull ^ s.size();
  const char* p = s.data();
  std::size_t n = s.size();
  for (; n >= 8; p += 8, n -= 8) {
    h = (h ^ load64(p)) * 0xff51afd7ed558ccdull;
    h ^= h >> 29;
  }
  if (n) h = (h ^ loadUpTo8(p, n)) * 0xff51afd7ed558ccdull;
  h ^= h >> 32;
  return h * 0xc4ceb9fe1a85ec53ull;
}

JsonFieldIndex::JsonFieldIndex(const std::vector<std::string>& paths) {
  std::size_t size = 16;
  while (size < paths.size() * 4) size <<= 1;
  table_.resize(size);
  mask_ = size - 1;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const std::uint64_t full = hashOf(paths[i]);
    std::size_t h = full & mask_;
    while (table_[h].slot >= 0) h = (h + 1) & mask_;
    table_[h] = {full, static_cast<std::uint32_t>(paths_.size()),
                 static_cast<std::uint32_t>(paths[i].size()), static_cast<int>(i)};
    paths_ += paths[i];
  }
}

int JsonFieldIndex::find(std::string_view path) const {
  const std::uint64_t full = hashOf(path);
  for (std::size_t h = full & mask_;; h = (h + 1) & mask_) {
    const Entry& e = table_[h];
    if (e.slot < 0) return -1;
    if (e.hash == full && e.length == path.size() &&
        sameBytes(paths_.data() + e.offset, path.data(), path.size()))
      return e.slot;
  }
}

int JsonFieldIndex::findAt(std::size_t position, std::string_view key) {
  constexpr std::size_t kRemembered = 256;  // members beyond this are looked up each time
  if (position < order_.size()) {
    Seen& seen = order_[position];
    const std::string_view known = seen.key();
    if (known.size() == key.size() && sameBytes(known.data(), key.data(), key.size()))
      return seen.slot;
    seen.assign(key, find(key));
    return seen.slot;
  }
  const int slot = find(key);
  if (position == order_.size() && position < kRemembered) {
    order_.emplace_back();
    order_.back().assign(key, slot);
  }
  return slot;
}

}  // namespace sinkron::connectors
