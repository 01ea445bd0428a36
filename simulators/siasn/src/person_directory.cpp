#include "person_directory.hpp"

#include <algorithm>
#include <thread>

namespace sinkron::sim::siasn {
namespace {

bool allDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The first 16 hex digits as a number; false when `id` is not 32 lowercase hex digits.
bool idKey(std::string_view id, std::uint64_t& key) {
  if (id.size() != 32) return false;
  key = 0;
  for (std::size_t i = 0; i < id.size(); ++i) {
    char c = id[i];
    int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (v < 0) return false;
    if (i < 16) key = key << 4 | static_cast<std::uint64_t>(v);
  }
  return true;
}

constexpr std::uint64_t kParallelFrom = 50000;

}  // namespace

NipShape nipShape(std::string_view nip) {
  if (!allDigits(nip)) return NipShape::kMalformed;
  if (nip.size() == 18) return NipShape::kNipBaru;
  if (nip.size() == 9) return NipShape::kNipLama;
  return NipShape::kMalformed;
}

PersonDirectory::PersonDirectory(const population::PopulationGenerator& generator)
    : generator_(generator) {}

void PersonDirectory::build() const {
  const std::uint64_t people = generator_.options().people;
  unsigned workers = 1;
  if (people >= kParallelFrom) workers = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
  std::vector<std::vector<Slot>> parts(workers);
  auto scan = [&](unsigned part) {
    std::uint64_t begin = people * part / workers, end = people * (part + 1) / workers;
    std::vector<Slot>& out = parts[part];
    out.reserve(end - begin);
    for (std::uint64_t i = begin; i < end; ++i) {
      population::Person p = generator_.person(i);
      std::uint64_t key = 0;
      if (p.inSiasn && idKey(p.personId, key)) out.push_back({key, static_cast<std::uint32_t>(i)});
    }
  };
  std::vector<std::thread> threads;
  for (unsigned part = 1; part < workers; ++part) threads.emplace_back(scan, part);
  scan(0);
  for (std::thread& t : threads) t.join();
  for (const auto& part : parts) slots_.insert(slots_.end(), part.begin(), part.end());
  std::sort(slots_.begin(), slots_.end(),
            [](const Slot& a, const Slot& b) { return a.key < b.key; });
}

std::optional<std::uint64_t> PersonDirectory::bySiasnId(std::string_view personId) const {
  std::uint64_t key = 0;
  if (!idKey(personId, key)) return std::nullopt;
  std::call_once(built_, [this] { build(); });
  auto [first, last] = std::equal_range(slots_.begin(), slots_.end(), Slot{key, 0},
                                        [](const Slot& a, const Slot& b) { return a.key < b.key; });
  for (auto it = first; it != last; ++it)
    if (generator_.person(it->person).personId == personId) return it->person;
  return std::nullopt;
}

}  // namespace sinkron::sim::siasn
