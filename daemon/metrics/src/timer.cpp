#include "sinkron/metrics/timer.hpp"

namespace sinkron::metrics {

double ScopedTimer::stop() {
  if (histogram_ == nullptr) return 0.0;
  double seconds = std::chrono::duration<double>(Clock::now() - start_).count();
  histogram_->observe(seconds);
  histogram_ = nullptr;
  return seconds;
}

}  // namespace sinkron::metrics
