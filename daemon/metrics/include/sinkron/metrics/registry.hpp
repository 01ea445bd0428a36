#pragma once
// The registry the daemon exposes on /metrics. Registration validates names (Prometheus rules)
// and returns an error for a bad or duplicate one; families live as long as the registry.
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "sinkron/metrics/family.hpp"
#include "sinkron/result.hpp"

namespace sinkron::metrics {

// Read at render time, e.g. outbox depth from the store: one (label values, value) per sample.
using CallbackGaugeFn = std::function<std::vector<std::pair<LabelValues, double>>()>;

class MetricsRegistry {
 public:
  MetricsRegistry();
  ~MetricsRegistry();
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;

  // Counter names should end in "_total" (promtool lints it); help must not be empty.
  Result<CounterFamily*> addCounter(std::string name, std::string help,
                                    std::vector<std::string> labelNames = {});
  Result<GaugeFamily*> addGauge(std::string name, std::string help,
                                std::vector<std::string> labelNames = {});
  // upperBounds: finite, strictly increasing, at least one; "le" may not be a label name.
  Result<HistogramFamily*> addHistogram(std::string name, std::string help,
                                        std::vector<std::string> labelNames,
                                        std::vector<double> upperBounds);
  // The callback runs on the rendering thread, outside the registry's lock; rows whose label
  // count is wrong, repeated label sets and an exception from the callback are left out.
  Status registerCallbackGauge(std::string name, std::string help,
                               std::vector<std::string> labelNames, CallbackGaugeFn read);

  // Text exposition format 0.0.4: families sorted by name, children by label values.
  std::string render() const;

 private:
  Status checkNew(const std::string& name, const std::string& help,
                  const std::vector<std::string>& labelNames, MetricType type) const;
  template <typename F>
  F* insert(std::unique_ptr<F> family);

  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<FamilyBase>> families_;
};

}  // namespace sinkron::metrics
