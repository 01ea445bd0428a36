#include "overlay_store.hpp"

#include <mutex>

namespace sinkron::sim::siasn {

bool OverlayStore::patchOf(std::uint64_t person, ContactPatch& out) const {
  if (empty_.load(std::memory_order_acquire)) return false;
  const Shard& shard = shardOf(person);
  std::shared_lock lock(shard.mutex);
  auto it = shard.people.find(person);
  if (it == shard.people.end() || !it->second.patched) return false;
  out = it->second.patch;
  return true;
}

void OverlayStore::applyPatch(std::uint64_t person, const ContactPatch& patch) {
  Shard& shard = shardOf(person);
  std::unique_lock lock(shard.mutex);
  Overlay& overlay = shard.people[person];
  overlay.patched = true;
  for (int f = 0; f < kContactFields; ++f)
    if (patch[f]) overlay.patch[f] = patch[f];
  empty_.store(false, std::memory_order_release);
}

std::vector<std::string> OverlayStore::addedRows(std::uint64_t person, HistoryKind kind) const {
  if (empty_.load(std::memory_order_acquire)) return {};
  const Shard& shard = shardOf(person);
  std::shared_lock lock(shard.mutex);
  auto it = shard.people.find(person);
  if (it == shard.people.end()) return {};
  return it->second.rows[static_cast<int>(kind)];
}

void OverlayStore::appendRow(std::uint64_t person, HistoryKind kind, std::string rowJson) {
  Shard& shard = shardOf(person);
  std::unique_lock lock(shard.mutex);
  shard.people[person].rows[static_cast<int>(kind)].push_back(std::move(rowJson));
  empty_.store(false, std::memory_order_release);
}

}  // namespace sinkron::sim::siasn
