#pragma once
// OverlayStore: the only mutable SIASN data — data-utama fields changed by data-utama-update and
// history rows added by */save — per person, in 64 shards each behind a shared_mutex, so that
// concurrent reads never wait on each other and writes only lock one shard.
#include <array>
#include <atomic>
#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "history_kind.hpp"

namespace sinkron::sim::siasn {

// data-utama fields that data-utama-update can change.
enum class ContactField : int { kEmail, kNoHp, kNoTelp, kAlamat, kNoNpwp, kNoBpjs, kNoTaspen };
inline constexpr int kContactFields = 7;
using ContactPatch = std::array<std::optional<std::string>, kContactFields>;

class OverlayStore {
 public:
  // Copies the person's accumulated patch into `out`; false when the person has none.
  bool patchOf(std::uint64_t person, ContactPatch& out) const;
  // Sets every field present in `patch` (later updates win).
  void applyPatch(std::uint64_t person, const ContactPatch& patch);
  // Rows (JSON objects) added by accepted writes, in write order.
  std::vector<std::string> addedRows(std::uint64_t person, HistoryKind kind) const;
  void appendRow(std::uint64_t person, HistoryKind kind, std::string rowJson);

 private:
  struct Overlay {
    bool patched = false;
    ContactPatch patch;
    std::array<std::vector<std::string>, kHistoryKinds> rows;
  };
  struct alignas(64) Shard {
    mutable std::shared_mutex mutex;
    std::unordered_map<std::uint64_t, Overlay> people;
  };
  static constexpr std::size_t kShards = 64;

  Shard& shardOf(std::uint64_t person) { return shards_[person % kShards]; }
  const Shard& shardOf(std::uint64_t person) const { return shards_[person % kShards]; }

  std::array<Shard, kShards> shards_;
  std::atomic<bool> empty_{true};  // no write yet: reads skip the shard lock
};

}  // namespace sinkron::sim::siasn
