#pragma once
// Bucket sets shared by the daemon's histograms, in seconds.
#include <vector>

namespace sinkron::metrics {

// Request latency: 0.005 s … 60 s.
std::vector<double> latencyBuckets();
// Job and run durations: 1 s … 2 h.
std::vector<double> durationBuckets();

}  // namespace sinkron::metrics
