#pragma once
// `sinkron status | runs | conflicts | lookup`: read (and for conflicts, decide) through the
// admin API of a running daemon.
#include <CLI/CLI.hpp>

namespace sinkron::daemon {

void addRemoteCommands(CLI::App& app, int& exitCode);

}  // namespace sinkron::daemon
