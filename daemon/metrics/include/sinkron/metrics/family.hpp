#pragma once
// A metric family: a name, a help text, label names, and one child instrument per label-value set.
// Children are created on first lookup (under the family's mutex) and live as long as the family,
// so callers look a child up once and keep the reference for the hot path.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "sinkron/metrics/instruments.hpp"
#include "sinkron/result.hpp"

namespace sinkron::metrics {

using LabelValues = std::vector<std::string>;

enum class MetricType { kCounter, kGauge, kHistogram };

class FamilyBase {
 public:
  FamilyBase(std::string name, std::string help, std::vector<std::string> labelNames,
             MetricType type)
      : name_(std::move(name)),
        help_(std::move(help)),
        labelNames_(std::move(labelNames)),
        type_(type) {}
  virtual ~FamilyBase() = default;
  FamilyBase(const FamilyBase&) = delete;
  FamilyBase& operator=(const FamilyBase&) = delete;

  const std::string& name() const { return name_; }
  const std::string& help() const { return help_; }
  const std::vector<std::string>& labelNames() const { return labelNames_; }
  MetricType type() const { return type_; }

  // Appends this family's HELP, TYPE and sample lines; nothing when it has no samples.
  virtual void renderTo(std::string& out) const = 0;

 private:
  std::string name_;
  std::string help_;
  std::vector<std::string> labelNames_;
  MetricType type_;
};

template <typename Child>
class Family : public FamilyBase {
 public:
  using FamilyBase::FamilyBase;

  // The child for these label values (one per label name, in order), created on first use.
  Result<Child*> tryLabels(const LabelValues& values) {
    if (values.size() != labelNames().size()) {
      return Error::invalid("metric " + name() + ": " + std::to_string(values.size()) +
                            " label values given, " + std::to_string(labelNames().size()) +
                            " label names declared");
    }
    std::lock_guard lock(mutex_);
    auto found = children_.find(values);
    if (found == children_.end()) found = children_.emplace(values, makeChild()).first;
    return found->second.get();
  }

  // As tryLabels; a wrong number of values is a programming error: the updates go to a child
  // that is never rendered, so a mistake cannot corrupt the exposition.
  Child& labels(const LabelValues& values) {
    if (auto child = tryLabels(values)) return **child;
    std::lock_guard lock(mutex_);
    if (!discarded_) discarded_ = makeChild();
    return *discarded_;
  }

 protected:
  virtual std::unique_ptr<Child> makeChild() const = 0;

  // Calls visit(labelValues, child) for every child in label-value order.
  template <typename Visit>
  void forEachChild(Visit&& visit) const {
    std::lock_guard lock(mutex_);
    for (const auto& [values, child] : children_) visit(values, *child);
  }

 private:
  mutable std::mutex mutex_;
  std::map<LabelValues, std::unique_ptr<Child>> children_;
  std::unique_ptr<Child> discarded_;
};

class CounterFamily final : public Family<Counter> {
 public:
  CounterFamily(std::string name, std::string help, std::vector<std::string> labelNames);
  void renderTo(std::string& out) const override;

 private:
  std::unique_ptr<Counter> makeChild() const override { return std::make_unique<Counter>(); }
};

class GaugeFamily final : public Family<Gauge> {
 public:
  GaugeFamily(std::string name, std::string help, std::vector<std::string> labelNames);
  void renderTo(std::string& out) const override;

 private:
  std::unique_ptr<Gauge> makeChild() const override { return std::make_unique<Gauge>(); }
};

class HistogramFamily final : public Family<Histogram> {
 public:
  HistogramFamily(std::string name, std::string help, std::vector<std::string> labelNames,
                  std::vector<double> upperBounds);
  void renderTo(std::string& out) const override;
  const std::vector<double>& upperBounds() const { return *upperBounds_; }

 private:
  std::unique_ptr<Histogram> makeChild() const override {
    return std::make_unique<Histogram>(upperBounds_);
  }
  std::shared_ptr<const std::vector<double>> upperBounds_;
};

}  // namespace sinkron::metrics
