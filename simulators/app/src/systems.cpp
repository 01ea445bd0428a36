#include "systems.hpp"

#include "sinkron/sim/attendance_sim.hpp"
#include "sinkron/sim/ekinerja_sim.hpp"
#include "sinkron/sim/siasn_sim.hpp"
#include "sinkron/sim/simpeg_sim.hpp"
#include "sinkron/sim/training_sim.hpp"

namespace sinkron::simapp {

std::vector<SimulatedSystem> buildSystems(sim::World& world) {
  // Fingerspot and e-presensi serve one attendance model so that they agree per person-day.
  std::shared_ptr<const sim::AttendanceModel> attendance = sim::AttendanceModel::build(world);
  std::vector<SimulatedSystem> systems;
  systems.push_back({"siasn", "SIASN API gateway (oauth2/token, apisiasn, referensi)",
                     sim::siasnGatewayRouter(world)});
  systems.push_back({"sso", "SIASN SSO (Keycloak realm public-siasn)", sim::siasnSsoRouter(world)});
  systems.push_back({"ekinerja", "e-Kinerja BKN (SKP, penilaian)", sim::ekinerjaRouter(world)});
  systems.push_back({"simpeg", "SIMPEG REST API (pegawai, riwayat)", sim::simpegRouter(world)});
  systems.push_back({"training", "training completions API", sim::trainingRouter(world)});
  systems.push_back({"fingerspot", "Fingerspot-style attendance cloud",
                     sim::fingerspotRouter(world, attendance)});
  systems.push_back(
      {"epresensi", "regional e-presensi app", sim::epresensiRouter(world, attendance)});
  return systems;
}

}  // namespace sinkron::simapp
