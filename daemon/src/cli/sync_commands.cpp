// `sinkron sync`, `sinkron config check`: one sync cycle in the foreground, and a config check
// that validates everything a daemon start would, without starting.
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "../serve/daemon_process.hpp"
#include "../sync/connector_set.hpp"
#include "display_format.hpp"
#include "messages.hpp"
#include "remote_sync.hpp"
#include "sinkron/daemon/cli.hpp"
#include "sinkron/daemon/sync/daemon_config.hpp"
#include "sinkron/daemon/sync/sync_engine.hpp"
#include "sinkron/process/logging.hpp"
#include "sinkron/security/masking.hpp"
#include "sync_commands.hpp"

namespace sinkron::daemon {
namespace {

using sync::CycleSummary;

std::uint64_t situation(const CycleSummary& s, const char* name) {
  auto it = s.situations.find(name);
  return it == s.situations.end() ? 0 : it->second;
}

}  // namespace

void printCycleSummary(const CycleSummary& s) {
  using cli::say;
  fmt::print("{}\n",
             say("summary.head", s.runId, cli::statusWord(s.status), s.seconds, s.requests));
  for (const auto& [stream, n] : s.pulled) fmt::print("{}\n", say("summary.pulled", stream, n));
  if (s.missingFlagged) fmt::print("{}\n", say("summary.vanished", s.missingFlagged));
  fmt::print("{}\n", say("summary.matched", situation(s, "matched")));
  fmt::print("{}\n",
             say("summary.matched_diff", situation(s, "matched_with_differences"), s.differences));
  fmt::print("{}\n", say("summary.review", situation(s, "review")));
  fmt::print("{}\n", say("summary.only_simpeg", situation(s, "only_left")));
  fmt::print("{}\n", say("summary.only_siasn", situation(s, "only_right")));
  fmt::print("{}\n", say("summary.duplicates", situation(s, "duplicate")));
  fmt::print("{}\n", say("summary.anomalies", s.anomalies));
  if (s.trainingResolved + s.trainingUnresolved)
    fmt::print("{}\n", say("summary.training", s.trainingResolved, s.trainingUnresolved));
  fmt::print("{}\n", say("summary.queued", s.queued, s.alreadyQueued));
  if (s.previewed) fmt::print("{}\n", say("summary.previewed", s.previewed));
  fmt::print("{}\n", say("summary.pushed", s.pushed, s.alreadyPresent));
  fmt::print("{}\n", say("summary.retry", s.retryLater, s.outboxPending));
  fmt::print("{}\n", say("summary.dead", s.deadLettered, s.deadLettersWaiting));
  if (s.attendanceRows)
    fmt::print("{}\n", say("summary.attendance", s.attendanceRows, s.unmappedPunches));
  fmt::print("{}\n", say("summary.conflicts", s.conflictsOpened));
  for (const auto& p : s.problems) fmt::print("{}\n", say("summary.problem", p));
  fmt::print("{}\n", say("summary.run_folder", s.runDir.string()));
  if (!s.reportHtml.empty()) fmt::print("{}\n", say("summary.report", s.reportHtml.string()));
  if (!s.reportXlsx.empty()) fmt::print("{}\n", say("summary.report", s.reportXlsx.string()));
  if (!s.previewFile.empty()) fmt::print("{}\n", say("summary.preview", s.previewFile.string()));
}

int exitCodeOf(const CycleSummary& s) {
  return s.status == "ok" ? kExitOk : s.status == "partial" ? kExitInputErrors : kExitFailure;
}

void addSyncCommands(CLI::App& app, int& exitCode) {
  auto* sync = app.add_subcommand(
      "sync",
      "Run one sync cycle now, in the foreground: pull from every system, reconcile, plan the "
      "pushes the ownership policy decides, and deliver the outbox. Exit 0 ok, 2 partial (a "
      "step failed; the rest ran on stored data), 1 failed. With --remote, ask the running "
      "daemon to start one instead (--follow: watch it; exit 0 ok, 2 partial, 6 failed).");
  auto config = std::make_shared<std::string>();
  auto dryRun = std::make_shared<bool>(false);
  auto full = std::make_shared<bool>(false);
  auto json = std::make_shared<bool>(false);
  auto remote = std::make_shared<cli::RemoteSyncOptions>();
  auto remoteFlag = std::make_shared<bool>(false);
  sync->add_option("--config", *config,
                   "The daemon's config file (YAML); required without --remote");
  auto* dryRunFlag =
      sync->add_flag("--dry-run", *dryRun,
                     "Plan everything and write preview.csv in the run folder; send nothing");
  auto* fullFlag = sync->add_flag(
      "--full", *full, "Pull SIMPEG and training from the beginning (finds records deleted there)");
  sync->add_flag("--json", *json, "Print the summary as JSON");
  auto* remoteOpt =
      sync->add_flag("--remote", *remoteFlag,
                     "Ask the running daemon (admin API, operator token) to start a sync run now");
  sync->add_flag("--follow", remote->follow,
                 "With --remote: watch the run to its end (progress on stderr) and exit with its "
                 "outcome")
      ->needs(remoteOpt);
  remoteOpt->excludes(dryRunFlag)->excludes(fullFlag);
  cli::addConnectionOptions(sync, remote->connection, /*withConfigAndJson=*/false);
  sync->callback([=, &exitCode] {
    if (*remoteFlag) {
      cli::RemoteSyncOptions o = *remote;
      o.connection.configFile = *config;
      o.connection.json = *json;
      exitCode = cli::runRemoteSync(o);
      return;
    }
    if (config->empty()) {
      std::fprintf(stderr, "sinkron sync: %s\n",
                   std::string(cli::text("sync.need_config")).c_str());
      exitCode = kExitFailure;
      return;
    }
    auto cfg = sync::loadDaemonConfig(*config);
    if (!cfg) {
      std::fprintf(stderr, "sinkron sync: %s\n", cfg.error().message.c_str());
      exitCode = kExitFailure;
      return;
    }
    // Logs go to stderr (and the configured file), masked; stdout keeps the summary alone.
    auto logOptions = process::parseLogOptions(cfg->log.format, cfg->log.level, cfg->log.file);
    if (!logOptions || !process::setupLogging(*logOptions)) {
      std::fprintf(stderr, "sinkron sync: %s: log settings are invalid\n", config->c_str());
      exitCode = kExitFailure;
      return;
    }
    auto store = store::StateStore::open(cfg->store);
    if (!store) {
      std::fprintf(stderr, "sinkron sync: %s\n", store.error().message.c_str());
      exitCode = kExitFailure;
      return;
    }
    auto connectors = sync::ConnectorSet::create(*cfg);
    if (!connectors) {
      std::fprintf(stderr, "sinkron sync: %s\n", connectors.error().message.c_str());
      exitCode = kExitFailure;
      return;
    }
    sync::SyncEngine engine(*cfg, **store, **connectors);
    if (auto r = engine.recover(); r) spdlog::info("recovered: {}", *r);
    sync::CycleOptions o;
    o.dryRun = *dryRun;
    o.fullPull = *full;
    auto summary = engine.runCycle(o);
    if (!summary) {
      std::fprintf(stderr, "sinkron sync: %s\n",
                   security::maskIdsInText(summary.error().message).c_str());
      exitCode = kExitFailure;
      return;
    }
    if (*json)
      fmt::print("{}\n", summary->toJson());
    else
      printCycleSummary(*summary);
    exitCode = exitCodeOf(*summary);
  });

  auto* serve = app.add_subcommand(
      "serve",
      "Run the daemon: sync cycles on the configured cron schedule (in the site's time zone; one "
      "catch-up run after downtime when sync.misfire is run_once), never two at once. SIGTERM "
      "stops at the next checkpoint, SIGHUP reloads the config (an invalid one is rejected and the "
      "old one kept); systemd notify and watchdog when run under systemd (Type=notify).");
  auto serveOptions = std::make_shared<ServeOptions>();
  auto serveConfig = std::make_shared<std::string>();
  serve->add_option("--config", *serveConfig, "The daemon's config file (YAML)")->required();
  serve->add_flag("--once", serveOptions->once,
                  "Run one full sync cycle at start, print its summary and exit with its code");
  serve->add_flag("--run-now", serveOptions->runNow,
                  "Run one sync cycle at start, then keep serving the schedule");
  serve->add_flag("--dry-run", serveOptions->dryRun,
                  "Plan and write previews only: nothing is sent to any system");
  serve->callback([=, &exitCode] {
    ServeOptions o = *serveOptions;
    o.config = *serveConfig;
    auto outcome = serveDaemon(o);
    if (!outcome) {
      std::fprintf(stderr, "sinkron serve: %s\n",
                   security::maskIdsInText(outcome.error().message).c_str());
      exitCode = kExitFailure;
      return;
    }
    if (o.once && outcome->lastCycle) printCycleSummary(*outcome->lastCycle);
    exitCode = outcome->exitCode;
  });

  auto* configCmd = app.add_subcommand("config", "Work with the daemon's config file");
  auto* check = configCmd->add_subcommand(
      "check",
      "Validate a config without starting: every key, value, secret reference, mapping file and "
      "connector setting, and that the state store opens. Exit 0 valid, 1 not.");
  auto checkFile = std::make_shared<std::string>();
  check->add_option("--config", *checkFile, "The config file (YAML)")->required();
  configCmd->require_subcommand(1);
  check->callback([=, &exitCode] {
    auto cfg = sync::loadDaemonConfig(*checkFile);
    if (!cfg) {
      std::fprintf(stderr, "config invalid: %s\n", cfg.error().message.c_str());
      exitCode = kExitFailure;
      return;
    }
    auto connectors = sync::ConnectorSet::create(*cfg);
    if (!connectors) {
      std::fprintf(stderr, "config invalid: %s\n", connectors.error().message.c_str());
      exitCode = kExitFailure;
      return;
    }
    auto store = store::StateStore::open(cfg->store);
    if (!store) {
      std::fprintf(stderr, "config invalid: state store: %s\n", store.error().message.c_str());
      exitCode = kExitFailure;
      return;
    }
    fmt::print("config ok: {} ({}), {} connectors, store schema v{}, schedule '{}'\n",
               cfg->siteName, cfg->timeZone, (*connectors)->all().size(), (*store)->schemaVersion(),
               cfg->sync.schedule);
    exitCode = kExitOk;
  });
}

}  // namespace sinkron::daemon
