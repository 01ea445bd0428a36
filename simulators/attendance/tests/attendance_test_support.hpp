#pragma once
// Shared by the attendance simulator tests: a small seeded world and calls into a router
// without a socket.
#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

#include "sinkron/sim/attendance_sim.hpp"

namespace sinkron::sim::testing {

inline WorldOptions smallWorld(std::uint64_t seed = 42) {
  WorldOptions o;
  o.population.seed = seed;
  o.population.people = 300;
  return o;
}

inline HttpResponse call(const Router& router, std::string method, std::string target,
                         std::string body = {}, std::string authorization = {},
                         bool fieldDrift = false) {
  HttpRequest request;
  request.method = std::move(method);
  request.target = std::move(target);
  REQUIRE(request.parseTarget());
  request.body = std::move(body);
  request.fieldDrift = fieldDrift;
  request.headers.emplace_back("content-type", "application/json");
  if (!authorization.empty()) request.headers.emplace_back("authorization", authorization);
  return router.dispatch(request);
}

inline rapidjson::Document json(const HttpResponse& response) {
  rapidjson::Document doc;
  doc.Parse(response.body.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

}  // namespace sinkron::sim::testing
