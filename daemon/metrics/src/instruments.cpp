#include "sinkron/metrics/instruments.hpp"

#include <algorithm>
#include <cmath>

namespace sinkron::metrics {

void Counter::add(double amount) {
  if (!(amount >= 0.0)) return;  // also false for NaN
  if (amount == std::trunc(amount) && amount < 1e18) {
    inc(static_cast<std::uint64_t>(amount));
  } else {
    fraction_.fetch_add(amount, std::memory_order_relaxed);
  }
}

Histogram::Histogram(std::shared_ptr<const std::vector<double>> upperBounds)
    : upperBounds_(std::move(upperBounds)),
      bucketCounts_(std::make_unique<std::atomic<std::uint64_t>[]>(upperBounds_->size() + 1)) {}

void Histogram::observe(double value) {
  if (std::isnan(value)) return;
  // A value equal to an upper bound belongs to that bucket ("le").
  auto bucket = std::lower_bound(upperBounds_->begin(), upperBounds_->end(), value);
  bucketCounts_[bucket - upperBounds_->begin()].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

bool Histogram::merge(const std::uint64_t* perBucket, std::size_t buckets, double sum) {
  if (buckets != upperBounds_->size() + 1 || std::isnan(sum)) return false;
  for (std::size_t i = 0; i < buckets; ++i)
    bucketCounts_[i].fetch_add(perBucket[i], std::memory_order_relaxed);
  sum_.fetch_add(sum, std::memory_order_relaxed);
  return true;
}

Histogram::Snapshot Histogram::snapshot() const {
  Snapshot snapshot;
  snapshot.upperBounds = *upperBounds_;
  snapshot.cumulativeCounts.reserve(upperBounds_->size() + 1);
  std::uint64_t running = 0;
  for (std::size_t i = 0; i <= upperBounds_->size(); ++i) {
    running += bucketCounts_[i].load(std::memory_order_relaxed);
    snapshot.cumulativeCounts.push_back(running);
  }
  // The count is the +Inf bucket, so the two always agree even while observations race in.
  snapshot.count = running;
  snapshot.sum = sum_.load(std::memory_order_relaxed);
  return snapshot;
}

}  // namespace sinkron::metrics
