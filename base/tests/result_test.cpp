#include <catch2/catch.hpp>

#include "sinkron/result.hpp"

using sinkron::Error;
using sinkron::Result;

namespace {
Result<int> parsePositive(int v) {
  if (v <= 0) return Error::invalid("value must be positive, got " + std::to_string(v));
  return v;
}
}  // namespace

TEST_CASE("Result carries a value or an error", "[base]") {
  auto good = parsePositive(3);
  REQUIRE(good.ok());
  CHECK(*good == 3);

  auto bad = parsePositive(-1);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == sinkron::ErrorCode::kInvalidArgument);
  CHECK(bad.error().message == "value must be positive, got -1");
  CHECK(bad.valueOr(7) == 7);
}

TEST_CASE("Status is ok by default and carries an error otherwise", "[base]") {
  sinkron::Status s;
  CHECK(s.ok());
  sinkron::Status f = Error::io("disk full");
  CHECK_FALSE(f.ok());
  CHECK(f.error().message == "disk full");
}
