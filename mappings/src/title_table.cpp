#include "title_table.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

namespace sinkron::mappings::detail {
namespace {

using P = TitlePosition;

constexpr auto kTitles = std::to_array<TitleEntry>({
    {"ak", P::kBack},     {"amd", P::kBack},    {"amdkeb", P::kBack}, {"amdkep", P::kBack},
    {"amdkes", P::kBack}, {"amdkom", P::kBack}, {"amdpar", P::kBack}, {"apt", P::kEither},
    {"ba", P::kBack},     {"bsc", P::kBack},    {"dr", P::kFront},    {"dra", P::kFront},
    {"drg", P::kFront},   {"drh", P::kFront},   {"drs", P::kFront},   {"dt", P::kFront},
    {"h", P::kFront},     {"hj", P::kFront},    {"ir", P::kFront},    {"kh", P::kFront},
    {"lc", P::kBack},     {"ma", P::kBack},     {"mag", P::kBack},    {"mak", P::kBack},
    {"mba", P::kBack},    {"mc", P::kBack},     {"md", P::kBack},     {"mdiv", P::kBack},
    {"meng", P::kBack},   {"mfarm", P::kBack},  {"mh", P::kBack},     {"mhum", P::kBack},
    {"mi", P::kBack},     {"mikom", P::kBack},  {"mkes", P::kBack},   {"mkeb", P::kBack},
    {"mkep", P::kBack},   {"mkn", P::kBack},    {"mkom", P::kBack},   {"mm", P::kBack},
    {"mmr", P::kBack},    {"mp", P::kBack},     {"mpa", P::kBack},    {"mpd", P::kBack},
    {"mpdi", P::kBack},   {"mph", P::kBack},    {"mpsi", P::kBack},   {"msc", P::kBack},
    {"msi", P::kBack},    {"msn", P::kBack},    {"mt", P::kBack},     {"mth", P::kBack},
    {"ns", P::kFront},    {"phd", P::kBack},    {"prof", P::kFront},  {"sag", P::kBack},
    {"sak", P::kBack},    {"sap", P::kBack},    {"sds", P::kBack},    {"se", P::kBack},
    {"sei", P::kBack},    {"sfarm", P::kBack},  {"sgz", P::kBack},    {"sh", P::kBack},
    {"shi", P::kBack},    {"shum", P::kBack},   {"si", P::kBack},     {"sikom", P::kBack},
    {"sip", P::kBack},    {"sked", P::kBack},   {"skeb", P::kBack},   {"skep", P::kBack},
    {"skg", P::kBack},    {"skm", P::kBack},    {"skom", P::kBack},   {"sm", P::kBack},
    {"sos", P::kBack},    {"sp", P::kBack},     {"spd", P::kBack},    {"spdi", P::kBack},
    {"spdsd", P::kBack},  {"spi", P::kBack},    {"spsi", P::kBack},   {"spt", P::kBack},
    {"ssi", P::kBack},    {"ssos", P::kBack},   {"sst", P::kBack},    {"st", P::kBack},
    {"stp", P::kBack},    {"sth", P::kBack},    {"sthi", P::kBack},   {"stp", P::kBack},
    {"str", P::kBack},    {"ssy", P::kBack},    {"tgk", P::kFront},
});

}  // namespace

namespace {

// Every key fits in one word: keys are packed into a zero-padded 64-bit word and found in a
// small open-addressing table (names are checked for titles several times per row).
std::uint64_t packKey(std::string_view key) {
  std::uint64_t w = 0;
  std::memcpy(&w, key.data(), key.size());
  return w;
}

struct TitleIndex {
  static constexpr std::size_t kSlots = 512;
  std::array<std::uint64_t, kSlots> words{};
  std::array<const TitleEntry*, kSlots>
      entries{};  // entries[s]->key.size() tells NUL padding apart
  static std::size_t slotOf(std::uint64_t w) { return (w * 0x9e3779b97f4a7c15ull) >> 55; }
  TitleIndex() {
    for (const TitleEntry& e : kTitles) {
      std::size_t s = slotOf(packKey(e.key));
      while (entries[s] != nullptr && words[s] != packKey(e.key)) s = (s + 1) % kSlots;
      if (entries[s] == nullptr) {
        words[s] = packKey(e.key);
        entries[s] = &e;
      }
    }
  }
};

}  // namespace

const TitleEntry* findTitle(std::string_view key) {
  static_assert(
      std::all_of(kTitles.begin(), kTitles.end(),
                  [](const TitleEntry& e) { return !e.key.empty() && e.key.size() <= 8; }),
      "title keys are packed into one word");
  static const TitleIndex index;
  if (key.empty() || key.size() > 8) return nullptr;
  const std::uint64_t w = packKey(key);
  for (std::size_t s = TitleIndex::slotOf(w); index.entries[s] != nullptr;
       s = (s + 1) % TitleIndex::kSlots)
    if (index.words[s] == w && index.entries[s]->key.size() == key.size()) return index.entries[s];
  return nullptr;
}

}  // namespace sinkron::mappings::detail
