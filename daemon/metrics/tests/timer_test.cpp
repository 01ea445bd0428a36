#include <catch2/catch.hpp>
#include <chrono>

#include "sinkron/metrics/buckets.hpp"
#include "sinkron/metrics/registry.hpp"
#include "sinkron/metrics/timer.hpp"

using namespace sinkron::metrics;

TEST_CASE("metrics: a scoped timer observes once, in seconds", "[metrics]") {
  MetricsRegistry registry;
  auto family = registry.addHistogram("op_seconds", "Op.", {}, latencyBuckets());
  REQUIRE(family);
  Histogram& histogram = (*family)->labels({});

  SECTION("on destruction") {
    { ScopedTimer timer(histogram); }
    CHECK(histogram.snapshot().count == 1);
  }
  SECTION("stop observes, and the destructor does not observe again") {
    {
      ScopedTimer timer(histogram);
      double seconds = timer.stop();
      CHECK(seconds >= 0.0);
      CHECK(timer.stop() == 0.0);
    }
    auto snapshot = histogram.snapshot();
    CHECK(snapshot.count == 1);
    CHECK(snapshot.sum >= 0.0);
  }
  SECTION("cancel observes nothing") {
    {
      ScopedTimer timer(histogram);
      timer.cancel();
    }
    CHECK(histogram.snapshot().count == 0);
  }
}

TEST_CASE("metrics: a histogram takes a std::chrono duration as seconds", "[metrics]") {
  MetricsRegistry registry;
  auto family = registry.addHistogram("run_seconds", "Run.", {}, durationBuckets());
  REQUIRE(family);
  Histogram& histogram = (*family)->labels({});
  histogram.observe(std::chrono::milliseconds(1500));
  histogram.observe(std::chrono::minutes(90));
  auto snapshot = histogram.snapshot();
  CHECK(snapshot.sum == 1.5 + 5400.0);
  CHECK(snapshot.cumulativeCounts[0] == 0);   // le=1
  CHECK(snapshot.cumulativeCounts[1] == 1);   // le=5
  CHECK(snapshot.cumulativeCounts[9] == 1);   // le=3600
  CHECK(snapshot.cumulativeCounts[10] == 2);  // le=7200
}

TEST_CASE("metrics: the predefined bucket sets span their ranges", "[metrics]") {
  auto latency = latencyBuckets();
  REQUIRE_FALSE(latency.empty());
  CHECK(latency.front() == 0.005);
  CHECK(latency.back() == 60.0);
  auto duration = durationBuckets();
  REQUIRE_FALSE(duration.empty());
  CHECK(duration.front() == 1.0);
  CHECK(duration.back() == 7200.0);
  MetricsRegistry registry;  // both are accepted as bucket bounds
  CHECK(registry.addHistogram("a_seconds", "A.", {}, latency));
  CHECK(registry.addHistogram("b_seconds", "B.", {}, duration));
}
