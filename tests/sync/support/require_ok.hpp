#pragma once
// REQUIRE_OK(result): stops the test when a sinkron::Result / Status holds an error, showing it.
#include <catch2/catch.hpp>
#include <string>

#define REQUIRE_OK(result)                                                    \
  do {                                                                        \
    INFO(((result) ? std::string() : std::string((result).error().message))); \
    REQUIRE(static_cast<bool>(result));                                       \
  } while (false)
