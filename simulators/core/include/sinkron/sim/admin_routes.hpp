#pragma once
// The /_sim/* admin routes every simulated system serves beside its own API: health, the ground
// truth of the population, the accepted writes, and the fault rules (read, add, clear). Faults
// never apply to them (SimServer skips fault decisions for paths under /_sim/).
#include <string_view>

#include "sinkron/sim/router.hpp"
#include "sinkron/sim/world.hpp"

namespace sinkron::sim {

// The prefix of every admin path.
inline constexpr std::string_view kAdminPathPrefix = "/_sim/";

// Adds GET /_sim/health, GET /_sim/truth?offset=&limit=, GET|DELETE /_sim/writes?system=&offset=
// &limit=, GET|POST|DELETE /_sim/faults. `world` must outlive the router.
void addAdminRoutes(Router& router, World& world);

// True when `path` is an admin path (faults never hit it).
bool isAdminPath(std::string_view path);

}  // namespace sinkron::sim
