#pragma once
// The `http:` section of a connector's config file, read into ClientOptions from one declared
// table (key, type, default, description): unknown keys and wrong types are rejected with the
// file and line; cross-field rules are HttpClient::create's checks. Secrets (the client key's
// password) never come from this section: the connector sets them from the secrets store.
#include <span>
#include <string_view>

#include "sinkron/connectors/http_client.hpp"
#include "sinkron/result.hpp"

namespace YAML {
class Node;
}

namespace sinkron::connectors::http {

struct OptionDoc {
  std::string_view key;  // "retry.max_attempts"
  std::string_view type;
  std::string_view defaultValue;
  std::string_view description;
};

// The table, for --help and docs.
std::span<const OptionDoc> clientOptionDocs();

// Applies `node` (a map, or null for all defaults) on top of `options`. `file` names the config
// file in messages: "connectors.yaml:12: http.retry.max_attempts: expected an integer".
Status parseClientOptions(const YAML::Node& node, std::string_view file, ClientOptions& options);

}  // namespace sinkron::connectors::http
