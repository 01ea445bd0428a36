#pragma once
// The mapping's JSON field paths ("nipBaru", "unor.id") to their slot numbers: open addressing,
// built once per reader, probed for every key of every record.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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

 private:
  struct Seen {
    std::string key;
    int slot = -1;
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
