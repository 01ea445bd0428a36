#pragma once
// Personal names: split inline titles, strip titles from a data table, fold spelling variants.
#include <string>
#include <string_view>

namespace sinkron::mappings {

struct SplitName {
  std::string gelarDepan;     // "Dr. H."
  std::string nama;           // "Ahmad Yani"
  std::string gelarBelakang;  // "S.Pd., M.Si."
};

// "Dr. H. Ahmad Yani, S.Pd., M.Si." -> {"Dr. H.", "Ahmad Yani", "S.Pd., M.Si."}
SplitName splitTitledName(std::string_view text);

// The matching form of a name: titles stripped, ASCII lowercase, spelling variants folded
// (Muhammad/Muhamad/Moh./M. -> muhammad, oe -> u, dj -> j, tj -> c, Siti/St. -> siti ...),
// punctuation removed, single spaces. Appends to `out` (cleared first).
void normalizeName(std::string_view text, std::string& out);
inline std::string normalizeName(std::string_view text) {
  std::string out;
  normalizeName(text, out);
  return out;
}

// True when the token (as written, any case, with or without dots) is a known title.
bool isTitleToken(std::string_view token);

}  // namespace sinkron::mappings
