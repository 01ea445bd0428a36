#pragma once
// Unit (unit kerja / unor) names: expand the abbreviations local systems use so that
// "Disdikbud Kab. Sleman" and "DINAS PENDIDIKAN DAN KEBUDAYAAN KABUPATEN SLEMAN" compare equal.
#include <string>
#include <string_view>

namespace sinkron::mappings {

// Lowercase ASCII, punctuation to spaces, abbreviations expanded from a table, single spaces.
std::string normalizeUnitName(std::string_view name);

}  // namespace sinkron::mappings
