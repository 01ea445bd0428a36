#pragma once
// For the commands that only read or change the state store (token, outbox, dlq, diagnose,
// report): the config (without resolving the daemon's secrets) and its store, or a message on
// stderr naming the command and kExitFailure in `exitCode`.
#include <memory>
#include <optional>
#include <string>

#include "sinkron/daemon/sync/daemon_config.hpp"
#include "sinkron/store/state_store.hpp"

namespace sinkron::daemon {

struct ConfiguredStore {
  sync::DaemonConfig config;
  std::unique_ptr<store::StateStore> store;
};

std::optional<ConfiguredStore> openConfiguredStore(const std::string& configFile,
                                                   const std::string& command, int& exitCode);

}  // namespace sinkron::daemon
