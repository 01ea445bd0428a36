#include "cli.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

#include "serve.hpp"
#include "tools.hpp"

namespace sinkron::simapp {
namespace {

void fail(const char* command, const Error& error) {
  std::fprintf(stderr, "sinkron-sim%s%s: %s\n", *command ? " " : "", command,
               error.message.c_str());
}

void addPopulationOptions(CLI::App& cmd, population::GeneratorOptions& o) {
  cmd.add_option("--seed", o.seed, "Population seed (same seed, same people and defects)")
      ->capture_default_str();
  cmd.add_option("--people", o.people, "Number of people in the population")
      ->check(CLI::Range(1ull, 5000000ull))
      ->capture_default_str();
  cmd.add_option("--corruption", o.corruption,
                 "Multiplier of every inconsistency rate between SIMPEG and SIASN")
      ->check(CLI::Range(0.0, 10.0))
      ->capture_default_str();
}

void addServeOptions(CLI::App& app, ServeOptions& o) {
  addPopulationOptions(app, o.population);
  app.add_option("--bind", o.bindAddress, "IP address every system listens on")
      ->capture_default_str();
  app.add_flag("--allow-non-loopback", o.allowNonLoopback,
               "Allow --bind to name a non-loopback address (serves synthetic personal data and "
               "demo credentials to the network)");
  app.add_option("--base-port", o.basePort,
                 "First port: systems listen on consecutive ports from it in the order siasn, "
                 "sso, ekinerja, simpeg, training, fingerspot, epresensi; 0 = any free ports")
      ->capture_default_str();
  app.add_option("--ports-file", o.portsFile,
                 "Write {\"siasn\":\"http://127.0.0.1:P\",\"sso\":...} here once every system "
                 "listens (removed on exit)");
  app.add_flag("--tls", o.tls, "Serve HTTPS with test certificates generated into --tls-dir");
  app.add_option("--tls-dir", o.tlsDir,
                 "Folder for ca.pem, server.pem, server.key with --tls (default: a new temporary "
                 "folder; the CA path is printed)");
  app.add_option("--threads", o.threads, "I/O threads per system")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  app.add_option("--gateway-token-lifetime", o.gatewayTokenLifetimeSeconds,
                 "Lifetime of SIASN gateway tokens, seconds")
      ->check(CLI::Range(1, 100000000))
      ->capture_default_str();
  app.add_option("--sso-token-lifetime", o.ssoTokenLifetimeSeconds,
                 "Lifetime of SIASN SSO tokens, seconds")
      ->check(CLI::Range(1, 100000000))
      ->capture_default_str();
  app.add_option("--api-token-lifetime", o.apiTokenLifetimeSeconds,
                 "Lifetime of e-Kinerja, Fingerspot and e-presensi tokens, seconds")
      ->check(CLI::Range(1, 100000000))
      ->capture_default_str();
  app.add_option("--faults", o.faultsFile,
                 "Fault rules to start with: JSON as POST /_sim/faults takes, "
                 "{\"faults\":[{\"system\",\"route\",\"kind\",\"rate\",\"count\",...}]}")
      ->check(CLI::ExistingFile);
  app.add_option("--fault-seed", o.faultSeed,
                 "Seed of the fault decisions (same seed and request order, same failures)")
      ->capture_default_str();
}

void addCerts(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand(
      "certs",
      "Write a test CA (ca.pem) and a server certificate chain and key it signs for "
      "localhost, 127.0.0.1 and ::1 (server.pem, server.key), valid two days.");
  auto dir = std::make_shared<std::string>();
  cmd->add_option("--out", *dir, "Folder to write into (created if missing)")->required();
  cmd->callback([dir, &exitCode] {
    Status done = runCerts(*dir);
    if (!done) fail("certs", done.error());
    exitCode = done ? kExitOk : kExitFailure;
  });
}

void addSimpegDb(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand(
      "simpeg-db",
      "Create the SIMPEG tables (pegawai, unit_kerja, jabatan, riwayat_pangkat, "
      "riwayat_jabatan, diklat) in a database and load the population into them.");
  auto target = std::make_shared<sim::SimpegDbTarget>();
  auto population = std::make_shared<population::GeneratorOptions>();
  cmd->add_option("--backend", target->backend, "Database kind: postgresql or mysql (MariaDB)")
      ->required()
      ->check(CLI::IsMember({"postgresql", "mysql"}));
  cmd->add_option("--connect", target->connect,
                  "SOCI connect string, e.g. \"host=127.0.0.1 port=5432 dbname=simpeg user=u "
                  "password=p\"")
      ->required();
  addPopulationOptions(*cmd, *population);
  cmd->callback([target, population, &exitCode] {
    Status done = runSimpegDb(*target, *population);
    if (!done) fail("simpeg-db", done.error());
    exitCode = done ? kExitOk : kExitFailure;
  });
}

void addAdms(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand(
      "adms",
      "Emulate ZKTeco fingerprint devices pushing their punches over HTTP (ADMS: "
      "handshake, ATTLOG batches, re-sends) to a receiver such as the sinkron daemon.");
  auto o = std::make_shared<sim::AdmsRunOptions>();
  auto population = std::make_shared<population::GeneratorOptions>();
  cmd->add_option("--server", o->serverUrl,
                  "Receiver base URL, http:// or https://, optionally with a path prefix")
      ->required();
  cmd->add_option("--devices", o->devices, "Number of devices (the largest units first)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  cmd->add_option("--first-date", o->firstDate, "First day of punches, yyyy-mm-dd")->required();
  cmd->add_option("--days", o->days, "Calendar days from --first-date")
      ->check(CLI::Range(1, 3660))
      ->capture_default_str();
  cmd->add_option("--batch-size", o->batchSize, "ATTLOG lines per POST")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  cmd->add_option("--max-attempts", o->maxAttempts, "Sends of one request before a device gives up")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->add_option("--swapped-firmware-fraction", o->swappedFirmwareFraction,
                  "Share of devices whose firmware swaps the status and verify columns")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd->add_option("--concurrency", o->concurrency, "Devices pushing at the same time")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  cmd->add_option("--request-timeout-ms", o->requestTimeoutMs,
                  "Time limit of one request (connect, TLS, write, read)")
      ->check(CLI::Range(1, 3600000))
      ->capture_default_str();
  cmd->add_option("--retry-backoff-ms", o->retryBackoffMs, "First back-off before a re-send")
      ->check(CLI::Range(0, 3600000))
      ->capture_default_str();
  cmd->add_option("--max-backoff-ms", o->maxBackoffMs, "Largest back-off before a re-send")
      ->check(CLI::Range(0, 3600000))
      ->capture_default_str();
  cmd->add_option("--poll-every-batches", o->pollEveryBatches,
                  "GET /iclock/getrequest after the handshake and every N batches")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cmd->add_option("--ca-file", o->caFile,
                  "PEM CA bundle to verify an https receiver (default: the system store)")
      ->check(CLI::ExistingFile);
  addPopulationOptions(*cmd, *population);
  cmd->callback([o, population, &exitCode] {
    Result<sim::AdmsRunStats> stats = runAdms(*o, *population);
    if (!stats) {
      fail("adms", stats.error());
      exitCode = kExitFailure;
      return;
    }
    exitCode = stats->failures == 0 ? kExitOk : kExitPartial;
  });
}

}  // namespace

int runCli(int argc, char** argv) {
  CLI::App app{
      "sinkron-sim — simulators of the systems sinkron talks to, for tests and demos: the SIASN "
      "gateway and SSO, e-Kinerja, SIMPEG, training, Fingerspot and e-presensi, each on its own "
      "port, over one seeded population, with faults on demand (/_sim/faults), the ground truth "
      "(/_sim/truth) and the writes they accepted (/_sim/writes). Without a subcommand it serves "
      "until SIGINT or SIGTERM."};
  app.require_subcommand(0, 1);
  app.set_version_flag("--version", "sinkron-sim 0.1.0");
  ServeOptions serveOptions;
  addServeOptions(app, serveOptions);
  int exitCode = kExitOk;
  addCerts(app, exitCode);
  addSimpegDb(app, exitCode);
  addAdms(app, exitCode);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitFailure;
  }
  if (!app.get_subcommands().empty()) return exitCode;
  Status served = serve(serveOptions);
  if (!served) {
    fail("", served.error());
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace sinkron::simapp
