#include <catch2/catch.hpp>
#include <limits>
#include <stdexcept>

#include "sinkron/metrics/registry.hpp"

using namespace sinkron::metrics;

TEST_CASE("metrics: a counter renders HELP, TYPE and one line per label set", "[metrics]") {
  MetricsRegistry registry;
  auto pulled = registry.addCounter("sinkron_records_pulled_total", "Records pulled.",
                                    {"connector", "endpoint"});
  REQUIRE(pulled);
  (*pulled)->labels({"siasn", "data-utama"}).inc(3);
  (*pulled)->labels({"simpeg", "pegawai"}).inc();
  (*pulled)->labels({"siasn", "data-utama"}).add(2.0);

  CHECK(registry.render() ==
        "# HELP sinkron_records_pulled_total Records pulled.\n"
        "# TYPE sinkron_records_pulled_total counter\n"
        "sinkron_records_pulled_total{connector=\"siasn\",endpoint=\"data-utama\"} 5\n"
        "sinkron_records_pulled_total{connector=\"simpeg\",endpoint=\"pegawai\"} 1\n");
}

TEST_CASE("metrics: a counter adds fractions and ignores negative and NaN amounts", "[metrics]") {
  MetricsRegistry registry;
  auto seconds = registry.addCounter("busy_seconds_total", "Busy time.");
  REQUIRE(seconds);
  Counter& counter = (*seconds)->labels({});
  counter.add(0.25);
  counter.inc(2);
  counter.add(-5.0);
  counter.add(std::numeric_limits<double>::quiet_NaN());
  CHECK(counter.value() == 2.25);
  CHECK(registry.render() ==
        "# HELP busy_seconds_total Busy time.\n"
        "# TYPE busy_seconds_total counter\n"
        "busy_seconds_total 2.25\n");
}

TEST_CASE("metrics: an unlabelled metric shows 0 from registration on", "[metrics]") {
  MetricsRegistry registry;
  REQUIRE(registry.addGauge("up_gauge", "Up."));
  CHECK(registry.render() == "# HELP up_gauge Up.\n# TYPE up_gauge gauge\nup_gauge 0\n");
}

TEST_CASE("metrics: a labelled family without children renders nothing", "[metrics]") {
  MetricsRegistry registry;
  REQUIRE(registry.addCounter("retries_total", "Retries.", {"connector"}));
  CHECK(registry.render().empty());
}

TEST_CASE("metrics: a gauge sets, increments and decrements", "[metrics]") {
  MetricsRegistry registry;
  auto depth = registry.addGauge("queue_depth", "Queue depth.", {"queue"});
  REQUIRE(depth);
  Gauge& outbox = (*depth)->labels({"outbox"});
  outbox.set(10);
  outbox.inc();
  outbox.dec(3.5);
  (*depth)->labels({"dlq"}).set(-std::numeric_limits<double>::infinity());
  CHECK(outbox.value() == 7.5);
  CHECK(registry.render() ==
        "# HELP queue_depth Queue depth.\n"
        "# TYPE queue_depth gauge\n"
        "queue_depth{queue=\"dlq\"} -Inf\n"
        "queue_depth{queue=\"outbox\"} 7.5\n");
}

TEST_CASE("metrics: a histogram renders cumulative buckets, +Inf, sum and count", "[metrics]") {
  MetricsRegistry registry;
  auto latency = registry.addHistogram("request_duration_seconds", "Request latency.",
                                       {"connector"}, {0.1, 0.5, 1});
  REQUIRE(latency);
  Histogram& siasn = (*latency)->labels({"siasn"});
  siasn.observe(0.05);
  siasn.observe(0.1);  // on a bound: counted in that bucket (le)
  siasn.observe(0.3);
  siasn.observe(2.0);
  siasn.observe(std::numeric_limits<double>::quiet_NaN());  // ignored

  CHECK(registry.render() ==
        "# HELP request_duration_seconds Request latency.\n"
        "# TYPE request_duration_seconds histogram\n"
        "request_duration_seconds_bucket{connector=\"siasn\",le=\"0.1\"} 2\n"
        "request_duration_seconds_bucket{connector=\"siasn\",le=\"0.5\"} 3\n"
        "request_duration_seconds_bucket{connector=\"siasn\",le=\"1\"} 3\n"
        "request_duration_seconds_bucket{connector=\"siasn\",le=\"+Inf\"} 4\n"
        "request_duration_seconds_sum{connector=\"siasn\"} 2.45\n"
        "request_duration_seconds_count{connector=\"siasn\"} 4\n");
}

TEST_CASE("metrics: histogram buckets never decrease and end at the count", "[metrics]") {
  MetricsRegistry registry;
  auto sizes = registry.addHistogram("batch_size", "Batch sizes.", {}, {1, 10, 100, 1000});
  REQUIRE(sizes);
  Histogram& histogram = (*sizes)->labels({});
  for (int i = 0; i < 2000; ++i) histogram.observe(i % 1500);
  auto snapshot = histogram.snapshot();
  REQUIRE(snapshot.cumulativeCounts.size() == 5);
  for (std::size_t i = 1; i < snapshot.cumulativeCounts.size(); ++i) {
    CHECK(snapshot.cumulativeCounts[i - 1] <= snapshot.cumulativeCounts[i]);
  }
  CHECK(snapshot.cumulativeCounts[0] == 4);     // 0, 1 from both rounds of i % 1500
  CHECK(snapshot.cumulativeCounts[1] == 22);    // 0..10 twice
  CHECK(snapshot.cumulativeCounts[2] == 202);   // 0..100 twice
  CHECK(snapshot.cumulativeCounts[3] == 1501);  // 0..1000, and 0..500 again
  CHECK(snapshot.count == 2000);
}

TEST_CASE("metrics: label values are escaped in the output", "[metrics]") {
  MetricsRegistry registry;
  auto errors = registry.addCounter("errors_total", "Errors \\ by\nreason.", {"reason"});
  REQUIRE(errors);
  (*errors)->labels({"bad \"quote\"\\path\nnext"}).inc();
  CHECK(registry.render() ==
        "# HELP errors_total Errors \\\\ by\\nreason.\n"
        "# TYPE errors_total counter\n"
        "errors_total{reason=\"bad \\\"quote\\\"\\\\path\\nnext\"} 1\n");
}

TEST_CASE("metrics: families render sorted by name", "[metrics]") {
  MetricsRegistry registry;
  REQUIRE(registry.addGauge("zeta", "Z."));
  REQUIRE(registry.addGauge("alpha", "A."));
  REQUIRE(registry.addGauge("mid", "M."));
  auto text = registry.render();
  auto alpha = text.find("# HELP alpha");
  auto mid = text.find("# HELP mid");
  auto zeta = text.find("# HELP zeta");
  REQUIRE(alpha != std::string::npos);
  CHECK(alpha < mid);
  CHECK(mid < zeta);
}

TEST_CASE("metrics: invalid registrations are rejected with a reason", "[metrics]") {
  MetricsRegistry registry;
  REQUIRE(registry.addHistogram("latency_seconds", "Latency.", {}, {1}));
  REQUIRE(registry.addCounter("taken_total", "Taken."));

  SECTION("bad metric name") {
    auto r = registry.addCounter("bad-name_total", "Help.");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == sinkron::ErrorCode::kInvalidArgument);
    CHECK_THAT(r.error().message, Catch::Contains("bad-name_total"));
  }
  SECTION("bad label names") {
    CHECK_FALSE(registry.addGauge("g1", "Help.", {"__meta"}));
    CHECK_FALSE(registry.addGauge("g2", "Help.", {"has-dash"}));
    CHECK_FALSE(registry.addGauge("g3", "Help.", {"a", "a"}));
    CHECK_FALSE(registry.addHistogram("h1", "Help.", {"le"}, {1}));
  }
  SECTION("empty help") {
    CHECK_FALSE(registry.addGauge("g4", ""));
  }
  SECTION("bad buckets") {
    CHECK_FALSE(registry.addHistogram("h2", "Help.", {}, {}));
    CHECK_FALSE(registry.addHistogram("h3", "Help.", {}, {1, 1}));
    CHECK_FALSE(registry.addHistogram("h4", "Help.", {}, {2, 1}));
    CHECK_FALSE(
        registry.addHistogram("h5", "Help.", {}, {1, std::numeric_limits<double>::infinity()}));
  }
  SECTION("duplicate names and colliding series") {
    CHECK_FALSE(registry.addCounter("taken_total", "Again."));
    CHECK_FALSE(registry.addGauge("latency_seconds_count", "Collides with the histogram."));
    CHECK_FALSE(registry.registerCallbackGauge("latency_seconds_sum", "Collides.", {}, [] {
      return std::vector<std::pair<LabelValues, double>>{};
    }));
    // "taken" writes taken, taken_bucket, taken_sum, taken_count: none is taken_total.
    CHECK(registry.addHistogram("taken", "No collision.", {}, {1}));
  }
  SECTION("empty callback") {
    CHECK_FALSE(registry.registerCallbackGauge("cb", "Help.", {}, {}));
  }
}

TEST_CASE("metrics: a wrong number of label values is an error and never rendered", "[metrics]") {
  MetricsRegistry registry;
  auto pushed = registry.addCounter("pushed_total", "Pushed.", {"connector", "endpoint"});
  REQUIRE(pushed);
  auto checked = (*pushed)->tryLabels({"siasn"});
  REQUIRE_FALSE(checked);
  CHECK_THAT(checked.error().message, Catch::Contains("1 label values given, 2"));

  (*pushed)->labels({"siasn"}).inc(7);
  CHECK(registry.render().empty());
}

TEST_CASE("metrics: a child reference is stable across lookups", "[metrics]") {
  MetricsRegistry registry;
  auto pushed = registry.addCounter("stable_total", "Stable.", {"connector"});
  REQUIRE(pushed);
  Counter& first = (*pushed)->labels({"siasn"});
  for (int i = 0; i < 100; ++i) (*pushed)->labels({std::to_string(i)});
  CHECK(&first == &(*pushed)->labels({"siasn"}));
}

TEST_CASE("metrics: callback gauges are read at render time", "[metrics]") {
  MetricsRegistry registry;
  double outboxDepth = 4;
  REQUIRE(registry.registerCallbackGauge("sinkron_outbox_depth", "Pending outbox entries.",
                                         {"connector"}, [&] {
                                           return std::vector<std::pair<LabelValues, double>>{
                                               {{"simpeg"}, 2},
                                               {{"siasn"}, outboxDepth},
                                               {{"siasn"}, 99},  // repeated label set: left out
                                               {{"too", "many"}, 1},  // wrong label count: left out
                                           };
                                         }));
  outboxDepth = 6;
  CHECK(registry.render() ==
        "# HELP sinkron_outbox_depth Pending outbox entries.\n"
        "# TYPE sinkron_outbox_depth gauge\n"
        "sinkron_outbox_depth{connector=\"siasn\"} 6\n"
        "sinkron_outbox_depth{connector=\"simpeg\"} 2\n");

  SECTION("a throwing callback leaves only its own family out") {
    REQUIRE(registry.registerCallbackGauge("broken_gauge", "Broken.", {},
                                           []() -> std::vector<std::pair<LabelValues, double>> {
                                             throw std::runtime_error("store unreachable");
                                           }));
    auto text = registry.render();
    CHECK(text.find("broken_gauge") == std::string::npos);
    CHECK(text.find("sinkron_outbox_depth{connector=\"siasn\"} 6") != std::string::npos);
  }
  SECTION("a callback may register metrics without deadlocking") {
    REQUIRE(registry.registerCallbackGauge("self_registering", "Registers.", {}, [&] {
      (void)registry.addGauge("late_gauge", "Late.");
      return std::vector<std::pair<LabelValues, double>>{{{}, 1}};
    }));
    CHECK(registry.render().find("self_registering 1\n") != std::string::npos);
    CHECK(registry.render().find("late_gauge 0\n") != std::string::npos);
  }
}

TEST_CASE("metrics: a histogram merges counts bucketed elsewhere with the same bounds",
          "[metrics]") {
  MetricsRegistry registry;
  auto latency = registry.addHistogram("attempt_seconds", "Attempt latency.", {}, {0.1, 1});
  REQUIRE(latency);
  Histogram& h = (*latency)->labels({});
  h.observe(0.05);
  const std::uint64_t perBucket[] = {2, 1, 3};  // <= 0.1, <= 1, +Inf
  CHECK(h.merge(perBucket, 3, 12.5));
  auto s = h.snapshot();
  CHECK(s.cumulativeCounts == std::vector<std::uint64_t>{3, 4, 7});
  CHECK(s.count == 7);
  CHECK(s.sum == Approx(12.55));
  SECTION("a different bucket count adds nothing") {
    CHECK_FALSE(h.merge(perBucket, 2, 1.0));
    CHECK(h.snapshot().count == 7);
  }
}
