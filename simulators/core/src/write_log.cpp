#include "sinkron/sim/write_log.hpp"

#include "sinkron/sim/http_message.hpp"

namespace sinkron::sim {

std::uint64_t WriteLog::record(WriteEntry entry) {
  std::lock_guard lock(mutex_);
  entry.sequence = entries_.size() + 1;
  auto& slots = byKey_[entry.key];
  std::uint64_t before = slots.size();
  slots.push_back(entries_.size());
  entries_.push_back(std::move(entry));
  return before;
}

std::uint64_t WriteLog::total() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

std::uint64_t WriteLog::distinctKeys() const {
  std::lock_guard lock(mutex_);
  return byKey_.size();
}

std::uint64_t WriteLog::duplicates() const {
  std::lock_guard lock(mutex_);
  return entries_.size() - byKey_.size();
}

std::vector<WriteEntry> WriteLog::duplicated() const {
  std::lock_guard lock(mutex_);
  std::vector<WriteEntry> out;
  for (const auto& [key, slots] : byKey_)
    if (slots.size() > 1)
      for (std::size_t i : slots) out.push_back(entries_[i]);
  return out;
}

std::vector<WriteEntry> WriteLog::entries(std::string_view system, std::uint64_t offset,
                                          std::uint64_t limit) const {
  std::lock_guard lock(mutex_);
  std::vector<WriteEntry> out;
  std::uint64_t seen = 0;
  for (const WriteEntry& e : entries_) {
    if (!system.empty() && e.system != system) continue;
    if (seen++ < offset) continue;
    if (out.size() >= limit) break;
    out.push_back(e);
  }
  return out;
}

bool WriteLog::find(std::string_view key, WriteEntry* out) const {
  std::lock_guard lock(mutex_);
  auto it = byKey_.find(key);
  if (it == byKey_.end()) return false;
  if (out) *out = entries_[it->second.front()];
  return true;
}

std::string WriteLog::toJson(std::string_view system, std::uint64_t offset,
                             std::uint64_t limit) const {
  std::vector<WriteEntry> page = entries(system, offset, limit);
  std::string out;
  {
    std::lock_guard lock(mutex_);
    out = "{\"total\":" + std::to_string(entries_.size()) +
          ",\"distinct\":" + std::to_string(byKey_.size()) +
          ",\"duplicates\":" + std::to_string(entries_.size() - byKey_.size()) + ",\"writes\":[";
  }
  bool first = true;
  for (const WriteEntry& e : page) {
    if (!first) out.push_back(',');
    first = false;
    out += "{\"sequence\":" + std::to_string(e.sequence) + ",\"system\":" + jsonQuote(e.system) +
           ",\"endpoint\":" + jsonQuote(e.endpoint) + ",\"key\":" + jsonQuote(e.key) +
           ",\"assignedId\":" + jsonQuote(e.assignedId) + ",\"body\":" + jsonQuote(e.body) + "}";
  }
  out += "]}";
  return out;
}

void WriteLog::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
  byKey_.clear();
}

}  // namespace sinkron::sim
