#pragma once
// The sinkron-sim tools besides serving: test certificates, loading the SIMPEG database and
// running emulated ADMS fingerprint devices against a receiver. Each prints what it did.
#include <filesystem>

#include "sinkron/population/generator.hpp"
#include "sinkron/result.hpp"
#include "sinkron/sim/attendance_sim.hpp"
#include "sinkron/sim/simpeg_sim.hpp"

namespace sinkron::simapp {

// Writes ca.pem, server.pem and server.key into `dir`.
Status runCerts(const std::filesystem::path& dir);

// Creates and fills the SIMPEG tables of the population in the target database.
Status runSimpegDb(const sim::SimpegDbTarget& target,
                   const population::GeneratorOptions& population);

// Runs the devices; the stats say how many devices gave up (AdmsRunStats::failures).
Result<sim::AdmsRunStats> runAdms(const sim::AdmsRunOptions& options,
                                  const population::GeneratorOptions& population);

}  // namespace sinkron::simapp
