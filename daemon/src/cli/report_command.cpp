// `sinkron report --agency ID --period YYYY-MM`: the agency report — reconciliation per
// employee, SKP appraisal status with the deadline, training hours against the 20 JP target, and
// the monthly attendance summary — as xlsx, html or csv. Asks the running daemon
// (GET /api/v1/reports/agency) and writes the file it answers; --local builds it from the state
// store the config names (for when the daemon is down).
#include "report_command.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <fstream>

#include "admin_client.hpp"
#include "configured_store.hpp"
#include "display_format.hpp"
#include "exit_codes.hpp"
#include "messages.hpp"
#include "remote_call.hpp"
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

std::filesystem::path reportTarget(const std::filesystem::path& outDir, const std::string& agency,
                                   const std::string& period, const std::string& format) {
  const std::string stem = "laporan-" + agency + "-" + period;
  return outDir / (format == "csv" ? stem : stem + "." + format);
}

Result<std::filesystem::path> writeAgencyReport(const agency_report::AgencyReport& report,
                                                const std::string& format,
                                                const std::filesystem::path& outDir) {
  std::error_code ec;
  std::filesystem::create_directories(outDir, ec);
  const auto target = reportTarget(outDir, report.agency, periodOf(report), format);
  Status s = format == "xlsx"   ? agency_report::writeAgencyReportXlsx(report, target)
             : format == "html" ? agency_report::writeAgencyReportHtml(report, target)
                                : agency_report::writeAgencyReportCsv(report, target);
  if (!s) return s.error();
  return target;
}

std::string periodOf(const agency_report::AgencyReport& report) {
  return fmt::format("{:04}-{:02}", report.year, report.month);
}

namespace {

struct ReportArgs {
  cli::ConnectionOptions conn;
  std::string agency, period, format = "xlsx", out = ".";
  bool local = false;
};

void printWritten(const std::string& agency, std::int64_t employees, const std::string& period,
                  const std::filesystem::path& target) {
  fmt::print("{}\n", cli::say("report.written", agency, employees, period, target.string()));
}

void reportLocal(const ReportArgs& a, int& exitCode) {
  auto st = openConfiguredStore(a.conn.configFile, "report", exitCode);
  if (!st) return;
  auto report = agencyReportFor(*st->store, st->config, a.agency, a.period);
  auto target = report ? writeAgencyReport(*report, a.format, a.out)
                       : Result<std::filesystem::path>(report.error());
  if (!target) {
    std::fprintf(stderr, "sinkron report: %s\n", target.error().message.c_str());
    exitCode = kExitFailure;
    return;
  }
  printWritten(a.agency, static_cast<std::int64_t>(report->employees.size()), a.period, *target);
  exitCode = kExitOk;
}

bool writeFile(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

// The answer of format=csv, {"files":[{"name","content"}]}, as files in `dir`; false when a name
// is not a plain file name or a file cannot be written (the message says which).
bool writeCsvFiles(const rapidjson::Document& d, const std::filesystem::path& dir,
                   std::string& error) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (!d.HasMember("files") || !d["files"].IsArray()) {
    error = "the answer has no files";
    return false;
  }
  for (const auto& f : d["files"].GetArray()) {
    const std::string name = cli::jsonText(f, "name");
    if (name.empty() || name.find('/') != std::string::npos || name.starts_with(".")) {
      error = "the answer names a file '" + name + "'";
      return false;
    }
    if (!writeFile(dir / name, cli::jsonText(f, "content"))) {
      error = "cannot write " + (dir / name).string();
      return false;
    }
  }
  return true;
}

void reportRemote(const ReportArgs& a, int& exitCode) {
  cli::RemoteCall call("report");
  const std::string query = "/api/v1/reports/agency?agency=" + cli::queryValue(a.agency) +
                            "&period=" + cli::queryValue(a.period);
  std::string raw;
  auto figures = call.request(a.conn, query, std::nullopt, &raw);
  if (!figures) {
    exitCode = call.exitCode;
    return;
  }
  if (a.conn.json) {  // the figures; no file
    fmt::print("{}\n", raw);
    exitCode = kExitOk;
    return;
  }
  std::error_code ec;
  std::filesystem::create_directories(a.out, ec);
  const auto target = reportTarget(a.out, a.agency, a.period, a.format);
  std::string error;
  if (a.format == "csv") {
    auto files = call.get(query + "&format=csv");
    if (!files) {
      exitCode = call.exitCode;
      return;
    }
    if (!writeCsvFiles(*files, target, error)) {
      call.fail(kExitFailure, error);
      exitCode = call.exitCode;
      return;
    }
  } else {
    auto bytes = call.getRaw(query + "&format=" + a.format);
    if (!bytes) {
      exitCode = call.exitCode;
      return;
    }
    if (!writeFile(target, *bytes)) {
      call.fail(kExitFailure, "cannot write " + target.string());
      exitCode = call.exitCode;
      return;
    }
  }
  printWritten(a.agency, cli::jsonInt(*figures, "employees").value_or(0), a.period, target);
  exitCode = kExitOk;
}

}  // namespace

void addReportCommand(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand(
      "report",
      "The agency report: reconciliation status per employee, SKP appraisals not filled in or "
      "not finished (with the deadline), training hours against the 20 JP target (pushed to "
      "SIASN or not), and the monthly attendance summary for TPP. Asks the running daemon and "
      "writes the file; --json prints the figures; --local builds it from the store when the "
      "daemon is down.");
  auto a = std::make_shared<ReportArgs>();
  cmd->add_option("--agency", a->agency, "The agency (SIASN unor id)")->required();
  cmd->add_option("--period", a->period, "The month, YYYY-MM")->required();
  cmd->add_option("--format", a->format, "xlsx, html or csv (a folder of CSV files)")
      ->check(CLI::IsMember({"xlsx", "html", "csv"}));
  cmd->add_option("--out", a->out, "Folder for the report (created if needed)");
  cli::addConnectionOptions(cmd, a->conn);
  cli::addLocalFlag(
      cmd, a->local,
      "Build the report from the state store directly (needs --config FILE) instead of "
      "asking the daemon: for when the daemon is down");
  cmd->callback([a, &exitCode] {
    if (!a->local) return reportRemote(*a, exitCode);
    if (a->conn.configFile.empty()) {
      std::fprintf(stderr, "sinkron report: %s\n",
                   std::string(cli::text("local.need_config")).c_str());
      exitCode = kExitFailure;
      return;
    }
    if (cli::refuseJsonLocally("report", a->conn.json, exitCode)) return;
    reportLocal(*a, exitCode);
  });
}

}  // namespace sinkron::daemon
