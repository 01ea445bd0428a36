// `sinkron diagnose`: why can't this employee use e-Kinerja? One person across the systems, with
// a PASS/FAIL list and the fix for each failure (Bahasa Indonesia or English). Asks the running
// daemon (GET /api/v1/diagnose, POST /api/v1/fixes); --local reads the state store the config
// names instead (for when the daemon is down). Exit 0 nothing failed, 2 something failed or the
// person was not found, 1 could not run (and 3/5 for a refused token or an unreachable daemon).
#include "diagnose_command.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <CLI/CLI.hpp>

#include <cstdlib>

#include "../sync/person_refresh.hpp"
#include "admin_client.hpp"
#include "configured_store.hpp"
#include "diagnose_view.hpp"
#include "display_format.hpp"
#include "exit_codes.hpp"
#include "messages.hpp"
#include "remote_call.hpp"
#include "sinkron/daemon/sync/daemon_config.hpp"
#include "sinkron/daemon/sync/site_calendar.hpp"
#include "sinkron/diagnose/diagnoser.hpp"
#include "sinkron/diagnose/fix_approval.hpp"
#include "sinkron/diagnose/report_render.hpp"

namespace sinkron::daemon {
namespace {

struct DiagnoseArgs {
  cli::ConnectionOptions conn;
  diagnose::DiagnoseQuery query;
  std::string lang, approve, reason;
  bool refresh = false, local = false;
};

// The CLI's language: diagnose's own --lang, else the global --lang, else the locale.
diagnose::Lang reportLang(const std::string& lang) {
  if (lang == "id") return diagnose::Lang::kId;
  if (lang == "en") return diagnose::Lang::kEn;
  return cli::currentLang() == cli::Lang::kId ? diagnose::Lang::kId : diagnose::Lang::kEn;
}

std::string cliUser() {
  const char* user = std::getenv("USER");
  return user && *user ? user : "unknown";
}

int exitOf(bool failed) {
  return failed ? kExitInputErrors : kExitOk;
}

// ---- store-direct (--local) ----

void diagnoseLocal(const DiagnoseArgs& a, int& exitCode) {
  const std::string& config = a.conn.configFile;
  auto st = openConfiguredStore(config, "diagnose", exitCode);
  if (!st) return;
  const sync::DaemonConfig* cfg = &st->config;
  diagnose::DiagnoseSettings settings;
  settings.simpegConnector = cfg->sync.simpeg;
  settings.siasnConnector = cfg->sync.siasn;
  settings.asOf = sync::siteDay(cfg->timeZone);
  diagnose::Diagnoser diagnoser(*st->store, settings);
  Result<diagnose::DiagnoseReport> report = Error::internal("not run");
  if (a.refresh) {
    auto full = sync::loadDaemonConfig(config);  // with secrets: the connectors log in
    auto connectors = full ? sync::ConnectorSet::create(*full)
                           : Result<std::unique_ptr<sync::ConnectorSet>>(full.error());
    if (!connectors) {
      std::fprintf(stderr, "sinkron diagnose --refresh: %s\n", connectors.error().message.c_str());
      exitCode = kExitFailure;
      return;
    }
    report = sync::diagnoseRefreshed(*st->store, **connectors, *full, diagnoser, a.query);
  } else {
    report = diagnoser.diagnose(a.query);
  }
  if (!report) {
    std::fprintf(stderr, "sinkron diagnose: %s\n", report.error().message.c_str());
    exitCode = kExitFailure;
    return;
  }
  if (!a.approve.empty()) {
    auto fix = diagnose::findOfferedFix(*report, a.approve);
    auto queued = fix ? diagnose::approveFix(*st->store, *fix, "cli:" + cliUser(), a.reason)
                      : Result<diagnose::ApprovedFix>(fix.error());
    if (!queued) {
      std::fprintf(stderr, "sinkron diagnose --approve: %s\n", queued.error().message.c_str());
      exitCode = kExitFailure;
      return;
    }
    fmt::print("{}\n", a.conn.json ? fmt::format("{{\"outbox_id\":{},\"created\":{}}}",
                                                 queued->outboxId, queued->created)
                                   : cli::say(queued->created ? "diagnose.fix_queued"
                                                              : "diagnose.fix_known",
                                              a.approve, queued->outboxId));
    exitCode = kExitOk;
    return;
  }
  fmt::print("{}\n", a.conn.json ? diagnose::toJson(*report)
                                 : diagnose::toText(*report, reportLang(a.lang)));
  bool failed = !report->found;
  for (const auto& c : report->checks) failed = failed || c.status == diagnose::CheckStatus::kFail;
  exitCode = exitOf(failed);
}

// ---- through the admin API ----

std::string personQuery(const diagnose::DiagnoseQuery& q) {
  std::string s;
  auto add = [&](const char* k, const std::string& v) {
    if (!v.empty()) s += (s.empty() ? "" : "&") + std::string(k) + "=" + cli::queryValue(v);
  };
  add("nip", q.nip);
  add("nik", q.nik);
  add("name", q.name);
  add("birth_date", q.birthDate);
  return s;
}

std::string approveBody(const DiagnoseArgs& a) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  w.StartObject();
  auto str = [&](const char* k, const std::string& v) {
    if (v.empty()) return;
    w.Key(k);
    w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
  };
  str("nip", a.query.nip);
  str("nik", a.query.nik);
  str("name", a.query.name);
  str("birth_date", a.query.birthDate);
  str("fix_id", a.approve);
  str("reason", a.reason);
  w.EndObject();
  return sb.GetString();
}

void diagnoseRemote(const DiagnoseArgs& a, int& exitCode) {
  cli::RemoteCall call(a.approve.empty() ? "diagnose" : "diagnose --approve");
  std::string raw;
  if (!a.approve.empty()) {
    auto d = call.request(a.conn, "/api/v1/fixes", approveBody(a), &raw);
    if (!d) {
      exitCode = call.exitCode;
      return;
    }
    exitCode = kExitOk;
    if (a.conn.json) {
      fmt::print("{}\n", raw);
      return;
    }
    const auto outboxId = cli::jsonInt(*d, "outbox_id").value_or(0);
    fmt::print("{}\n",
               cli::say(cli::jsonBool(*d, "created") ? "diagnose.fix_queued" : "diagnose.fix_known",
                        a.approve, outboxId));
    return;
  }
  std::string path = "/api/v1/diagnose?" + personQuery(a.query);
  if (a.refresh) path += "&refresh=1";
  auto d = call.request(a.conn, path, std::nullopt, &raw);
  if (!d) {
    exitCode = call.exitCode;
    return;
  }
  exitCode = exitOf(cli::diagnosisFailed(*d));
  if (a.conn.json) {
    fmt::print("{}\n", raw);
    return;
  }
  // Diagnose's own --lang picks the report's language, as in the local path.
  const cli::Lang before = cli::currentLang();
  if (!a.lang.empty()) cli::setLang(a.lang == "id" ? cli::Lang::kId : cli::Lang::kEn);
  cli::printDiagnosis(*d);
  cli::setLang(before);
}

}  // namespace

void addDiagnoseCommand(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand(
      "diagnose",
      "Why can't this employee use e-Kinerja? Shows the person in SIMPEG and SIASN, how they are "
      "linked, and checks (NIP/NIK consistency, status, retirement age, position, unit, email, "
      "identity agreement, supervisor, pending or dead-lettered pushes) with the fix for each "
      "failure. Asks the running daemon (operator or helpdesk token); --refresh re-pulls the "
      "person first; --approve queues an offered fix (operator). --local reads the store when "
      "the daemon is down. Exit 0 nothing failed, 2 a check failed or nobody was found.");
  auto a = std::make_shared<DiagnoseArgs>();
  auto* nip = cmd->add_option("--nip", a->query.nip, "The NIP (18 digits)");
  auto* nik = cmd->add_option("--nik", a->query.nik, "The NIK (16 digits)");
  auto* name = cmd->add_option("--name", a->query.name, "The name (with --birth-date)");
  cmd->add_option("--birth-date", a->query.birthDate, "Birth date: yyyy-mm-dd or dd-mm-yyyy")
      ->needs(name);
  nip->excludes(nik)->excludes(name);
  nik->excludes(name);
  cmd->add_flag("--refresh", a->refresh,
                "Re-pull the person from SIMPEG and SIASN first (with --local: needs the "
                "connectors' secrets)");
  auto* approveOpt = cmd->add_option(
      "--approve", a->approve,
      "Queue the offered fix with this fix id (shown by diagnose) through the outbox");
  cmd->add_option("--reason", a->reason, "Why the fix is approved (goes to the change history)")
      ->needs(approveOpt);
  approveOpt->needs("--reason");
  cmd->add_option("--lang", a->lang, "id (Bahasa Indonesia) or en; default from the locale")
      ->check(CLI::IsMember({"id", "en"}));
  cli::addConnectionOptions(cmd, a->conn);
  cli::addLocalFlag(cmd, a->local,
                    "Read the state store directly (needs --config FILE) instead of asking the "
                    "daemon: for when the daemon is down");
  cmd->callback([a, &exitCode] {
    if (a->query.nip.empty() && a->query.nik.empty() && a->query.name.empty()) {
      std::fprintf(stderr, "sinkron diagnose: %s\n",
                   std::string(cli::text("diagnose.need_query")).c_str());
      exitCode = kExitFailure;
      return;
    }
    if (!a->local) return diagnoseRemote(*a, exitCode);
    if (a->conn.configFile.empty()) {
      std::fprintf(stderr, "sinkron diagnose: %s\n",
                   std::string(cli::text("local.need_config")).c_str());
      exitCode = kExitFailure;
      return;
    }
    diagnoseLocal(*a, exitCode);
  });
}

}  // namespace sinkron::daemon
