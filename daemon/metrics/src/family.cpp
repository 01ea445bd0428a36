#include "sinkron/metrics/family.hpp"

#include "sample_writer.hpp"
#include "sinkron/metrics/text_format.hpp"

namespace sinkron::metrics {

using detail::writeHeader;
using detail::writeSample;

CounterFamily::CounterFamily(std::string name, std::string help,
                             std::vector<std::string> labelNames)
    : Family(std::move(name), std::move(help), std::move(labelNames), MetricType::kCounter) {}

void CounterFamily::renderTo(std::string& out) const {
  std::string samples;
  forEachChild([&](const LabelValues& values, const Counter& counter) {
    double fraction = counter.fractionalPart();
    // Whole increments alone print exactly, even past 2^53.
    std::string value =
        fraction == 0.0 ? formatValue(counter.wholePart()) : formatValue(counter.value());
    writeSample(samples, name(), labelNames(), values, value);
  });
  if (samples.empty()) return;
  writeHeader(out, *this);
  out += samples;
}

GaugeFamily::GaugeFamily(std::string name, std::string help, std::vector<std::string> labelNames)
    : Family(std::move(name), std::move(help), std::move(labelNames), MetricType::kGauge) {}

void GaugeFamily::renderTo(std::string& out) const {
  std::string samples;
  forEachChild([&](const LabelValues& values, const Gauge& gauge) {
    writeSample(samples, name(), labelNames(), values, formatValue(gauge.value()));
  });
  if (samples.empty()) return;
  writeHeader(out, *this);
  out += samples;
}

HistogramFamily::HistogramFamily(std::string name, std::string help,
                                 std::vector<std::string> labelNames,
                                 std::vector<double> upperBounds)
    : Family(std::move(name), std::move(help), std::move(labelNames), MetricType::kHistogram),
      upperBounds_(std::make_shared<const std::vector<double>>(std::move(upperBounds))) {}

void HistogramFamily::renderTo(std::string& out) const {
  std::string samples;
  const std::string bucketName = name() + "_bucket";
  const std::string sumName = name() + "_sum";
  const std::string countName = name() + "_count";
  forEachChild([&](const LabelValues& values, const Histogram& histogram) {
    Histogram::Snapshot snapshot = histogram.snapshot();
    for (std::size_t i = 0; i < snapshot.cumulativeCounts.size(); ++i) {
      std::string le = i < snapshot.upperBounds.size() ? formatValue(snapshot.upperBounds[i])
                                                       : std::string("+Inf");
      writeSample(samples, bucketName, labelNames(), values,
                  formatValue(snapshot.cumulativeCounts[i]), "le", le);
    }
    writeSample(samples, sumName, labelNames(), values, formatValue(snapshot.sum));
    writeSample(samples, countName, labelNames(), values, formatValue(snapshot.count));
  });
  if (samples.empty()) return;
  writeHeader(out, *this);
  out += samples;
}

}  // namespace sinkron::metrics
