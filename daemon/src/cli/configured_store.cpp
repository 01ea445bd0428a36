#include "configured_store.hpp"

#include <cstdio>

#include "sinkron/daemon/cli.hpp"

namespace sinkron::daemon {

std::optional<ConfiguredStore> openConfiguredStore(const std::string& configFile,
                                                   const std::string& command, int& exitCode) {
  auto cfg = sync::loadDaemonConfig(configFile, /*withSecrets=*/false);
  if (!cfg) {
    std::fprintf(stderr, "sinkron %s: %s\n", command.c_str(), cfg.error().message.c_str());
    exitCode = kExitFailure;
    return std::nullopt;
  }
  auto st = store::StateStore::open(cfg->store);
  if (!st) {
    std::fprintf(stderr, "sinkron %s: %s\n", command.c_str(), st.error().message.c_str());
    exitCode = kExitFailure;
    return std::nullopt;
  }
  return ConfiguredStore{std::move(*cfg), std::move(*st)};
}

}  // namespace sinkron::daemon
