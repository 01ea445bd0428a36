#pragma once
// The state of one SiasnConnector shared by its parts (per-key pulls, reference pulls, pushes):
// config, mapper, HTTP client, the two token sources, URL building and authorized sends.
#include <array>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "data_utama_mapper.hpp"
#include "sinkron/connectors/siasn_connector.hpp"
#include "sinkron/connectors/token_source.hpp"

namespace sinkron::connectors::siasn {

// "{nip}" -> value, ... in a configured path.
std::string fillPath(std::string path,
                     std::initializer_list<std::pair<std::string_view, std::string_view>> values);
bool isNipBaru(std::string_view text);
// The message with NIP/NIK masked.
Error masked(Error e);

struct SiasnConnector::Impl {
  SiasnConfig config;
  DataUtamaMapper mapper;
  std::shared_ptr<http::HttpClient> client;
  std::shared_ptr<auth::TokenSource> gatewayTokens, ssoTokens;
  std::array<std::mutex, 1024> pushLocks;  // one push per person at a time (by NIP hash; enough
                                           // stripes that 256 pushes in flight rarely collide)

  std::string where() const { return "siasn connector '" + config.name + "'"; }
  // Both tokens (per-employee API) or the gateway token only (reference data).
  std::vector<auth::TokenBinding> bindings(bool withSso) const;
  http::Request request(std::string method, std::string path, std::string label) const;
  // Blocking send with the tokens attached (and refreshed once on a token rejection).
  Result<http::Response> send(http::Request request, bool withSso);
  // Starts a send; `done` runs on the HTTP client's I/O thread.
  void start(http::Request request, bool withSso, http::HttpClient::Callback done);

  Result<PullStats> pullPerKey(const PullRequest& request, PullSink& sink);
  Result<PullStats> pullReferensi(const PullRequest& request, PullSink& sink);
  Result<PushResult> pushHistory(const Change& change);
  Result<PushResult> pushDataUtamaUpdate(const Change& change);
};

}  // namespace sinkron::connectors::siasn
