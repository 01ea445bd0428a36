#include "correction_overlay.hpp"

#include <algorithm>
#include <chrono>

namespace sinkron::sim::simpeg {

std::int64_t CorrectionOverlay::apply(std::uint32_t idPegawai,
                                      const std::vector<FieldValue>& values,
                                      std::int64_t floorMicros) {
  std::lock_guard write(writeMutex_);
  std::int64_t now = std::chrono::duration_cast<std::chrono::microseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  now = std::max({now, floorMicros, lastMicros_ + 1});
  lastMicros_ = now;
  Shard& shard = shards_[idPegawai % kShards];
  std::lock_guard lock(shard.mutex);
  auto [it, inserted] = shard.rows.try_emplace(idPegawai);
  Correction& c = it->second;
  if (!inserted) ordered_.erase({c.updatedAtMicros, idPegawai});
  for (const FieldValue& v : values) {
    auto same = std::find_if(c.values.begin(), c.values.end(),
                             [&](const FieldValue& old) { return old.field == v.field; });
    if (same != c.values.end())
      same->value = v.value;
    else
      c.values.push_back(v);
    if (v.field == PegawaiField::kNipBaru) nips_.emplace(v.value, idPegawai);
  }
  c.updatedAtMicros = now;
  ordered_.insert({now, idPegawai});
  if (inserted) count_.fetch_add(1, std::memory_order_release);
  return now;
}

bool CorrectionOverlay::find(std::uint32_t idPegawai, Correction* out) const {
  if (empty()) return false;
  const Shard& shard = shards_[idPegawai % kShards];
  std::lock_guard lock(shard.mutex);
  auto it = shard.rows.find(idPegawai);
  if (it == shard.rows.end()) return false;
  if (out) *out = it->second;
  return true;
}

void CorrectionOverlay::idsWithNip(std::string_view nip, std::vector<std::uint32_t>& out) const {
  if (empty()) return;
  std::lock_guard lock(writeMutex_);
  auto [first, last] = nips_.equal_range(std::string(nip));
  for (auto it = first; it != last; ++it) out.push_back(it->second);
}

std::vector<RowKey> CorrectionOverlay::keysAfter(const RowKey& after, std::size_t limit) const {
  std::vector<RowKey> out;
  if (empty()) return out;
  std::lock_guard lock(writeMutex_);
  for (auto it = ordered_.upper_bound(after); it != ordered_.end() && out.size() < limit; ++it)
    out.push_back(*it);
  return out;
}

}  // namespace sinkron::sim::simpeg
