#include "sample_writer.hpp"

#include "sinkron/metrics/text_format.hpp"

namespace sinkron::metrics::detail {
namespace {

std::string_view typeName(MetricType type) {
  switch (type) {
    case MetricType::kCounter:
      return "counter";
    case MetricType::kGauge:
      return "gauge";
    case MetricType::kHistogram:
      return "histogram";
  }
  return "untyped";
}

void appendLabel(std::string& out, bool& first, std::string_view name, std::string_view value) {
  out += first ? '{' : ',';
  first = false;
  out += name;
  out += "=\"";
  out += escapeLabelValue(value);
  out += '"';
}

}  // namespace

void writeHeader(std::string& out, const FamilyBase& family) {
  out += "# HELP ";
  out += family.name();
  out += ' ';
  out += escapeHelp(family.help());
  out += "\n# TYPE ";
  out += family.name();
  out += ' ';
  out += typeName(family.type());
  out += '\n';
}

void writeSample(std::string& out, std::string_view name,
                 const std::vector<std::string>& labelNames, const LabelValues& labelValues,
                 std::string_view value, std::string_view extraLabelName,
                 std::string_view extraLabelValue) {
  out += name;
  bool first = true;
  for (std::size_t i = 0; i < labelNames.size() && i < labelValues.size(); ++i) {
    appendLabel(out, first, labelNames[i], labelValues[i]);
  }
  if (!extraLabelName.empty()) appendLabel(out, first, extraLabelName, extraLabelValue);
  if (!first) out += '}';
  out += ' ';
  out += value;
  out += '\n';
}

}  // namespace sinkron::metrics::detail
