#pragma once
// The table of academic, professional and religious titles written around Indonesian names.
#include <string_view>

namespace sinkron::mappings::detail {

enum class TitlePosition : unsigned char { kFront = 1, kBack = 2, kEither = 3 };

// `key` is the title lowercased with dots and spaces removed ("S.Pd." -> "spd").
struct TitleEntry {
  std::string_view key;
  TitlePosition position;
};

// Nullptr when `key` is not a title.
const TitleEntry* findTitle(std::string_view key);

}  // namespace sinkron::mappings::detail
