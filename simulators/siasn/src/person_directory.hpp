#pragma once
// PersonDirectory: finds SIASN people by NIP (O(1), via the generator) and by SIASN person id
// (pnsOrangId / pnsId in write bodies). Person ids are hashes, so the id index is built once, on
// the first write that needs it, over every SIASN person (in parallel for large populations).
#include <cstdint>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "sinkron/population/generator.hpp"

namespace sinkron::sim::siasn {

enum class NipShape { kNipBaru, kNipLama, kMalformed };
// 18 digits: NIP baru; 9 digits: NIP lama; anything else is malformed.
NipShape nipShape(std::string_view nip);

class PersonDirectory {
 public:
  explicit PersonDirectory(const population::PopulationGenerator& generator);
  // The SIASN person (inSiasn) with this 32-hex person id, if any. Thread-safe.
  std::optional<std::uint64_t> bySiasnId(std::string_view personId) const;

 private:
  struct Slot {
    std::uint64_t key;     // the first 16 hex digits of the person id
    std::uint32_t person;  // index (the population holds at most ~5.2 million people)
  };
  void build() const;

  const population::PopulationGenerator& generator_;
  mutable std::once_flag built_;
  mutable std::vector<Slot> slots_;  // sorted by key; written once under built_
};

}  // namespace sinkron::sim::siasn
