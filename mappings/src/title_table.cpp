#include "title_table.hpp"

#include <algorithm>
#include <array>

namespace sinkron::mappings::detail {
namespace {

using P = TitlePosition;

// Sorted by key (checked once at start-up by findTitle's binary search precondition).
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

const TitleEntry* findTitle(std::string_view key) {
  static const auto sorted = [] {
    auto copy = kTitles;
    std::sort(copy.begin(), copy.end(),
              [](const TitleEntry& a, const TitleEntry& b) { return a.key < b.key; });
    return copy;
  }();
  auto it = std::lower_bound(sorted.begin(), sorted.end(), key,
                             [](const TitleEntry& e, std::string_view k) { return e.key < k; });
  if (it == sorted.end() || it->key != key) return nullptr;
  return &*it;
}

}  // namespace sinkron::mappings::detail
