#include "sinkron/connectors/ekinerja_connector.hpp"

#include "ekinerja_impl.hpp"
#include "sinkron/security/masking.hpp"

namespace sinkron::connectors::ekinerja {

Error masked(Error e) {
  e.message = security::maskIdsInText(e.message);
  return e;
}

http::Request EkinerjaConnector::Impl::request(std::string pathAndQuery, std::string label) const {
  http::Request r;
  r.url = config.baseUrl + pathAndQuery;
  r.headers = {{"Accept", "application/json"}};
  r.label = "ekinerja " + std::move(label);
  return r;
}

Result<http::Response> EkinerjaConnector::Impl::send(http::Request request) {
  Result<http::Response> answer =
      auth::sendAuthorizedBlocking(*client, bindings(), std::move(request));
  if (!answer) return masked(answer.error());
  return answer;
}

Result<std::unique_ptr<EkinerjaConnector>> EkinerjaConnector::create(EkinerjaConfig config,
                                                                     http::ClientOptions base) {
  if (Status s = config.validate(); !s) return s.error();
  base.name = config.name;
  base.maxConcurrency = config.concurrency;
  if (!config.caFile.empty()) base.tls.caFile = config.caFile;
  base.retry.maxAttempts = config.maxAttempts;
  base.retry.baseDelay = config.retryBaseDelay;
  if (base.retry.maxDelay < base.retry.baseDelay) base.retry.maxDelay = base.retry.baseDelay;
  if (config.requestsPerSecond > 0) base.rate.requestsPerSecond = config.requestsPerSecond;
  Result<std::shared_ptr<http::HttpClient>> client = http::HttpClient::create(std::move(base));
  if (!client)
    return Error::invalid("ekinerja connector '" + config.name + "': " + client.error().message);
  auth::ClientCredentials credentials;
  credentials.tokenUrl = config.baseUrl + config.paths.token;
  credentials.clientId = config.clientId;
  credentials.clientSecret = config.clientSecret;
  credentials.basicAuth = false;  // Laravel Passport: credentials in the form body
  auto tokens = auth::clientCredentialsSource(*client, std::move(credentials));
  auto impl = std::unique_ptr<Impl>(new Impl{std::move(config), *client, std::move(tokens)});
  return std::unique_ptr<EkinerjaConnector>(new EkinerjaConnector(std::move(impl)));
}

EkinerjaConnector::EkinerjaConnector(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EkinerjaConnector::~EkinerjaConnector() = default;

std::string EkinerjaConnector::name() const {
  return impl_->config.name;
}

std::vector<std::string> EkinerjaConnector::streams() const {
  return {"skp", "penilaian", "pegawai"};
}

http::ClientStats EkinerjaConnector::httpStats() const {
  return impl_->client->stats();
}

Status EkinerjaConnector::testConnection() {
  const std::string where = impl_->where() + ": test connection";
  if (Result<std::string> t = impl_->tokens->tokenBlocking(); !t)
    return Error{t.error().code, where + ": token: " + t.error().message, t.error().httpStatus};
  // A listing of a unit that does not exist: an empty page proves the path and the token.
  Result<http::Response> answer = impl_->send(impl_->request(
      impl_->config.paths.pegawai + "?unor_id=00000000000000000000000000000000&per_page=1",
      "test"));
  if (!answer)
    return Error{answer.error().code, where + ": " + answer.error().message,
                 answer.error().httpStatus};
  return {};
}

Result<PullStats> EkinerjaConnector::pull(const PullRequest& request, PullSink& sink) {
  if (request.stream == "skp") return impl_->pullSkp(request, sink);
  if (request.stream == "penilaian" || request.stream == "pegawai")
    return impl_->pullListing(request, sink);
  return Error::invalid(impl_->where() + ": unknown stream '" + request.stream +
                        "' (one of: skp, penilaian, pegawai)");
}

Result<PushResult> EkinerjaConnector::push(const Change& change) {
  return Error::unsupported(impl_->where() + ": push " + change.kind +
                            ": e-Kinerja is read only for sinkron (no writes)");
}

}  // namespace sinkron::connectors::ekinerja
