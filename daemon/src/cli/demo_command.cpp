// `sinkron demo`: the main job after the build, in one command. Starts the simulators of every
// external system (sinkron-sim) on loopback, writes the demo site's config for them, runs one
// full sync cycle as `sinkron serve --once` does (this binary, its log in DIR/daemon.log), writes
// the largest agency's report and prints where everything is. The simulators stop on every way
// out.
#include "demo_command.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <soci/soci.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <map>

#include "demo_site.hpp"
#include "messages.hpp"
#include "report_command.hpp"
#include "sinkron/daemon/cli.hpp"
#include "sinkron/daemon/sync/daemon_config.hpp"
#include "sinkron/daemon/sync/site_calendar.hpp"
#include "sinkron/store/state_store.hpp"

#ifndef SINKRON_DEMO_TEMPLATES
#define SINKRON_DEMO_TEMPLATES "/usr/share/sinkron/demo"
#endif

namespace sinkron::daemon {
namespace {

namespace fs = std::filesystem;

struct DemoOptions {
  std::string dir = "demo-out", sim, templates;
  unsigned long long people = 3000, seed = 7;
  int timeoutSeconds = 3600;
};

fs::path selfExe() {
  std::error_code ec;
  auto p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : p;
}

// --sim, else next to this binary's build (<build>/daemon/sinkron → <build>/simulators/app),
// else on PATH.
Result<fs::path> findSimulator(const std::string& given) {
  if (!given.empty()) {
    if (::access(given.c_str(), X_OK) == 0) return fs::path(given);
    return Error::notFound("--sim " + given + " is not an executable file");
  }
  const fs::path built = selfExe().parent_path().parent_path() / "simulators/app/sinkron-sim";
  if (::access(built.c_str(), X_OK) == 0) return built;
  if (const char* path = std::getenv("PATH")) {
    std::string_view rest = path;
    for (int i = 0; i < 256 && !rest.empty(); ++i) {
      const auto colon = rest.find(':');
      const fs::path candidate = fs::path(std::string(rest.substr(0, colon))) / "sinkron-sim";
      if (::access(candidate.c_str(), X_OK) == 0) return candidate;
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  return Error::notFound(cli::say("demo.no_sim", built.string()));
}

// --templates, else the source tree's deploy/demo (baked in at build time), else the installed
// /usr/share/sinkron/demo.
Result<fs::path> findTemplates(const std::string& given) {
  for (const fs::path& dir :
       {fs::path(given), fs::path(SINKRON_DEMO_TEMPLATES), fs::path("/usr/share/sinkron/demo")}) {
    if (dir.empty()) continue;
    if (fs::is_regular_file(dir / "sinkron.demo.yaml.in")) return fs::absolute(dir);
    if (!given.empty()) break;  // a given folder is not second-guessed
  }
  return Error::notFound(
      cli::say("demo.no_templates", given.empty() ? SINKRON_DEMO_TEMPLATES : given));
}

// What an earlier demo left in DIR (only the names the demo writes).
void clearEarlierRun(const fs::path& dir) {
  std::error_code ec;
  for (const char* name : {"state", "reports", "agency-report"}) fs::remove_all(dir / name, ec);
  for (const char* name :
       {"ports.json", "pins.csv", "sinkron.yaml", "daemon.log", "simulators.log"})
    fs::remove(dir / name, ec);
}

// The SIASN unor with the most people in data-utama (the records the cycle stored).
Result<std::string> largestAgency(store::StateStore& st, const std::string& siasnConnector) {
  std::map<std::string, long> counts;
  try {
    std::string json;
    soci::statement s = (st.session().prepare << "SELECT record_json FROM source_records WHERE "
                                                 "connector = :c AND stream = 'data-utama'",
                         soci::use(siasnConnector), soci::into(json));
    s.execute();
    while (s.fetch()) {
      rapidjson::Document d;
      d.Parse(json.c_str(), json.size());
      if (!d.HasParseError() && d.IsObject() && d.HasMember("unit_id") && d["unit_id"].IsString())
        ++counts[d["unit_id"].GetString()];
    }
  } catch (const std::exception& e) {
    return Error::io(std::string("reading the stored SIASN records: ") + e.what());
  }
  std::string best;
  long most = 0;
  for (const auto& [agency, n] : counts)
    if (n > most) best = agency, most = n;
  if (best.empty()) return Error::notFound("no SIASN records in the store: no agency report");
  return best;
}

// The largest agency's report for this month as HTML in DIR/agency-report.
Result<fs::path> writeDemoReport(const fs::path& config, const fs::path& dir) {
  auto cfg = sync::loadDaemonConfig(config, /*withSecrets=*/false);
  if (!cfg) return cfg.error();
  auto st = store::StateStore::open(cfg->store);
  if (!st) return st.error();
  auto agency = largestAgency(**st, cfg->sync.siasn);
  if (!agency) return agency.error();
  const auto today = sync::siteDay(cfg->timeZone);
  auto report =
      agencyReportFor(**st, *cfg, *agency, fmt::format("{:04}-{:02}", today.year, today.month));
  if (!report) return report.error();
  return writeAgencyReport(*report, "html", dir / "agency-report");
}

int runDemo(const DemoOptions& o) {
  auto fail = [](const std::string& message) {
    std::fprintf(stderr, "sinkron demo: %s\n", message.c_str());
    return int{kExitFailure};
  };
  auto sim = findSimulator(o.sim);
  if (!sim) return fail(sim.error().message);
  auto templates = findTemplates(o.templates);
  if (!templates) return fail(templates.error().message);
  std::error_code ec;
  const fs::path dir = fs::absolute(o.dir);
  fs::create_directories(dir / "state", ec);
  if (ec) return fail("cannot create " + (dir / "state").string() + ": " + ec.message());
  clearEarlierRun(dir);
  fs::create_directories(dir / "state", ec);

  auto sims = demo::Simulators::start(*sim, dir, o.people, o.seed, std::chrono::seconds(120));
  if (!sims) return fail(sims.error().message);
  const fs::path config = dir / "sinkron.yaml";
  if (Status s =
          demo::renderConfig(*templates, templates->parent_path() / "mappings", **sims, config);
      !s)
    return fail(s.error().message);
  demo::exportDemoCredentials();
  if (Status s =
          demo::download((*sims)->url("fingerspot") + "/_sim/attendance/pin-map", dir / "pins.csv");
      !s)
    return fail(s.error().message);
  fmt::print("{}\n", cli::say("demo.started", o.people, (*sims)->url("siasn"),
                              (*sims)->url("simpeg"), (*sims)->url("training")));
  std::fflush(stdout);

  // One full cycle, exactly as `sinkron serve --config DIR/sinkron.yaml --once`.
  const fs::path log = dir / "daemon.log";
  auto served = demo::runToEnd({selfExe().string(), "serve", "--config", config.string(), "--once"},
                               log, std::chrono::seconds(o.timeoutSeconds));
  if (!served) return fail(served.error().message);
  int exitCode = *served;
  if (exitCode != kExitOk && exitCode != kExitInputErrors)
    return fail(cli::say("demo.cycle_failed", exitCode, log.string()));

  auto report = writeDemoReport(config, dir);
  fmt::print("\n{}\n", cli::say("demo.config", config.string()));
  fmt::print("{}\n", cli::say("demo.state", (dir / "state" / "sinkron.db").string()));
  fmt::print("{}\n", cli::say("demo.daemon_log", log.string()));
  if (report) {
    fmt::print("{}\n", cli::say("demo.agency_report", report->string()));
  } else {
    std::fprintf(stderr, "sinkron demo: %s\n", report.error().message.c_str());
    exitCode = kExitFailure;
  }
  // exit 2: the cycle finished, a step failed and the rest ran on stored data.
  return exitCode;
}

}  // namespace

void addDemoCommand(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand(
      "demo",
      "The demo: start the simulators of SIMPEG, SIASN + SSO, e-Kinerja, training, Fingerspot "
      "and e-presensi on loopback (sinkron-sim), write the site's config for them into --dir, "
      "run one full sync cycle (as `serve --once`) with SQLite state there, write the largest "
      "agency's report and print where everything is. The simulators stop when it ends. Exit "
      "0 ok, 2 the cycle was partial, 1 failed.");
  auto o = std::make_shared<DemoOptions>();
  cmd->add_option("--dir", o->dir, "Folder for the config, state, logs and reports")
      ->capture_default_str();
  cmd->add_option("--people", o->people, "People in the simulated population")
      ->check(CLI::Range(1ull, 5000000ull))
      ->capture_default_str();
  cmd->add_option("--seed", o->seed, "Seed of the population")->capture_default_str();
  cmd->add_option("--sim", o->sim,
                  "The sinkron-sim binary (default: next to this build, else on PATH)");
  cmd->add_option("--templates", o->templates,
                  "Folder of the demo config templates (*.demo.yaml.in; default: the source "
                  "tree's deploy/demo, else /usr/share/sinkron/demo)");
  cmd->add_option("--timeout", o->timeoutSeconds, "Seconds the sync cycle may take")
      ->check(CLI::Range(10, 86400))
      ->capture_default_str();
  cmd->callback([o, &exitCode] { exitCode = runDemo(*o); });
}

}  // namespace sinkron::daemon
