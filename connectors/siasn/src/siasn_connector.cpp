#include "sinkron/connectors/siasn_connector.hpp"

#include <algorithm>
#include <future>

#include "siasn_impl.hpp"
#include "sinkron/security/masking.hpp"
#include "write_kinds.hpp"

namespace sinkron::connectors::siasn {
namespace {

const std::vector<std::string> kPerKeyStreams = {"data-utama",        "rw-jabatan", "rw-golongan",
                                                 "rw-diklat",         "rw-kursus",  "rw-skp22",
                                                 "rw-kinerjaperiodik"};

}  // namespace

std::string fillPath(std::string path,
                     std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  for (const auto& [name, value] : values)
    for (std::size_t at = path.find(name); at != std::string::npos;
         at = path.find(name, at + value.size()))
      path.replace(at, name.size(), value);
  return path;
}

bool isNipBaru(std::string_view text) {
  return text.size() == 18 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Error masked(Error e) {
  e.message = security::maskIdsInText(e.message);
  return e;
}

std::vector<auth::TokenBinding> SiasnConnector::Impl::bindings(bool withSso) const {
  std::vector<auth::TokenBinding> out = {{gatewayTokens, "Authorization", "Bearer "}};
  if (withSso) out.push_back({ssoTokens, "Auth", "bearer "});
  return out;
}

http::Request SiasnConnector::Impl::request(std::string method, std::string path,
                                            std::string label) const {
  http::Request r;
  r.method = std::move(method);
  r.url = config.gatewayUrl + path;
  r.headers = {{"Accept", "application/json"}};
  r.label = "siasn " + std::move(label);
  return r;
}

Result<http::Response> SiasnConnector::Impl::send(http::Request request, bool withSso) {
  Result<http::Response> answer =
      auth::sendAuthorizedBlocking(*client, bindings(withSso), std::move(request));
  if (!answer) return masked(answer.error());
  return answer;
}

void SiasnConnector::Impl::start(http::Request request, bool withSso,
                                 http::HttpClient::Callback done) {
  auth::sendAuthorized(*client, bindings(withSso), std::move(request), std::move(done));
}

Result<std::unique_ptr<SiasnConnector>> SiasnConnector::create(SiasnConfig config,
                                                               http::ClientOptions base) {
  if (Status s = config.validate(); !s) return s.error();
  const std::string where = "siasn connector '" + config.name + "'";
  Result<DataUtamaMapper> mapper = DataUtamaMapper::load(config.mapping, config.fieldAliases);
  if (!mapper) return Error::invalid(where + ": mapping: " + mapper.error().message);
  base.name = config.name;
  base.maxConcurrency = config.concurrency;
  if (!config.caFile.empty()) base.tls.caFile = config.caFile;
  base.retry.maxAttempts = config.maxAttempts;
  base.retry.baseDelay = config.retryBaseDelay;
  if (base.retry.maxDelay < base.retry.baseDelay) base.retry.maxDelay = base.retry.baseDelay;
  if (config.requestsPerSecond > 0) base.rate.requestsPerSecond = config.requestsPerSecond;
  Result<std::shared_ptr<http::HttpClient>> client = http::HttpClient::create(std::move(base));
  if (!client) return Error::invalid(where + ": " + client.error().message);

  auth::ClientCredentials gateway;
  gateway.tokenUrl = config.gatewayUrl + config.paths.gatewayToken;
  gateway.clientId = config.consumerKey;
  gateway.clientSecret = config.consumerSecret;
  gateway.basicAuth = true;
  std::shared_ptr<auth::TokenSource> gatewayTokens =
      auth::clientCredentialsSource(*client, std::move(gateway));
  std::shared_ptr<auth::TokenSource> ssoTokens;
  if (config.usesPreIssuedSsoToken()) {
    ssoTokens = auth::staticTokenSource(config.ssoToken);
  } else {
    auth::PasswordGrant sso;
    sso.tokenUrl = config.ssoUrl + config.paths.ssoToken;
    sso.clientId = config.ssoClientId;
    sso.username = config.ssoUsername;
    sso.password = config.ssoPassword;
    ssoTokens = auth::passwordGrantSource(*client, std::move(sso));
  }
  auto impl = std::unique_ptr<Impl>(
      new Impl{std::move(config), std::move(*mapper), *client, gatewayTokens, ssoTokens, {}});
  return std::unique_ptr<SiasnConnector>(new SiasnConnector(std::move(impl)));
}

SiasnConnector::SiasnConnector(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SiasnConnector::~SiasnConnector() = default;

std::string SiasnConnector::name() const {
  return impl_->config.name;
}

std::vector<std::string> SiasnConnector::streams() const {
  std::vector<std::string> out = kPerKeyStreams;
  out.push_back("referensi/<table>");
  return out;
}

http::ClientStats SiasnConnector::httpStats() const {
  return impl_->client->stats();
}

Status SiasnConnector::testConnection() {
  const std::string where = impl_->where() + ": test connection";
  if (Result<std::string> t = impl_->gatewayTokens->tokenBlocking(); !t)
    return Error{t.error().code, where + ": gateway token: " + t.error().message,
                 t.error().httpStatus};
  if (Result<std::string> t = impl_->ssoTokens->tokenBlocking(); !t)
    return Error{t.error().code, where + ": SSO token: " + t.error().message, t.error().httpStatus};
  std::string path =
      fillPath(impl_->config.paths.referensi, {{"{name}", impl_->config.paths.testReferensi}});
  http::Request r = impl_->request("GET", path + "?limit=1&offset=0", "referensi test");
  Result<http::Response> answer = impl_->send(std::move(r), false);
  if (!answer)
    return Error{answer.error().code, where + ": " + answer.error().message,
                 answer.error().httpStatus};
  return {};
}

Result<PullStats> SiasnConnector::pull(const PullRequest& request, PullSink& sink) {
  if (std::find(kPerKeyStreams.begin(), kPerKeyStreams.end(), request.stream) !=
      kPerKeyStreams.end())
    return impl_->pullPerKey(request, sink);
  if (request.stream.starts_with("referensi/") && request.stream.size() > 10)
    return impl_->pullReferensi(request, sink);
  return Error::invalid(impl_->where() + ": unknown stream '" + request.stream +
                        "' (one of: data-utama, rw-jabatan, rw-golongan, rw-diklat, rw-kursus, "
                        "rw-skp22, rw-kinerjaperiodik, referensi/<table>)");
}

Result<PushResult> SiasnConnector::push(const Change& change) {
  if (change.kind == "data-utama-update") return impl_->pushDataUtamaUpdate(change);
  if (findWriteKind(change.kind) != nullptr) return impl_->pushHistory(change);
  return Error::unsupported(impl_->where() + ": push: unsupported kind '" + change.kind +
                            "' (one of: " + writeKindNames() + ", data-utama-update)");
}

}  // namespace sinkron::connectors::siasn
