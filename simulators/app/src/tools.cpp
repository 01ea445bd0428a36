#include "tools.hpp"

#include <fmt/format.h>

#include "sinkron/sim/test_certificates.hpp"
#include "sinkron/sim/world.hpp"

namespace sinkron::simapp {

Status runCerts(const std::filesystem::path& dir) {
  Result<sim::CertificateFiles> files = sim::writeTestCertificates(dir);
  if (!files) return files.error();
  fmt::print("CA certificate (trust this): {}\n", files->caCertificate.string());
  fmt::print("server certificate chain:    {}\n", files->certificateChain.string());
  fmt::print("server private key:          {}\n", files->privateKey.string());
  fmt::print("valid for two days, for localhost, 127.0.0.1 and ::1\n");
  return {};
}

Status runSimpegDb(const sim::SimpegDbTarget& target,
                   const population::GeneratorOptions& population) {
  population::PopulationGenerator generator(population);
  if (Status s = generator.validate(); !s)
    return Error::invalid("population: " + s.error().message);
  sim::SimpegLoadStats stats;
  if (Status s = sim::loadSimpegDatabase(target, generator, &stats); !s) return s;
  fmt::print(
      "loaded SIMPEG ({}): {} pegawai, {} unit_kerja, {} jabatan, {} riwayat, {} diklat in "
      "{:.1f}s\n",
      target.backend, stats.pegawai, stats.units, stats.jabatan, stats.riwayat, stats.diklat,
      stats.seconds);
  return {};
}

Result<sim::AdmsRunStats> runAdms(const sim::AdmsRunOptions& options,
                                  const population::GeneratorOptions& population) {
  if (Status s = population::PopulationGenerator(population).validate(); !s)
    return Error::invalid("population: " + s.error().message);
  sim::WorldOptions worldOptions;
  worldOptions.population = population;
  sim::World world(worldOptions);
  Result<sim::AdmsRunStats> stats = sim::runAdmsDevices(options, world);
  if (!stats) return stats;
  const sim::AdmsRunStats& s = *stats;
  fmt::print(
      "adms: {} punches in {} acknowledged batches ({} sent, {} re-sent), {} handshakes, {} "
      "polls, {} connections, {} devices gave up\n",
      s.punches, s.batchesAcknowledged, s.batchesSent, s.resends, s.handshakes, s.polls, s.connects,
      s.failures);
  if (!s.swappedSerials.empty()) {
    std::string serials;
    for (const std::string& sn : s.swappedSerials) serials += (serials.empty() ? "" : ", ") + sn;
    fmt::print("adms: devices with status/verify swapped firmware: {}\n", serials);
  }
  return stats;
}

}  // namespace sinkron::simapp
