#include "sinkron/sim/world.hpp"

namespace sinkron::sim {

World::World(WorldOptions options)
    : options_(std::move(options)), generator_(options_.population), faults_(options_.faultSeed) {}

TokenIssuer& World::tokens(const std::string& system) {
  std::lock_guard lock(tokensMutex_);
  auto& slot = tokens_[system];
  if (!slot) {
    std::chrono::seconds life = options_.apiTokenLifetime;
    if (system == "siasn-gateway") life = options_.gatewayTokenLifetime;
    if (system == "siasn-sso") life = options_.ssoTokenLifetime;
    std::uint64_t seed =
        options_.faultSeed * 0x9e3779b97f4a7c15ULL + std::hash<std::string>{}(system);
    slot = std::make_unique<TokenIssuer>(system, life, seed);
  }
  return *slot;
}

void World::applyRevocations() {
  for (std::string system : faults_.takeRevocations()) {
    if (system == "sso") system = "siasn-sso";  // the SSO server's fault-rule name
    std::lock_guard lock(tokensMutex_);
    for (auto& [name, issuer] : tokens_)
      // A rule for "siasn" revokes both SIASN issuers; "*" revokes all.
      if (system == "*" || name == system || name.rfind(system + "-", 0) == 0) issuer->revokeAll();
  }
}

}  // namespace sinkron::sim
