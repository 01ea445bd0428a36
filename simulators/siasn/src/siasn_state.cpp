#include "siasn_state.hpp"

#include <map>
#include <mutex>

#include "seeded.hpp"

namespace sinkron::sim::siasn {

SiasnState::SiasnState(World& w)
    : world(w),
      gatewayTokens(w.tokens("siasn-gateway")),
      ssoTokens(w.tokens("siasn-sso")),
      people(w.population()) {}

std::string SiasnState::newRowId() {
  std::uint64_t n = writes.fetch_add(1, std::memory_order_relaxed) + 1;
  std::uint64_t seed = world.options().population.seed;
  return uuidFrom(hashOf(seed, 0x77726974, n, 1), hashOf(seed, 0x77726974, n, 2));
}

std::shared_ptr<SiasnState> siasnStateFor(World& world) {
  static std::mutex mutex;
  static std::map<World*, std::weak_ptr<SiasnState>> states;
  std::lock_guard lock(mutex);
  std::erase_if(states, [](const auto& entry) { return entry.second.expired(); });
  std::weak_ptr<SiasnState>& slot = states[&world];
  if (std::shared_ptr<SiasnState> state = slot.lock()) return state;
  auto state = std::make_shared<SiasnState>(world);
  slot = state;
  return state;
}

}  // namespace sinkron::sim::siasn
