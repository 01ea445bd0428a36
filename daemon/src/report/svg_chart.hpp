#pragma once
// Horizontal bar charts as inline SVG: readable without JavaScript, scale with the page, print.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sinkron::report {

struct Bar {
  std::string label;     // left of the bar
  std::string sublabel;  // optional grey line under the bar (e.g. what to fix)
  std::uint64_t value = 0;
  std::string color;
};

// An <svg> element; all text is escaped and NIK-masked. `title` is the accessible name.
std::string renderBarChart(std::string_view title, const std::vector<Bar>& bars);

}  // namespace sinkron::report
