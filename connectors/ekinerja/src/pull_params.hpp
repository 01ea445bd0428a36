#pragma once
// The stream parameters and cursors of e-Kinerja pulls, checked before any request so that a
// missing or malformed one is named clearly (the server's 422 then only covers its own rules).
#include <cstdint>
#include <string>
#include <string_view>

#include "sinkron/connectors/connector.hpp"
#include "sinkron/result.hpp"

namespace sinkron::connectors::ekinerja {

// The parameter `name` of `request`: required, non-empty; `digits` > 0 demands that many digits.
Result<std::string> streamParam(const PullRequest& request, std::string_view name,
                                const std::string& where, std::size_t digits = 0);
// A cursor of digits ("" = `empty`); names the cursor in the error.
Result<std::uint64_t> numericCursor(const std::string& cursor, std::uint64_t empty,
                                    const std::string& where, std::string_view meaning);
bool isNipBaru(std::string_view text);

}  // namespace sinkron::connectors::ekinerja
