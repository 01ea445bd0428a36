// `sinkron diagnose`: why can't this employee use e-Kinerja? One person across the systems, from
// the state store, with a PASS/FAIL list and the fix for each failure (Bahasa Indonesia or
// English). Exit 0 nothing failed, 2 something failed or the person was not found, 1 could not
// run.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdlib>

#include "configured_store.hpp"
#include "diagnose_command.hpp"
#include "sinkron/daemon/cli.hpp"
#include "sinkron/daemon/sync/daemon_config.hpp"
#include "sinkron/daemon/sync/site_calendar.hpp"
#include "sinkron/diagnose/diagnoser.hpp"
#include "sinkron/diagnose/report_render.hpp"

namespace sinkron::daemon {
namespace {

diagnose::Lang defaultLang() {
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"})
    if (const char* v = std::getenv(var); v && *v)
      return std::string(v).rfind("id", 0) == 0 ? diagnose::Lang::kId : diagnose::Lang::kEn;
  return diagnose::Lang::kEn;
}

}  // namespace

void addDiagnoseCommand(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand(
      "diagnose",
      "Why can't this employee use e-Kinerja? Shows the person in SIMPEG and SIASN, how they are "
      "linked, and checks (NIP/NIK consistency, status, retirement age, position, unit, email, "
      "identity agreement, pending or dead-lettered pushes) with the fix for each failure.");
  auto config = std::make_shared<std::string>();
  auto query = std::make_shared<diagnose::DiagnoseQuery>();
  auto json = std::make_shared<bool>(false);
  auto lang = std::make_shared<std::string>();
  cmd->add_option("--config", *config, "The daemon's config file (YAML)")->required();
  auto* nip = cmd->add_option("--nip", query->nip, "The NIP (18 digits)");
  auto* nik = cmd->add_option("--nik", query->nik, "The NIK (16 digits)");
  auto* name = cmd->add_option("--name", query->name, "The name (with --birth-date)");
  cmd->add_option("--birth-date", query->birthDate, "Birth date: yyyy-mm-dd or dd-mm-yyyy")
      ->needs(name);
  nip->excludes(nik)->excludes(name);
  nik->excludes(name);
  cmd->add_flag("--json", *json, "Print the report as JSON");
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
    auto report = diagnoser.diagnose(*query);
    if (!report) {
      std::fprintf(stderr, "sinkron diagnose: %s\n", report.error().message.c_str());
      exitCode = kExitFailure;
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
