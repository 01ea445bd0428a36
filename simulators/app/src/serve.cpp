#include "serve.hpp"

#include <fmt/format.h>
#include <stdlib.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <vector>

#include "ports_file.hpp"
#include "sinkron/sim/sim_server.hpp"
#include "sinkron/sim/test_certificates.hpp"
#include "sinkron/sim/world.hpp"
#include "systems.hpp"

namespace sinkron::simapp {
namespace {

namespace net = boost::asio;

Status checkBindAddress(const ServeOptions& o) {
  boost::system::error_code ec;
  net::ip::address address = net::ip::make_address(o.bindAddress, ec);
  if (ec) return Error::invalid("--bind " + o.bindAddress + ": not an IP address");
  // The simulators serve synthetic personal data and well-known demo credentials.
  if (!address.is_loopback() && !o.allowNonLoopback)
    return Error::invalid("--bind " + o.bindAddress +
                          ": not a loopback address (add --allow-non-loopback to serve other "
                          "hosts)");
  return {};
}

Status loadFaults(const std::string& file, sim::World& world) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Error::notFound("--faults " + file + ": cannot open");
  std::ostringstream text;
  text << in.rdbuf();
  Status added = world.faults().addFromJson(text.str());
  if (!added) return Error::parse("--faults " + file + ": " + added.error().message);
  return {};
}

Result<sim::CertificateFiles> makeCertificates(const std::string& tlsDir) {
  std::filesystem::path dir = tlsDir;
  if (dir.empty()) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "sinkron-sim-tls-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr)
      return Error::io(pattern + ": cannot create a temporary folder");
    dir = pattern;
  }
  return sim::writeTestCertificates(dir);
}

sim::WorldOptions worldOptions(const ServeOptions& o) {
  sim::WorldOptions w;
  w.population = o.population;
  w.faultSeed = o.faultSeed;
  w.gatewayTokenLifetime = std::chrono::seconds(o.gatewayTokenLifetimeSeconds);
  w.ssoTokenLifetime = std::chrono::seconds(o.ssoTokenLifetimeSeconds);
  w.apiTokenLifetime = std::chrono::seconds(o.apiTokenLifetimeSeconds);
  return w;
}

}  // namespace

Status serve(const ServeOptions& o) {
  if (Status s = checkBindAddress(o); !s) return s;
  if (Status s = population::PopulationGenerator(o.population).validate(); !s)
    return Error::invalid("population: " + s.error().message);

  sim::World world(worldOptions(o));
  if (!o.faultsFile.empty())
    if (Status s = loadFaults(o.faultsFile, world); !s) return s;
  std::optional<sim::CertificateFiles> certificates;
  if (o.tls) {
    Result<sim::CertificateFiles> made = makeCertificates(o.tlsDir);
    if (!made) return Error::io("--tls: " + made.error().message);
    certificates = *made;
  }

  // Signals are caught before anyone can learn the ports, so an early SIGTERM stops cleanly.
  net::io_context signals;
  net::signal_set stopSignals(signals, SIGINT, SIGTERM);

  std::vector<SimulatedSystem> systems = buildSystems(world);
  if (o.basePort != 0 && o.basePort + systems.size() - 1 > 65535)
    return Error::invalid("--base-port " + std::to_string(o.basePort) + ": the " +
                          std::to_string(systems.size()) + " systems need ports up to " +
                          std::to_string(o.basePort + systems.size() - 1));
  std::vector<std::unique_ptr<sim::SimServer>> servers;
  std::vector<std::pair<std::string, std::string>> urls;
  for (std::size_t i = 0; i < systems.size(); ++i) {
    sim::SimServerOptions options;
    options.system = systems[i].name;
    options.bindAddress = o.bindAddress;
    options.port = o.basePort == 0 ? 0 : static_cast<std::uint16_t>(o.basePort + i);
    options.threads = o.threads;
    if (certificates) options.tls = certificates->tlsFiles();
    auto started = sim::SimServer::start(options, std::move(systems[i].router), world);
    if (!started) return Error::io(systems[i].name + ": " + started.error().message);
    servers.push_back(std::move(*started));
    urls.emplace_back(systems[i].name, servers.back()->baseUrl());
  }

  fmt::print("sinkron-sim: {} people (seed {}, corruption {}), fault seed {}\n",
             o.population.people, o.population.seed, o.population.corruption, o.faultSeed);
  for (std::size_t i = 0; i < systems.size(); ++i)
    fmt::print("  {:<11} {:<28} {}\n", systems[i].name, urls[i].second, systems[i].description);
  if (certificates) fmt::print("  CA certificate: {}\n", certificates->caCertificate.string());
  if (!o.portsFile.empty()) {
    if (Status s = writePortsFile(o.portsFile, urls); !s) return s;
    fmt::print("  ports file: {}\n", o.portsFile);
  }
  fmt::print("sinkron-sim: serving; stop with Ctrl-C or SIGTERM\n");
  std::fflush(stdout);

  int received = 0;
  stopSignals.async_wait([&](const boost::system::error_code&, int signal) { received = signal; });
  signals.run();
  fmt::print("sinkron-sim: {} received, stopping\n", received == SIGINT ? "SIGINT" : "SIGTERM");
  for (auto& server : servers) server->stop();
  if (!o.portsFile.empty()) {
    std::error_code ignored;
    std::filesystem::remove(o.portsFile, ignored);
  }
  std::fflush(stdout);
  return {};
}

}  // namespace sinkron::simapp
