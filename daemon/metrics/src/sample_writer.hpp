#pragma once
// Writes the lines of one family in the text format: the HELP/TYPE header and sample lines.
#include <string>
#include <string_view>
#include <vector>

#include "sinkron/metrics/family.hpp"

namespace sinkron::metrics::detail {

void writeHeader(std::string& out, const FamilyBase& family);

// `name{label="value",...,extraName="extraValue"} value`; the extra label is the histogram's le.
void writeSample(std::string& out, std::string_view name,
                 const std::vector<std::string>& labelNames, const LabelValues& labelValues,
                 std::string_view value, std::string_view extraLabelName = {},
                 std::string_view extraLabelValue = {});

}  // namespace sinkron::metrics::detail
