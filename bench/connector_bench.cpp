// connector_bench: pulls SIASN data-utama for N real NIPs from the in-process gateway + SSO
// simulators with a fixed injected latency, through HttpClient + sendAuthorized, at several
// concurrencies. Prints wall time, the ideal time (N x latency / concurrency), their ratio,
// requests/s and the client's CPU per record. A benchmark, not a test: it asserts nothing.
//
// Client CPU = CPU time of the client's I/O thread (CLOCK_THREAD_CPUTIME_ID read inside its
// callbacks, from the end of the warm-up request to the last answer) + CPU time of the thread that
// submits the requests. The servers run in the same process on their own threads and are not
// counted there; the process total (getrusage) is printed beside it for reference.
#include <sys/resource.h>
#include <time.h>

#include <fmt/core.h>
#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <future>
#include <string>
#include <vector>

#include "sinkron/connectors/token_source.hpp"
#include "sinkron/sim/admin_routes.hpp"
#include "sinkron/sim/siasn_sim.hpp"
#include "sinkron/sim/sim_server.hpp"

using namespace sinkron;
using namespace sinkron::connectors;

namespace {

double threadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

std::pair<double, double> threadUserSys() {
  rusage usage{};
  getrusage(RUSAGE_THREAD, &usage);
  auto seconds = [](const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) * 1e-6;
  };
  return {seconds(usage.ru_utime), seconds(usage.ru_stime)};
}

double processCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) * 1e-6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

std::unique_ptr<sim::SimServer> startServer(sim::World& world, const std::string& system,
                                            sim::Router router, int threads) {
  sim::addAdminRoutes(router, world);
  sim::SimServerOptions options;
  options.system = system;
  options.threads = threads;
  auto started = sim::SimServer::start(options, std::move(router), world);
  if (!started) {
    std::fprintf(stderr, "cannot start %s simulator: %s\n", system.c_str(),
                 started.error().message.c_str());
    std::exit(1);
  }
  return std::move(*started);
}

struct RunFigures {
  int concurrency = 0;
  double wall = 0, ideal = 0, clientCpu = 0, processCpu = 0;
  std::uint64_t ok = 0, failed = 0, connections = 0, maxInFlight = 0;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"connector_bench: SIASN data-utama pull through the HTTP client"};
  std::uint64_t people = 12000, records = 10000;
  int latencyMs = 20, serverThreads = 2;
  std::vector<int> concurrencies = {8, 32, 128};
  app.add_option("--people", people, "population size (some people are not in SIASN)");
  app.add_option("--records", records, "NIPs to pull");
  app.add_option("--latency-ms", latencyMs, "injected latency on data-utama");
  app.add_option("--server-threads", serverThreads, "threads of each simulator");
  app.add_option("--concurrency", concurrencies, "concurrencies to run")->delimiter(',');
  bool noGzip = false;
  app.add_flag("--no-gzip", noGzip, "do not ask for gzip answers (the simulator gzips by default)");
  CLI11_PARSE(app, argc, argv);

  sim::WorldOptions worldOptions;
  worldOptions.population.people = people;
  worldOptions.population.seed = 42;
  sim::World world(worldOptions);
  auto gateway = startServer(world, "siasn", sim::siasnGatewayRouter(world), serverThreads);
  auto sso = startServer(world, "sso", sim::siasnSsoRouter(world), serverThreads);

  std::vector<std::string> nips;
  nips.reserve(records);
  for (std::uint64_t i = 0; i < people && nips.size() < records; ++i) {
    auto r = world.population().records(i);
    if (r.person.inSiasn) nips.push_back(r.person.nipBaru);
  }
  if (nips.size() < records) {
    std::fprintf(stderr, "only %zu people in SIASN; raise --people\n", nips.size());
    return 1;
  }
  auto added = world.faults().addFromJson(
      fmt::format(R"({{"system":"siasn","route":"/apisiasn/1.0/pns/data-utama/{{nipBaru}}",)"
                  R"("kind":"latency","fixed_ms":{},"jitter_ms":0}})",
                  latencyMs));
  if (!added) {
    std::fprintf(stderr, "fault: %s\n", added.error().message.c_str());
    return 1;
  }

  fmt::print(
      "connector_bench: {} data-utama pulls, {} ms injected latency, simulators {} threads "
      "each (in process), {} CPUs\n",
      records, latencyMs, serverThreads, std::thread::hardware_concurrency());
  fmt::print("{:>11} {:>9} {:>9} {:>11} {:>10} {:>13} {:>9} {:>9} {:>9} {:>14} {:>7} {:>11}\n",
             "concurrency", "wall s", "ideal s", "ideal/wall", "req/s", "client µs/rec", "(I/O usr",
             "I/O sys", "submit)", "process µs/rec", "failed", "connections");

  for (int concurrency : concurrencies) {
    http::ClientOptions options;
    options.name = "bench";
    options.maxConcurrency = concurrency;
    options.gzip = !noGzip;
    options.retry.baseDelay = std::chrono::milliseconds(5);
    auto created = http::HttpClient::create(options);
    if (!created) {
      std::fprintf(stderr, "%s\n", created.error().message.c_str());
      return 1;
    }
    std::shared_ptr<http::HttpClient> client = *created;
    auth::ClientCredentials credentials;
    credentials.tokenUrl = gateway->baseUrl() + "/oauth2/token";
    credentials.clientId = worldOptions.consumerKey;
    credentials.clientSecret = security::Secret(worldOptions.consumerSecret);
    auth::PasswordGrant login;
    login.tokenUrl = sso->baseUrl() + "/auth/realms/public-siasn/protocol/openid-connect/token";
    login.clientId = worldOptions.ssoClientId;
    login.username = worldOptions.ssoUsername;
    login.password = security::Secret(worldOptions.ssoPassword);
    std::vector<auth::TokenBinding> bindings = {
        {auth::clientCredentialsSource(client, credentials), "Authorization", "Bearer "},
        {auth::passwordGrantSource(client, login), "Auth", "bearer "}};
    const std::string base = gateway->baseUrl() + "/apisiasn/1.0/pns/data-utama/";

    // Warm-up: tokens, and the I/O thread's CPU clock at the start of the timed part.
    std::promise<double> warm;
    std::pair<double, double> ioStart, ioEnd;
    http::Request first;
    first.url = base + nips[0];
    auth::sendAuthorized(*client, bindings, first, [&warm, &ioStart](Result<http::Response> r) {
      if (!r) std::fprintf(stderr, "warm-up: %s\n", r.error().message.c_str());
      ioStart = threadUserSys();
      warm.set_value(threadCpuSeconds());
    });
    double ioCpuStart = warm.get_future().get();

    RunFigures f;
    f.concurrency = concurrency;
    std::atomic<std::uint64_t> ok{0}, failed{0}, remaining{records};
    std::promise<double> done;
    double processStart = processCpuSeconds();
    double mainCpuStart = threadCpuSeconds();
    auto wallStart = std::chrono::steady_clock::now();
    for (std::uint64_t i = 0; i < records; ++i) {
      http::Request request;
      request.url = base + nips[i];
      request.label = "siasn data-utama";
      auth::sendAuthorized(*client, bindings, std::move(request), [&](Result<http::Response> r) {
        if (r && r->body.size() > 100)
          ++ok;
        else
          ++failed;
        if (--remaining == 0) {
          ioEnd = threadUserSys();
          done.set_value(threadCpuSeconds());
        }
      });
    }
    double mainCpu = threadCpuSeconds() - mainCpuStart;
    double ioCpuEnd = done.get_future().get();
    f.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    f.processCpu = processCpuSeconds() - processStart;
    f.clientCpu = (ioCpuEnd - ioCpuStart) + mainCpu;
    f.ideal = static_cast<double>(records) * latencyMs / 1000.0 / concurrency;
    f.ok = ok;
    f.failed = failed;
    http::ClientStats stats = client->stats();
    f.connections = stats.connectionsOpened;
    f.maxInFlight = stats.maxInFlight;
    fmt::print(
        "{:>11} {:>9.3f} {:>9.3f} {:>10.1f}% {:>10.0f} {:>13.1f} {:>9.1f} {:>9.1f} {:>9.1f} "
        "{:>14.1f} {:>7} {:>11}\n",
        f.concurrency, f.wall, f.ideal, 100.0 * f.ideal / f.wall, records / f.wall,
        f.clientCpu * 1e6 / records, (ioEnd.first - ioStart.first) * 1e6 / records,
        (ioEnd.second - ioStart.second) * 1e6 / records, mainCpu * 1e6 / records,
        f.processCpu * 1e6 / records, f.failed, f.connections);
    std::fflush(stdout);
  }
  return 0;
}
