#pragma once
#include <CLI/CLI.hpp>

#include "sinkron/daemon/sync/sync_engine.hpp"

namespace sinkron::daemon {

void addSyncCommands(CLI::App& app, int& exitCode);
void printCycleSummary(const sync::CycleSummary& summary);
int exitCodeOf(const sync::CycleSummary& summary);

}  // namespace sinkron::daemon
