// `sinkron report --agency ID --period YYYY-MM`: the agency report from the state store —
// reconciliation per employee, SKP appraisal status with the deadline, training hours against
// the 20 JP target, and the monthly attendance summary — as xlsx, html or csv.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <chrono>

#include "configured_store.hpp"
#include "report_command.hpp"
#include "sinkron/agency_report/agency_report.hpp"
#include "sinkron/agency_report/report_writers.hpp"
#include "sinkron/daemon/cli.hpp"
#include "sinkron/daemon/sync/daemon_config.hpp"
#include "sinkron/daemon/sync/site_calendar.hpp"

namespace sinkron::daemon {

Result<agency_report::AgencyReport> agencyReportFor(store::StateStore& store,
                                                    const sync::DaemonConfig& cfg,
                                                    const std::string& agency,
                                                    const std::string& period) {
  int year = 0, month = 0;
  if (period.size() != 7 || period[4] != '-' ||
      std::sscanf(period.c_str(), "%4d-%2d", &year, &month) != 2)
    return Error::invalid("period: expected YYYY-MM, got '" + period + "'");
  agency_report::AgencyReportQuery q;
  q.agency = agency;
  q.year = year;
  q.month = month;
  q.simpegConnector = cfg.sync.simpeg;
  q.siasnConnector = cfg.sync.siasn;
  if (!cfg.sync.ekinerja.empty()) q.ekinerjaConnector = cfg.sync.ekinerja;
  if (!cfg.sync.training.empty()) q.trainingConnector = cfg.sync.training;
  const mappings::CivilDate today = sync::siteDay(cfg.timeZone);
  q.asOf = std::chrono::year_month_day(std::chrono::year(today.year),
                                       std::chrono::month(static_cast<unsigned>(today.month)),
                                       std::chrono::day(static_cast<unsigned>(today.day)));
  return agency_report::buildAgencyReport(store, q);
}

void addReportCommand(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand(
      "report",
      "The agency report from the state store: reconciliation status per employee, SKP "
      "appraisals not filled in or not finished (with the deadline), training hours against the "
      "20 JP target (pushed to SIASN or not), and the monthly attendance summary for TPP.");
  auto config = std::make_shared<std::string>();
  auto agency = std::make_shared<std::string>();
  auto period = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("xlsx");
  auto out = std::make_shared<std::string>(".");
  cmd->add_option("--config", *config, "The daemon's config file (YAML)")->required();
  cmd->add_option("--agency", *agency, "The agency (SIASN unor id)")->required();
  cmd->add_option("--period", *period, "The month, YYYY-MM")->required();
  cmd->add_option("--format", *format, "xlsx, html or csv")
      ->check(CLI::IsMember({"xlsx", "html", "csv"}));
  cmd->add_option("--out", *out, "Folder for the report (created if needed)");
  cmd->callback([=, &exitCode] {
    auto st = openConfiguredStore(*config, "report", exitCode);
    if (!st) return;
    auto report = agencyReportFor(*st->store, st->config, *agency, *period);
    if (!report) {
      std::fprintf(stderr, "sinkron report: %s\n", report.error().message.c_str());
      exitCode = kExitFailure;
      return;
    }
    std::error_code ec;
    std::filesystem::create_directories(*out, ec);
    const std::string stem = "laporan-" + *agency + "-" + *period;
    std::filesystem::path target = std::filesystem::path(*out) / (stem + "." + *format);
    Status s = *format == "xlsx"   ? agency_report::writeAgencyReportXlsx(*report, target)
               : *format == "html" ? agency_report::writeAgencyReportHtml(*report, target)
                                   : agency_report::writeAgencyReportCsv(
                                         *report, target = std::filesystem::path(*out) / stem);
    if (!s) {
      std::fprintf(stderr, "sinkron report: %s\n", s.error().message.c_str());
      exitCode = kExitFailure;
      return;
    }
    fmt::print("agency {}: {} employees, period {}; report: {}\n", *agency,
               report->employees.size(), *period, target.string());
    exitCode = kExitOk;
  });
}

}  // namespace sinkron::daemon
