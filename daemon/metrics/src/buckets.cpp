#include "sinkron/metrics/buckets.hpp"

namespace sinkron::metrics {

std::vector<double> latencyBuckets() {
  return {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
}

std::vector<double> durationBuckets() {
  return {1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200};
}

}  // namespace sinkron::metrics
