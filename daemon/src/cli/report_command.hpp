#pragma once
#include <CLI/CLI.hpp>

#include <filesystem>
#include <string>

#include "sinkron/agency_report/agency_report.hpp"
#include "sinkron/daemon/sync/daemon_config.hpp"

namespace sinkron::daemon {

void addReportCommand(CLI::App& app, int& exitCode);
// The report of one agency and month (YYYY-MM), as of today in the site's zone.
Result<agency_report::AgencyReport> agencyReportFor(store::StateStore& store,
                                                    const sync::DaemonConfig& config,
                                                    const std::string& agency,
                                                    const std::string& period);
// The report's month as YYYY-MM.
std::string periodOf(const agency_report::AgencyReport& report);
// Where the report goes: OUT/laporan-AGENCY-PERIOD.xlsx|.html, or the folder
// OUT/laporan-AGENCY-PERIOD of the CSV files.
std::filesystem::path reportTarget(const std::filesystem::path& outDir, const std::string& agency,
                                   const std::string& period, const std::string& format);
// Writes the report (xlsx, html or csv) into `outDir` (created); the file or folder written.
Result<std::filesystem::path> writeAgencyReport(const agency_report::AgencyReport& report,
                                                const std::string& format,
                                                const std::filesystem::path& outDir);

}  // namespace sinkron::daemon
