#pragma once
// The simulated systems sinkron-sim serves, each with the router its engineer wrote, in the
// order their ports are given out.
#include <string>
#include <vector>

#include "sinkron/sim/router.hpp"
#include "sinkron/sim/world.hpp"

namespace sinkron::simapp {

struct SimulatedSystem {
  std::string name;         // fault-rule system name and ports-file key: "siasn", "sso", ...
  std::string description;  // for the start-up listing
  sim::Router router;
};

// siasn (gateway), sso, ekinerja, simpeg, training, fingerspot, epresensi. Builds the indexes
// some routers need (units, training rows, the attendance model): one pass over the population
// each. `world` must outlive the routers.
std::vector<SimulatedSystem> buildSystems(sim::World& world);

}  // namespace sinkron::simapp
