#pragma once
// The state of one EkinerjaConnector shared by its parts: config, HTTP client, the token source,
// request building and authorized sends.
#include <memory>
#include <string>
#include <vector>

#include "sinkron/connectors/ekinerja_connector.hpp"
#include "sinkron/connectors/token_source.hpp"

namespace sinkron::connectors::ekinerja {

// The message with NIP/NIK masked.
Error masked(Error e);

struct EkinerjaConnector::Impl {
  EkinerjaConfig config;
  std::shared_ptr<http::HttpClient> client;
  std::shared_ptr<auth::TokenSource> tokens;

  std::string where() const { return "ekinerja connector '" + config.name + "'"; }
  std::vector<auth::TokenBinding> bindings() const {
    return {{tokens, "Authorization", "Bearer "}};
  }
  http::Request request(std::string pathAndQuery, std::string label) const;
  Result<http::Response> send(http::Request request);  // blocking, token attached

  Result<PullStats> pullSkp(const PullRequest& request, PullSink& sink);
  Result<PullStats> pullListing(const PullRequest& request, PullSink& sink);
};

}  // namespace sinkron::connectors::ekinerja
