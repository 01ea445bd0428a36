#include "login_token_source.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace sinkron::connectors::attendance {

LoginTokenSource::LoginTokenSource(std::shared_ptr<http::HttpClient> client, std::string loginUrl,
                                   std::string username, security::Secret password,
                                   std::chrono::seconds margin)
    : client_(std::move(client)),
      loginUrl_(std::move(loginUrl)),
      username_(std::move(username)),
      password_(std::move(password)),
      margin_(margin) {}

std::uint64_t LoginTokenSource::logins() const {
  std::lock_guard lock(mutex_);
  return logins_;
}

void LoginTokenSource::invalidate(const std::string& token) {
  std::lock_guard lock(mutex_);
  if (token_.reveal() == token) token_ = security::Secret();
}

void LoginTokenSource::token(Callback done) {
  std::unique_lock lock(mutex_);
  if (!token_.empty() && std::chrono::steady_clock::now() + margin_ < expires_) {
    std::string token = token_.reveal();
    lock.unlock();
    done(std::move(token));
    return;
  }
  waiting_.push_back(std::move(done));
  if (inFlight_) return;
  inFlight_ = true;
  ++logins_;
  lock.unlock();

  rapidjson::StringBuffer body;
  rapidjson::Writer<rapidjson::StringBuffer> w(body);
  w.StartObject();
  w.Key("username");
  w.String(username_);
  w.Key("password");
  w.String(password_.reveal());
  w.EndObject();
  http::Request request;
  request.method = "POST";
  request.url = loginUrl_;
  request.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
  request.body = body.GetString();
  request.idempotent = true;  // a login creates nothing a repeat could duplicate
  request.label = "login";
  auto self = shared_from_this();
  client_->start(std::move(request),
                 [self](Result<http::Response> answer) { self->finish(std::move(answer)); });
}

void LoginTokenSource::finish(Result<http::Response> answer) {
  Result<std::string> outcome = Error::internal("login: no answer");
  long expiresIn = 3600;
  if (!answer) {
    Error e = answer.error();
    e.message = "login of '" + username_ + "' at " + loginUrl_ + ": " + e.message;
    outcome = std::move(e);
  } else {
    rapidjson::Document doc;
    doc.Parse(answer->body.data(), answer->body.size());
    auto token = doc.IsObject() ? doc.FindMember("token") : rapidjson::Value::MemberIterator();
    if (doc.HasParseError() || !doc.IsObject() || token == doc.MemberEnd() ||
        !token->value.IsString() || token->value.GetStringLength() == 0) {
      outcome = Error::parse("login of '" + username_ + "' at " + loginUrl_ +
                             ": the answer has no \"token\"");
    } else {
      outcome = std::string(token->value.GetString(), token->value.GetStringLength());
      if (auto it = doc.FindMember("expires_in"); it != doc.MemberEnd() && it->value.IsInt64())
        expiresIn = static_cast<long>(it->value.GetInt64());
    }
  }
  std::vector<Callback> waiting;
  {
    std::lock_guard lock(mutex_);
    if (outcome) {
      token_ = security::Secret(*outcome);
      expires_ = std::chrono::steady_clock::now() + std::chrono::seconds(expiresIn);
    }
    inFlight_ = false;
    waiting.swap(waiting_);
  }
  for (Callback& done : waiting) done(outcome);
}

}  // namespace sinkron::connectors::attendance
