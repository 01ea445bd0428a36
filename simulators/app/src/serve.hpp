#pragma once
// Serving: every simulated system on its own server and port, sharing one World, until SIGINT or
// SIGTERM.
#include <cstdint>
#include <string>

#include "sinkron/population/generator.hpp"
#include "sinkron/result.hpp"

namespace sinkron::simapp {

struct ServeOptions {
  population::GeneratorOptions population;
  std::uint64_t faultSeed = 1;
  std::string bindAddress = "127.0.0.1";
  bool allowNonLoopback = false;
  std::uint16_t basePort = 0;  // 0: any free ports; else basePort, basePort + 1, ...
  std::string portsFile;       // empty: none
  bool tls = false;
  std::string tlsDir;  // empty: a new temporary folder
  int threads = 2;     // per system
  int gatewayTokenLifetimeSeconds = 3600;
  int ssoTokenLifetimeSeconds = 4 * 3600;
  int apiTokenLifetimeSeconds = 3600;
  std::string faultsFile;  // empty: none; else JSON as POST /_sim/faults takes
};

// Starts all systems, writes the ports file once all listen, blocks until SIGINT/SIGTERM, stops
// every server and removes the ports file. Errors name the option, file or address at fault.
Status serve(const ServeOptions& options);

}  // namespace sinkron::simapp
