#pragma once
// Text helpers shared by the HTML and XLSX writers: labels, number formatting, HTML escaping,
// NIK masking and UTF-8 repair/truncation.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace sinkron::report {

inline constexpr std::array<std::string_view, 6> kSituations = {
    "matched", "matched_with_differences", "review", "only_left", "only_right", "duplicate"};

struct SituationLabel {
  std::string id;       // Indonesian, e.g. "Hanya di simpeg"
  std::string english;  // e.g. "only in simpeg"
  std::string_view color;
};
SituationLabel situationLabel(std::string_view situation, std::string_view leftName,
                              std::string_view rightName);

// 1048576 -> "1.048.576" (Indonesian grouping).
std::string formatCount(std::uint64_t n);
// 12.5 -> "12,5"; 0.1234 -> "12,3 %" via formatPercent.
std::string formatDecimal(double v, int decimals);
std::string formatPercent(std::uint64_t part, std::uint64_t whole);

// Appends `text` with & < > " ' escaped.
void appendHtmlEscaped(std::string& out, std::string_view text);

// A NIK (16 digits) shown as its first 6 and last 2 digits: 340401********01.
// maskNikValue masks a value known to be a NIK whatever its length (invalid NIKs are personal
// data too); maskNiksInText masks every run of exactly 16 digits inside free text.
std::string maskNikValue(std::string_view value);
std::string maskNiksInText(std::string_view text);
bool isNikField(std::string_view field);

bool isValidUtf8(std::string_view text);
// Replaces invalid UTF-8 sequences with U+FFFD.
std::string repairUtf8(std::string_view text);
// At most `maxChars` code points, ending with "…" when cut.
std::string truncateUtf8(std::string_view text, std::size_t maxChars);
// At most `maxBytes` bytes, cut at a code point boundary.
std::string_view clipUtf8Bytes(std::string_view text, std::size_t maxBytes);

}  // namespace sinkron::report
