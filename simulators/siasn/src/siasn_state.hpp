#pragma once
// SiasnState: what the SIASN gateway and SSO routers of one World share — the World's token
// issuers, the person directory and the write overlays. One per World (see siasnStateFor).
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "overlay_store.hpp"
#include "person_directory.hpp"
#include "sinkron/sim/token_issuer.hpp"
#include "sinkron/sim/world.hpp"

namespace sinkron::sim::siasn {

inline constexpr std::string_view kSystem = "siasn";  // WriteLog system name

struct SiasnState {
  explicit SiasnState(World& w);

  // The id of an accepted write: UUID-shaped, reproducible for the same seed and write order.
  std::string newRowId();

  World& world;
  TokenIssuer& gatewayTokens;  // world.tokens("siasn-gateway")
  TokenIssuer& ssoTokens;      // world.tokens("siasn-sso")
  PersonDirectory people;
  OverlayStore overlays;
  std::atomic<std::uint64_t> writes{0};
};

// The state of `world`, created on first use. Routers keep it alive; a World that is destroyed
// and replaced (tests) gets a fresh state once the old routers are gone.
std::shared_ptr<SiasnState> siasnStateFor(World& world);

}  // namespace sinkron::sim::siasn
