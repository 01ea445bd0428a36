#include "connector_set.hpp"

#include "sinkron/connectors/ekinerja_connector.hpp"
#include "sinkron/connectors/siasn_connector.hpp"
#include "sinkron/connectors/simpeg_rest_connector.hpp"
#include "sinkron/connectors/training_connector.hpp"

namespace sinkron::daemon::sync {

// Creates one instance per configured entry of one connector type.
template <typename ConnectorType, typename Configs>
Status ConnectorSet::addAll(const Configs& configs) {
  for (const auto& [name, cfg] : configs) {
    auto c = ConnectorType::create(cfg);
    if (!c) return Error{c.error().code, "connector " + name + ": " + c.error().message};
    auto* raw = c->get();
    statsReaders_[name] = [raw] { return raw->httpStats(); };
    connectors_.emplace(name, std::move(*c));
  }
  return {};
}

Result<std::unique_ptr<ConnectorSet>> ConnectorSet::create(const DaemonConfig& config) {
  auto set = std::make_unique<ConnectorSet>();
  for (Status s : {set->addAll<connectors::simpeg::SimpegRestConnector>(config.simpegRest),
                   set->addAll<connectors::siasn::SiasnConnector>(config.siasn),
                   set->addAll<connectors::training::TrainingConnector>(config.training),
                   set->addAll<connectors::ekinerja::EkinerjaConnector>(config.ekinerja)})
    if (!s) return s.error();
  return set;
}

connectors::Connector* ConnectorSet::find(const std::string& name) const {
  auto it = connectors_.find(name);
  return it == connectors_.end() ? nullptr : it->second.get();
}

std::uint64_t ConnectorSet::requests() const {
  std::uint64_t total = 0;
  for (const auto& [name, read] : statsReaders_) total += read().requests;
  return total;
}

std::map<std::string, connectors::http::ClientStats> ConnectorSet::httpStats() const {
  std::map<std::string, connectors::http::ClientStats> out;
  for (const auto& [name, read] : statsReaders_) out.emplace(name, read());
  return out;
}

}  // namespace sinkron::daemon::sync
