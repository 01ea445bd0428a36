#pragma once
// ConnectorSet: the connector instances a config names, created once per daemon (and again on
// a config reload), looked up by instance name.
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "sinkron/connectors/connector.hpp"
#include "sinkron/connectors/http_client.hpp"
#include "sinkron/daemon/sync/daemon_config.hpp"

namespace sinkron::daemon::sync {

class ConnectorSet {
 public:
  static Result<std::unique_ptr<ConnectorSet>> create(const DaemonConfig& config);
  // nullptr when there is no such instance.
  connectors::Connector* find(const std::string& name) const;
  const std::map<std::string, std::unique_ptr<connectors::Connector>>& all() const {
    return connectors_;
  }
  // Requests sent by every instance so far (HTTP requests, for the cycle summary).
  std::uint64_t requests() const;
  // Each HTTP instance's client stats so far, by instance name.
  std::map<std::string, connectors::http::ClientStats> httpStats() const;

 private:
  template <typename ConnectorType, typename Configs>
  Status addAll(const Configs& configs);

  std::map<std::string, std::unique_ptr<connectors::Connector>> connectors_;
  std::map<std::string, std::function<connectors::http::ClientStats()>> statsReaders_;
};

}  // namespace sinkron::daemon::sync
