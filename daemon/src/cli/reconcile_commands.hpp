#pragma once
#include <CLI/CLI.hpp>

#include "sinkron/daemon/reconcile_job.hpp"

namespace sinkron::daemon {

// `sinkron reconcile` (two exports compared offline) and `sinkron generate` (a synthetic
// population to reconcile); their human output comes from the message catalog.
void addReconcileCommands(CLI::App& app, int& exitCode);

// The summary a person reads after `sinkron reconcile`, in the current language.
void printReconcileSummary(const ReconcileSummary& summary);

}  // namespace sinkron::daemon
