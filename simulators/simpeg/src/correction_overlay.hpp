#pragma once
// CorrectionOverlay: the corrections accepted through PATCH, over the generated rows. Reads of
// one row lock only that row's shard (and nothing while no correction exists); corrections and
// listings of corrected rows share one ordered index.
#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "pegawai_patch.hpp"

namespace sinkron::sim::simpeg {

using RowKey = std::pair<std::int64_t, std::uint32_t>;  // (updated_at micros, id_pegawai)

struct Correction {
  std::vector<FieldValue> values;  // the latest value of every corrected field
  std::int64_t updatedAtMicros = 0;
};

class CorrectionOverlay {
 public:
  // Merges `values` into the row's correction and gives it an updated_at after every earlier
  // one, not before `floorMicros`. Returns that updated_at.
  std::int64_t apply(std::uint32_t idPegawai, const std::vector<FieldValue>& values,
                     std::int64_t floorMicros);
  bool find(std::uint32_t idPegawai, Correction* out) const;
  bool empty() const { return count_.load(std::memory_order_acquire) == 0; }
  // Ids whose corrected nip_baru was ever `nip` (callers check the current value).
  void idsWithNip(std::string_view nip, std::vector<std::uint32_t>& out) const;
  // Corrected rows with a key after `after`, in order, at most `limit`.
  std::vector<RowKey> keysAfter(const RowKey& after, std::size_t limit) const;

 private:
  static constexpr std::size_t kShards = 64;
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<std::uint32_t, Correction> rows;
  };
  std::array<Shard, kShards> shards_;
  std::atomic<std::uint64_t> count_{0};
  mutable std::mutex writeMutex_;  // corrections, the ordered index and the NIP index
  std::set<RowKey> ordered_;
  std::unordered_multimap<std::string, std::uint32_t> nips_;
  std::int64_t lastMicros_ = 0;
};

}  // namespace sinkron::sim::simpeg
