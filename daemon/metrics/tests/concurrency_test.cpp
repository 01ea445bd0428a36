#include <catch2/catch.hpp>
#include <thread>
#include <vector>

#include "sinkron/metrics/registry.hpp"

using namespace sinkron::metrics;

namespace {
constexpr int kThreads = 4;
constexpr int kIncrementsPerThread = 100000;
}  // namespace

TEST_CASE("metrics: increments from 4 threads sum exactly", "[metrics]") {
  MetricsRegistry registry;
  auto requests = registry.addCounter("requests_total", "Requests.", {"connector"});
  auto inflight = registry.addGauge("inflight", "In flight.");
  auto seconds = registry.addHistogram("work_seconds", "Work.", {"connector"}, {0.5, 1});
  REQUIRE(requests);
  REQUIRE(inflight);
  REQUIRE(seconds);

  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      // The child is looked up once (the first lookup creates it, racing the others) and cached.
      Counter& counter = (*requests)->labels({"siasn"});
      Gauge& gauge = (*inflight)->labels({});
      Histogram& histogram = (*seconds)->labels({"siasn"});
      for (int i = 0; i < kIncrementsPerThread; ++i) {
        counter.inc();
        counter.add(0.5);
        gauge.inc();
        gauge.dec(0.5);
        histogram.observe(i % 2 == 0 ? 0.25 : 0.75);
        if (i % 20000 == 0) (void)registry.render();  // scrapes race the updates
      }
    });
  }
  for (auto& thread : threads) thread.join();

  constexpr double kTotal = double(kThreads) * kIncrementsPerThread;
  CHECK((*requests)->labels({"siasn"}).wholePart() == kThreads * kIncrementsPerThread);
  CHECK((*requests)->labels({"siasn"}).value() == kTotal * 1.5);
  CHECK((*inflight)->labels({}).value() == kTotal * 0.5);
  auto snapshot = (*seconds)->labels({"siasn"}).snapshot();
  CHECK(snapshot.count == kThreads * kIncrementsPerThread);
  CHECK(snapshot.cumulativeCounts[0] == kThreads * kIncrementsPerThread / 2);
  CHECK(snapshot.sum == kTotal * 0.5);
  CHECK(registry.render().find("requests_total{connector=\"siasn\"} 600000\n") !=
        std::string::npos);
}
