#pragma once
#include <CLI/CLI.hpp>

namespace sinkron::daemon {

void addTokenCommands(CLI::App& app, int& exitCode);

}  // namespace sinkron::daemon
