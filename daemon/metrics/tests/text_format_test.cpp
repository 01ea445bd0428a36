#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "sinkron/metrics/text_format.hpp"

using namespace sinkron::metrics;

TEST_CASE("metrics: values are formatted as Prometheus expects", "[metrics]") {
  auto [value, text] = GENERATE(table<double, std::string>({
      {0.0, "0"},
      {1.0, "1"},
      {-3.0, "-3"},
      {1000000.0, "1000000"},
      {0.25, "0.25"},
      {0.005, "0.005"},
      {2.5, "2.5"},
      {1e20, "1e+20"},
      {std::numeric_limits<double>::infinity(), "+Inf"},
      {-std::numeric_limits<double>::infinity(), "-Inf"},
      {std::numeric_limits<double>::quiet_NaN(), "NaN"},
  }));
  CHECK(formatValue(value) == text);
}

TEST_CASE("metrics: integer counts print exactly, past what a double holds", "[metrics]") {
  CHECK(formatValue(std::uint64_t{0}) == "0");
  CHECK(formatValue(std::uint64_t{18446744073709551615ULL}) == "18446744073709551615");
}

TEST_CASE("metrics: label values escape backslash, double quote and newline", "[metrics]") {
  CHECK(escapeLabelValue("plain") == "plain");
  CHECK(escapeLabelValue("a\\b") == "a\\\\b");
  CHECK(escapeLabelValue("say \"hi\"") == "say \\\"hi\\\"");
  CHECK(escapeLabelValue("two\nlines") == "two\\nlines");
}

TEST_CASE("metrics: help text escapes backslash and newline but not quotes", "[metrics]") {
  CHECK(escapeHelp("a \"quoted\" \\ word\nnext") == "a \"quoted\" \\\\ word\\nnext");
}

TEST_CASE("metrics: metric and label names follow the Prometheus rules", "[metrics]") {
  CHECK(isValidMetricName("sinkron_records_pulled_total"));
  CHECK(isValidMetricName("job:rate5m"));
  CHECK(isValidMetricName("_private"));
  CHECK_FALSE(isValidMetricName(""));
  CHECK_FALSE(isValidMetricName("1st"));
  CHECK_FALSE(isValidMetricName("with-dash"));
  CHECK_FALSE(isValidMetricName("with space"));
  CHECK_FALSE(isValidMetricName("dotted.name"));

  CHECK(isValidLabelName("connector"));
  CHECK(isValidLabelName("_x9"));
  CHECK_FALSE(isValidLabelName(""));
  CHECK_FALSE(isValidLabelName("__reserved"));
  CHECK_FALSE(isValidLabelName("has:colon"));
  CHECK_FALSE(isValidLabelName("9lives"));
}
