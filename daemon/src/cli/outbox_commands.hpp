#pragma once
#include <CLI/CLI.hpp>

namespace sinkron::daemon {

void addOutboxCommands(CLI::App& app, int& exitCode);

}  // namespace sinkron::daemon
