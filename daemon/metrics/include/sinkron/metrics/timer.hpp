#pragma once
// Observes the seconds from construction to stop() (or destruction) into a histogram.
#include <chrono>

#include "sinkron/metrics/instruments.hpp"

namespace sinkron::metrics {

class ScopedTimer {
 public:
  using Clock = std::chrono::steady_clock;

  explicit ScopedTimer(Histogram& histogram) : histogram_(&histogram), start_(Clock::now()) {}
  ~ScopedTimer() { stop(); }
  ScopedTimer(const ScopedTimer&) = delete;
  ScopedTimer& operator=(const ScopedTimer&) = delete;

  // Observes once and returns the elapsed seconds; later calls observe nothing and return 0.
  double stop();
  // Nothing will be observed (e.g. the timed operation was abandoned).
  void cancel() { histogram_ = nullptr; }

 private:
  Histogram* histogram_;
  Clock::time_point start_;
};

}  // namespace sinkron::metrics
