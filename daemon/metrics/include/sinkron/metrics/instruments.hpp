#pragma once
// The three instrument kinds a family hands out per label set. Values are atomics: once a caller
// holds a reference (from Family::labels), updating it takes no lock and allocates nothing.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

namespace sinkron::metrics {

// Monotonic. Whole increments are kept exact in an integer; fractional ones in a double.
class Counter {
 public:
  void inc(std::uint64_t amount = 1) { whole_.fetch_add(amount, std::memory_order_relaxed); }
  // Negative or NaN amounts are ignored: a counter never goes down.
  void add(double amount);

  std::uint64_t wholePart() const { return whole_.load(std::memory_order_relaxed); }
  double fractionalPart() const { return fraction_.load(std::memory_order_relaxed); }
  double value() const { return static_cast<double>(wholePart()) + fractionalPart(); }

 private:
  std::atomic<std::uint64_t> whole_{0};
  std::atomic<double> fraction_{0.0};
};

class Gauge {
 public:
  void set(double value) { value_.store(value, std::memory_order_relaxed); }
  void inc(double amount = 1.0) { value_.fetch_add(amount, std::memory_order_relaxed); }
  void dec(double amount = 1.0) { value_.fetch_sub(amount, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

// Fixed buckets (finite, strictly increasing upper bounds; +Inf is implicit).
class Histogram {
 public:
  struct Snapshot {
    std::vector<double> upperBounds;              // without +Inf
    std::vector<std::uint64_t> cumulativeCounts;  // upperBounds.size() + 1, the last is +Inf
    double sum = 0.0;
    std::uint64_t count = 0;  // equals cumulativeCounts.back()
  };

  explicit Histogram(std::shared_ptr<const std::vector<double>> upperBounds);

  // NaN observations are ignored (they would turn the sum into NaN for good).
  void observe(double value);
  template <typename Rep, typename Period>
  void observe(std::chrono::duration<Rep, Period> elapsed) {
    observe(std::chrono::duration<double>(elapsed).count());
  }

  // Adds observations already counted per bucket elsewhere with the same upper bounds:
  // `perBucket` holds upperBounds.size() + 1 counts (not cumulative; the last is +Inf). False,
  // and nothing added, when the sizes differ.
  bool merge(const std::uint64_t* perBucket, std::size_t buckets, double sum);

  Snapshot snapshot() const;

 private:
  std::shared_ptr<const std::vector<double>> upperBounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> bucketCounts_;  // per bucket, not cumulative
  std::atomic<double> sum_{0.0};
};

}  // namespace sinkron::metrics
