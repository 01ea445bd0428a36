#pragma once
#include <CLI/CLI.hpp>

#include "sinkron/agency_report/agency_report.hpp"
#include "sinkron/daemon/sync/daemon_config.hpp"

namespace sinkron::daemon {

void addReportCommand(CLI::App& app, int& exitCode);
// The report of one agency and month (YYYY-MM), as of today in the site's zone.
Result<agency_report::AgencyReport> agencyReportFor(store::StateStore& store,
                                                    const sync::DaemonConfig& config,
                                                    const std::string& agency,
                                                    const std::string& period);

}  // namespace sinkron::daemon
