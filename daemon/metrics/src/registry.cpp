#include "sinkron/metrics/registry.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "callback_gauge_family.hpp"
#include "sinkron/metrics/text_format.hpp"

namespace sinkron::metrics {
namespace {

// The series names a family writes; two families may not share one.
std::vector<std::string> seriesNames(const std::string& name, MetricType type) {
  if (type != MetricType::kHistogram) return {name};
  return {name, name + "_bucket", name + "_sum", name + "_count"};
}

Status checkUpperBounds(const std::string& name, const std::vector<double>& upperBounds) {
  if (upperBounds.empty()) {
    return Error::invalid("metric " + name + ": a histogram needs at least one bucket");
  }
  for (std::size_t i = 0; i < upperBounds.size(); ++i) {
    if (!std::isfinite(upperBounds[i])) {
      return Error::invalid("metric " + name +
                            ": bucket bounds must be finite (+Inf is added by itself)");
    }
    if (i > 0 && !(upperBounds[i - 1] < upperBounds[i])) {
      return Error::invalid("metric " + name + ": bucket bounds must be strictly increasing");
    }
  }
  return {};
}

}  // namespace

MetricsRegistry::MetricsRegistry() = default;
MetricsRegistry::~MetricsRegistry() = default;

Status MetricsRegistry::checkNew(const std::string& name, const std::string& help,
                                 const std::vector<std::string>& labelNames,
                                 MetricType type) const {
  if (!isValidMetricName(name)) {
    return Error::invalid("metric name '" + name +
                          "' is invalid (Prometheus: [a-zA-Z_:][a-zA-Z0-9_:]*)");
  }
  if (help.empty()) return Error::invalid("metric " + name + ": help text is empty");
  std::set<std::string> seen;
  for (const auto& label : labelNames) {
    if (!isValidLabelName(label)) {
      return Error::invalid("metric " + name + ": label name '" + label +
                            "' is invalid (Prometheus: [a-zA-Z_][a-zA-Z0-9_]*, no leading __)");
    }
    if (type == MetricType::kHistogram && label == "le") {
      return Error::invalid("metric " + name + ": 'le' is reserved for histogram buckets");
    }
    if (!seen.insert(label).second) {
      return Error::invalid("metric " + name + ": label name '" + label + "' is repeated");
    }
  }
  auto added = seriesNames(name, type);
  for (const auto& [existingName, existing] : families_) {
    for (const auto& series : seriesNames(existingName, existing->type())) {
      if (std::find(added.begin(), added.end(), series) != added.end()) {
        return Error::invalid("metric " + name + ": series " + series +
                              " is already written by metric " + existingName);
      }
    }
  }
  return {};
}

template <typename F>
F* MetricsRegistry::insert(std::unique_ptr<F> family) {
  F* raw = family.get();
  families_.emplace(raw->name(), std::move(family));
  return raw;
}

Result<CounterFamily*> MetricsRegistry::addCounter(std::string name, std::string help,
                                                   std::vector<std::string> labelNames) {
  std::lock_guard lock(mutex_);
  if (auto ok = checkNew(name, help, labelNames, MetricType::kCounter); !ok) return ok.error();
  auto* family = insert(
      std::make_unique<CounterFamily>(std::move(name), std::move(help), std::move(labelNames)));
  // An unlabelled metric exists from registration on, showing 0 until first used.
  if (family->labelNames().empty()) family->labels({});
  return family;
}

Result<GaugeFamily*> MetricsRegistry::addGauge(std::string name, std::string help,
                                               std::vector<std::string> labelNames) {
  std::lock_guard lock(mutex_);
  if (auto ok = checkNew(name, help, labelNames, MetricType::kGauge); !ok) return ok.error();
  auto* family = insert(
      std::make_unique<GaugeFamily>(std::move(name), std::move(help), std::move(labelNames)));
  if (family->labelNames().empty()) family->labels({});
  return family;
}

Result<HistogramFamily*> MetricsRegistry::addHistogram(std::string name, std::string help,
                                                       std::vector<std::string> labelNames,
                                                       std::vector<double> upperBounds) {
  std::lock_guard lock(mutex_);
  if (auto ok = checkNew(name, help, labelNames, MetricType::kHistogram); !ok) return ok.error();
  if (auto ok = checkUpperBounds(name, upperBounds); !ok) return ok.error();
  auto* family = insert(std::make_unique<HistogramFamily>(
      std::move(name), std::move(help), std::move(labelNames), std::move(upperBounds)));
  if (family->labelNames().empty()) family->labels({});
  return family;
}

Status MetricsRegistry::registerCallbackGauge(std::string name, std::string help,
                                              std::vector<std::string> labelNames,
                                              CallbackGaugeFn read) {
  std::lock_guard lock(mutex_);
  if (auto ok = checkNew(name, help, labelNames, MetricType::kGauge); !ok) return ok.error();
  if (!read) return Error::invalid("metric " + name + ": the callback is empty");
  insert(std::make_unique<detail::CallbackGaugeFamily>(std::move(name), std::move(help),
                                                       std::move(labelNames), std::move(read)));
  return {};
}

std::string MetricsRegistry::render() const {
  // Families are never removed, so the pointers stay valid; rendering (and the callbacks) then
  // runs without the registry lock, and a callback may even register metrics.
  std::vector<const FamilyBase*> families;
  {
    std::lock_guard lock(mutex_);
    families.reserve(families_.size());
    for (const auto& [name, family] : families_) families.push_back(family.get());
  }
  std::string out;
  for (const auto* family : families) family->renderTo(out);
  return out;
}

}  // namespace sinkron::metrics
