// `sinkron diagnose`: why can't this employee use e-Kinerja? One person across the systems, from
// the state store, with a PASS/FAIL list and the fix for each failure (Bahasa Indonesia or
// English). Exit 0 nothing failed, 2 something failed or the person was not found, 1 could not
// run.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdlib>

#include "../sync/person_refresh.hpp"
#include "configured_store.hpp"
#include "diagnose_command.hpp"
#include "messages.hpp"
#include "sinkron/daemon/cli.hpp"
#include "sinkron/daemon/sync/daemon_config.hpp"
#include "sinkron/daemon/sync/site_calendar.hpp"
#include "sinkron/diagnose/diagnoser.hpp"
#include "sinkron/diagnose/fix_approval.hpp"
#include "sinkron/diagnose/report_render.hpp"

namespace sinkron::daemon {
namespace {

// The CLI's language: the global --lang, else the locale.
diagnose::Lang defaultLang() {
  return cli::currentLang() == cli::Lang::kId ? diagnose::Lang::kId : diagnose::Lang::kEn;
}

std::string cliUser() {
  const char* user = std::getenv("USER");
  return user && *user ? user : "unknown";
}

}  // namespace

void addDiagnoseCommand(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand(
      "diagnose",
      "Why can't this employee use e-Kinerja? Shows the person in SIMPEG and SIASN, how they are "
      "linked, and checks (NIP/NIK consistency, status, retirement age, position, unit, email, "
      "identity agreement, supervisor, pending or dead-lettered pushes) with the fix for each "
      "failure. --refresh re-pulls the person first.");
  auto config = std::make_shared<std::string>();
  auto query = std::make_shared<diagnose::DiagnoseQuery>();
  auto json = std::make_shared<bool>(false);
  auto lang = std::make_shared<std::string>();
  auto refresh = std::make_shared<bool>(false);
  auto approve = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>();
  cmd->add_option("--config", *config, "The daemon's config file (YAML)")->required();
  auto* nip = cmd->add_option("--nip", query->nip, "The NIP (18 digits)");
  auto* nik = cmd->add_option("--nik", query->nik, "The NIK (16 digits)");
  auto* name = cmd->add_option("--name", query->name, "The name (with --birth-date)");
  cmd->add_option("--birth-date", query->birthDate, "Birth date: yyyy-mm-dd or dd-mm-yyyy")
      ->needs(name);
  nip->excludes(nik)->excludes(name);
  nik->excludes(name);
  cmd->add_flag("--json", *json, "Print the report as JSON");
  cmd->add_flag("--refresh", *refresh,
                "Re-pull the person from SIMPEG and SIASN first (needs the connectors' secrets)");
  auto* approveOpt = cmd->add_option(
      "--approve", *approve,
      "Queue the offered fix with this fix id (shown by diagnose) through the outbox");
  cmd->add_option("--reason", *reason, "Why the fix is approved (goes to the change history)")
      ->needs(approveOpt);
  approveOpt->needs("--reason");
  cmd->add_option("--lang", *lang, "id (Bahasa Indonesia) or en; default from the locale")
      ->check(CLI::IsMember({"id", "en"}));
  cmd->callback([=, &exitCode] {
    auto st = openConfiguredStore(*config, "diagnose", exitCode);
    if (!st) return;
    const sync::DaemonConfig* cfg = &st->config;
    diagnose::DiagnoseSettings settings;
    settings.simpegConnector = cfg->sync.simpeg;
    settings.siasnConnector = cfg->sync.siasn;
    settings.asOf = sync::siteDay(cfg->timeZone);
    diagnose::Diagnoser diagnoser(*st->store, settings);
    Result<diagnose::DiagnoseReport> report = Error::internal("not run");
    if (*refresh) {
      auto full = sync::loadDaemonConfig(*config);  // with secrets: the connectors log in
      auto connectors = full ? sync::ConnectorSet::create(*full)
                             : Result<std::unique_ptr<sync::ConnectorSet>>(full.error());
      if (!connectors) {
        std::fprintf(stderr, "sinkron diagnose --refresh: %s\n",
                     connectors.error().message.c_str());
        exitCode = kExitFailure;
        return;
      }
      report = sync::diagnoseRefreshed(*st->store, **connectors, *full, diagnoser, *query);
    } else {
      report = diagnoser.diagnose(*query);
    }
    if (!report) {
      std::fprintf(stderr, "sinkron diagnose: %s\n", report.error().message.c_str());
      exitCode = kExitFailure;
      return;
    }
    if (!approve->empty()) {
      auto fix = diagnose::findOfferedFix(*report, *approve);
      auto queued = fix ? diagnose::approveFix(*st->store, *fix, "cli:" + cliUser(), *reason)
                        : Result<diagnose::ApprovedFix>(fix.error());
      if (!queued) {
        std::fprintf(stderr, "sinkron diagnose --approve: %s\n", queued.error().message.c_str());
        exitCode = kExitFailure;
        return;
      }
      fmt::print("{}\n", *json ? fmt::format("{{\"outbox_id\":{},\"created\":{}}}",
                                             queued->outboxId, queued->created)
                               : fmt::format("fix {} {} outbox #{}", *approve,
                                             queued->created ? "queued as" : "already in",
                                             queued->outboxId));
      exitCode = kExitOk;
      return;
    }
    diagnose::Lang l =
        lang->empty() ? defaultLang() : (*lang == "id" ? diagnose::Lang::kId : diagnose::Lang::kEn);
    fmt::print("{}\n", *json ? diagnose::toJson(*report) : diagnose::toText(*report, l));
    bool failed = !report->found;
    for (const auto& c : report->checks)
      failed = failed || c.status == diagnose::CheckStatus::kFail;
    exitCode = failed ? kExitInputErrors : kExitOk;
  });
}

}  // namespace sinkron::daemon
