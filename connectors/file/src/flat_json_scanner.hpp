#pragma once
// A fast path for the records nearly every export is made of: one JSON object whose values are
// strings without escapes, numbers, booleans or null, optionally wrapped once under the root key
// ({"data":{...}}). It fills the slots exactly as the general SAX path would, and declines
// (returns false) on anything else (escapes, nested objects or arrays, control characters,
// malformed text) so that RapidJSON parses that record and names any error.
#include <span>
#include <string_view>

#include "json_field_index.hpp"

namespace sinkron::connectors {

// `text` is one record; slots must be empty on entry. On false the slots may be partly filled.
bool scanFlatJsonObject(std::string_view text, std::string_view root, JsonFieldIndex& index,
                        std::span<std::string_view> slots);

}  // namespace sinkron::connectors
