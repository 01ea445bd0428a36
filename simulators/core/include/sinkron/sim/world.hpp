#pragma once
// World: the state all simulated systems share — one seeded population (each system sees it
// through its own inconsistencies), the write log, the faults and the tokens each system issued.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "sinkron/population/generator.hpp"
#include "sinkron/sim/fault_book.hpp"
#include "sinkron/sim/token_issuer.hpp"
#include "sinkron/sim/write_log.hpp"

namespace sinkron::sim {

struct WorldOptions {
  population::GeneratorOptions population;  // seed, people, corruption
  std::uint64_t faultSeed = 1;
  std::chrono::seconds gatewayTokenLifetime{3600};
  std::chrono::seconds ssoTokenLifetime{4 * 3600};
  std::chrono::seconds apiTokenLifetime{3600};  // e-Kinerja, Fingerspot
  // Credentials the simulators accept (the demo and tests configure the same on the client).
  std::string consumerKey = "sinkron-demo", consumerSecret = "demo-secret";
  std::string ssoClientId = "sinkron", ssoUsername = "operator", ssoPassword = "demo-password";
  std::string simpegApiKey = "simpeg-demo-key";
  std::string ekinerjaClientId = "sinkron", ekinerjaClientSecret = "ekinerja-secret";
  std::string trainingApiKey = "training-demo-key";
  std::string fingerspotToken = "fingerspot-demo-token";
  std::string fingerspotCloudId = "C2630450C3233C25";
};

class World {
 public:
  explicit World(WorldOptions options);
  const WorldOptions& options() const { return options_; }
  const population::PopulationGenerator& population() const { return generator_; }
  WriteLog& writes() { return writes_; }
  FaultBook& faults() { return faults_; }
  // The token issuer of a system ("siasn-gateway", "siasn-sso", "ekinerja", "fingerspot"),
  // created on first use with that system's lifetime.
  TokenIssuer& tokens(const std::string& system);
  // Applies pending kTokenRevoke faults to the named issuers.
  void applyRevocations();

 private:
  WorldOptions options_;
  population::PopulationGenerator generator_;
  WriteLog writes_;
  FaultBook faults_;
  std::mutex tokensMutex_;
  std::map<std::string, std::unique_ptr<TokenIssuer>> tokens_;
};

}  // namespace sinkron::sim
