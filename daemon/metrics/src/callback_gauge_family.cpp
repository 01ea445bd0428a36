#include "callback_gauge_family.hpp"

#include <algorithm>

#include "sample_writer.hpp"
#include "sinkron/metrics/text_format.hpp"

namespace sinkron::metrics::detail {

CallbackGaugeFamily::CallbackGaugeFamily(std::string name, std::string help,
                                         std::vector<std::string> labelNames, CallbackGaugeFn read)
    : FamilyBase(std::move(name), std::move(help), std::move(labelNames), MetricType::kGauge),
      read_(std::move(read)) {}

void CallbackGaugeFamily::renderTo(std::string& out) const {
  std::vector<std::pair<LabelValues, double>> rows;
  try {
    rows = read_();
  } catch (...) {
    return;  // a failing source (e.g. the store is down) leaves its samples out of this scrape
  }
  std::erase_if(rows, [&](const auto& row) { return row.first.size() != labelNames().size(); });
  // Sorted and unique by label values: a stable order, and no duplicate series.
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  rows.erase(std::unique(rows.begin(), rows.end(),
                         [](const auto& a, const auto& b) { return a.first == b.first; }),
             rows.end());
  if (rows.empty()) return;
  writeHeader(out, *this);
  for (const auto& [values, value] : rows) {
    writeSample(out, name(), labelNames(), values, formatValue(value));
  }
}

}  // namespace sinkron::metrics::detail
