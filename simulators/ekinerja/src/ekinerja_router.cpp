#include <memory>

#include "ekinerja_api.hpp"
#include "sinkron/sim/ekinerja_sim.hpp"

namespace sinkron::sim {

Router ekinerjaRouter(World& world) {
  auto api = std::make_shared<const ekinerja::EkinerjaApi>(world);
  Router router;
  auto route = [&](const char* method, const char* pattern, auto member) {
    router.add(method, pattern, [api, member](const HttpRequest& r) { return (*api.*member)(r); });
  };
  using Api = ekinerja::EkinerjaApi;
  route("POST", "/oauth/token", &Api::token);
  route("GET", "/api/v1/skp", &Api::skp);
  route("GET", "/api/v1/skp/{id}/penilaian", &Api::penilaian);
  route("GET", "/api/v1/penilaian", &Api::listPenilaian);
  route("GET", "/api/v1/pegawai", &Api::listPegawai);
  route("GET", "/_sim/truth/skp", &Api::truth);
  route("GET", "/_sim/truth/skp/agency", &Api::agencyTruth);
  return router;
}

}  // namespace sinkron::sim
