#pragma once
// Pieces of the Prometheus text exposition format 0.0.4.
#include <cstdint>
#include <string>
#include <string_view>

namespace sinkron::metrics {

inline constexpr std::string_view kTextContentType = "text/plain; version=0.0.4; charset=utf-8";

// Integers without exponent ("1000000"), others shortest round-trip ("0.25", "1e+20"),
// and "NaN", "+Inf", "-Inf".
std::string formatValue(double value);
std::string formatValue(std::uint64_t value);
// Label values: backslash, double quote and newline escaped.
std::string escapeLabelValue(std::string_view value);
// HELP text: backslash and newline escaped.
std::string escapeHelp(std::string_view help);

// Prometheus naming rules: metric [a-zA-Z_:][a-zA-Z0-9_:]*, label [a-zA-Z_][a-zA-Z0-9_]* and
// not starting with "__" (reserved).
bool isValidMetricName(std::string_view name);
bool isValidLabelName(std::string_view name);

}  // namespace sinkron::metrics
