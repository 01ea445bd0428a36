#pragma once
#include <CLI/CLI.hpp>

namespace sinkron::daemon {

// `sinkron demo`: simulators, config, one sync cycle and the agency report in one command.
void addDemoCommand(CLI::App& app, int& exitCode);

}  // namespace sinkron::daemon
