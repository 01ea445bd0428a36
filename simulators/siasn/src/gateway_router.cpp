#include "routes.hpp"
#include "sinkron/sim/siasn_sim.hpp"

namespace sinkron::sim {

Router siasnGatewayRouter(World& world) {
  siasn::StatePtr state = siasn::siasnStateFor(world);
  Router router;
  siasn::addGatewayTokenRoute(router, state);
  siasn::addDataUtamaRoutes(router, state);
  siasn::addHistoryRoutes(router, state);
  siasn::addSaveRoutes(router, state);
  siasn::addReferenceRoutes(router, state);
  return router;
}

}  // namespace sinkron::sim
