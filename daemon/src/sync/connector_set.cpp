#include "connector_set.hpp"

#include "sinkron/connectors/ekinerja_connector.hpp"
#include "sinkron/connectors/siasn_connector.hpp"
#include "sinkron/connectors/simpeg_rest_connector.hpp"
#include "sinkron/connectors/training_connector.hpp"

namespace sinkron::daemon::sync {

Result<std::unique_ptr<ConnectorSet>> ConnectorSet::create(const DaemonConfig& config) {
  auto set = std::make_unique<ConnectorSet>();
  for (const auto& [name, cfg] : config.simpegRest) {
    auto c = connectors::simpeg::SimpegRestConnector::create(cfg);
    if (!c) return Error{c.error().code, "connector " + name + ": " + c.error().message};
    auto* raw = c->get();
    set->requestCounters_[name] = [raw] { return raw->httpStats().requests; };
    set->connectors_.emplace(name, std::move(*c));
  }
  for (const auto& [name, cfg] : config.siasn) {
    auto c = connectors::siasn::SiasnConnector::create(cfg);
    if (!c) return Error{c.error().code, "connector " + name + ": " + c.error().message};
    auto* raw = c->get();
    set->requestCounters_[name] = [raw] { return raw->httpStats().requests; };
    set->connectors_.emplace(name, std::move(*c));
  }
  for (const auto& [name, cfg] : config.training) {
    auto c = connectors::training::TrainingConnector::create(cfg);
    if (!c) return Error{c.error().code, "connector " + name + ": " + c.error().message};
    auto* raw = c->get();
    set->requestCounters_[name] = [raw] { return raw->httpStats().requests; };
    set->connectors_.emplace(name, std::move(*c));
  }
  for (const auto& [name, cfg] : config.ekinerja) {
    auto c = connectors::ekinerja::EkinerjaConnector::create(cfg);
    if (!c) return Error{c.error().code, "connector " + name + ": " + c.error().message};
    auto* raw = c->get();
    set->requestCounters_[name] = [raw] { return raw->httpStats().requests; };
    set->connectors_.emplace(name, std::move(*c));
  }
  return set;
}

connectors::Connector* ConnectorSet::find(const std::string& name) const {
  auto it = connectors_.find(name);
  return it == connectors_.end() ? nullptr : it->second.get();
}

std::uint64_t ConnectorSet::requests() const {
  std::uint64_t total = 0;
  for (const auto& [name, count] : requestCounters_) total += count();
  return total;
}

}  // namespace sinkron::daemon::sync
