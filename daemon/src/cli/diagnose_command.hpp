#pragma once
#include <CLI/CLI.hpp>

namespace sinkron::daemon {

void addDiagnoseCommand(CLI::App& app, int& exitCode);

}  // namespace sinkron::daemon
