#pragma once
// The mapping's JSON field paths ("nipBaru", "unor.id") to their slot numbers: open addressing,
// built once per reader, probed for every key of every record.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sinkron/short_bytes.hpp"

namespace sinkron::connectors {

class JsonFieldIndex {
 public:
  explicit JsonFieldIndex(const std::vector<std::string>& paths);
  // The slot of `path`, or -1 when the mapping does not ask for it.
  int find(std::string_view path) const;
  // The same for the key at `position` (0-based member number) of a record. The records of one
  // export list their keys in one order, so the key the previous record had there is compared
  // first: one comparison instead of a hash and a probe.
  int findAt(std::size_t position, std::string_view key);
  // Faster still: when the text at [p, end) starts with the key this position had last time,
  // quoted and followed by a colon ("nipBaru":), sets `key` (into the text) and `slot` and
  // returns how many bytes that is; else returns 0 and the caller scans the key itself.
  std::size_t matchRemembered(std::size_t position, const char* p, const char* end,
                              std::string_view& key, int& slot) const {
    if (position >= order_.size()) return 0;
    const Seen& seen = order_[position];
    const std::size_t n = seen.quoted.size();
    if (static_cast<std::size_t>(end - p) < n || !sameBytes(seen.quoted.data(), p, n)) return 0;
    // A remembered key holds no quote, backslash or control character, so scanning the text
    // would have ended at the same closing quote.
    key = std::string_view(p + 1, n - 3);
    slot = seen.slot;
    return n;
  }

 private:
  struct Seen {
    std::string quoted;  // "key": as it appears in the text
    int slot = -1;
    std::string_view key() const { return std::string_view(quoted).substr(1, quoted.size() - 3); }
    void assign(std::string_view key, int s) {
      quoted.assign(1, '"').append(key).append("\":");
      slot = s;
    }
  };
  std::vector<Seen> order_;
  struct Entry {
    std::uint64_t hash = 0;                // compared before the bytes: most probes miss on it
    std::uint32_t offset = 0, length = 0;  // the path in paths_
    int slot = -1;
  };
  static std::uint64_t hashOf(std::string_view s);
  std::vector<Entry> table_;
  std::string paths_;
  std::size_t mask_ = 0;
};

}  // namespace sinkron::connectors
