#include "oauth_token_source.hpp"

#include <rapidjson/document.h>

#include <cstdlib>

#include "sinkron/security/masking.hpp"

namespace sinkron::connectors::auth::detail {

std::string base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63],
            kAlphabet[v & 63]};
  }
  if (i + 1 == bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == bytes.size()) {
    unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63], '='};
  }
  return out;
}

OAuthTokenSource::OAuthTokenSource(std::shared_ptr<http::HttpClient> client, TokenEndpoint endpoint,
                                   std::chrono::seconds refreshMargin)
    : client_(std::move(client)), endpoint_(std::move(endpoint)), refreshMargin_(refreshMargin) {}

OAuthTokenSource::~OAuthTokenSource() {
  std::vector<Callback> waiting;
  {
    std::lock_guard lock(mutex_);
    waiting.swap(waiting_);
  }
  for (auto& done : waiting)
    done(Error::unavailable("token source for " + endpoint_.describe + " was closed"));
}

void OAuthTokenSource::token(Callback done) {
  std::unique_lock lock(mutex_);
  if (!token_.empty() && Clock::now() < validUntil_) {
    std::string current = token_;
    lock.unlock();
    done(std::move(current));
    return;
  }
  waiting_.push_back(std::move(done));
  if (refreshing_) return;
  refreshing_ = true;
  lock.unlock();
  refresh();
}

void OAuthTokenSource::invalidate(const std::string& token) {
  std::lock_guard lock(mutex_);
  if (!token.empty() && token == token_) {
    token_.clear();
    validUntil_ = {};
  }
}

std::string OAuthTokenSource::scrub(std::string text) const {
  for (const std::string& secret : endpoint_.secrets) {
    if (secret.empty()) continue;
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at))
      text.replace(at, secret.size(), security::Secret::kRedacted);
  }
  return security::maskIdsInText(text);
}

Result<std::pair<std::string, std::chrono::seconds>> OAuthTokenSource::parseAnswer(
    const std::string& body) const {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject())
    return Error::parse("token answer from " + endpoint_.url + " is not a JSON object");
  auto token = doc.FindMember("access_token");
  if (token == doc.MemberEnd() || !token->value.IsString() || token->value.GetStringLength() == 0)
    return Error::parse("token answer from " + endpoint_.url + " has no access_token");
  long long lifetime = 300;  // when the server does not say, assume a short life
  auto expires = doc.FindMember("expires_in");
  if (expires != doc.MemberEnd()) {
    if (expires->value.IsNumber())
      lifetime = static_cast<long long>(expires->value.GetDouble());
    else if (expires->value.IsString())
      lifetime = std::atoll(expires->value.GetString());
  }
  return std::make_pair(std::string(token->value.GetString(), token->value.GetStringLength()),
                        std::chrono::seconds(lifetime > 0 ? lifetime : 1));
}

void OAuthTokenSource::refresh() {
  http::Request request;
  request.method = "POST";
  request.url = endpoint_.url;
  request.body = endpoint_.form;
  request.idempotent = true;  // asking for a token twice is harmless
  request.label = "token";
  request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  request.headers.emplace_back("Accept", "application/json");
  if (!endpoint_.authorizationHeader.empty())
    request.headers.emplace_back("Authorization", endpoint_.authorizationHeader);
  std::weak_ptr<OAuthTokenSource> weak = weak_from_this();
  client_->start(std::move(request), [weak](Result<http::Response> answer) {
    auto self = weak.lock();
    if (!self) return;
    if (!answer) {
      Error e = answer.error();
      e.message = "cannot get a token (" + self->endpoint_.describe +
                  "): " + self->scrub(std::move(e.message));
      self->settle(std::move(e), std::chrono::seconds(0));
      return;
    }
    auto parsed = self->parseAnswer(answer->body);
    if (!parsed) {
      self->settle(parsed.error(), std::chrono::seconds(0));
      return;
    }
    self->settle(std::move(parsed->first), parsed->second);
  });
}

void OAuthTokenSource::settle(Result<std::string> token, std::chrono::seconds lifetime) {
  std::vector<Callback> waiting;
  {
    std::lock_guard lock(mutex_);
    if (token) {
      token_ = *token;
      // Refresh `margin` before expiry, but keep at least half the lifetime for short tokens.
      auto margin = std::min(refreshMargin_, lifetime / 2);
      validUntil_ = Clock::now() + lifetime - margin;
    }
    refreshing_ = false;
    waiting.swap(waiting_);
  }
  for (auto& done : waiting) done(token);
}

}  // namespace sinkron::connectors::auth::detail
