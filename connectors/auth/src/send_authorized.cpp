// sendAuthorized: attach every binding's token, send, and on a token rejection drop the tokens
// used, fetch new ones (shared refresh) and send exactly once more.
#include <algorithm>
#include <array>
#include <cctype>
#include <future>

#include "sinkron/connectors/token_source.hpp"
#include "sinkron/security/masking.hpp"

namespace sinkron::connectors::auth {
namespace {

// The token-error shapes of DOMAIN.md (SIASN gateway and SSO, WSO2, Laravel, OAuth2), lower case.
constexpr std::array<std::string_view, 4> kTokenErrorTexts = {
    "invalid or expired jwt", "token sso mismatch", "unauthenticated.", "invalid_token"};
// WSO2 gateway codes, matched as whole numbers (a phone number may contain the digits).
constexpr std::array<std::string_view, 2> kTokenErrorCodes = {"900901", "900902"};
constexpr std::size_t kMaxErrorText = 512;  // error shapes are short; data answers are not

bool containsNumber(std::string_view text, std::string_view number) {
  auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
  for (auto at = text.find(number); at != std::string_view::npos; at = text.find(number, at + 1)) {
    bool before = at > 0 && isDigit(text[at - 1]);
    bool after = at + number.size() < text.size() && isDigit(text[at + number.size()]);
    if (!before && !after) return true;
  }
  return false;
}

bool mentionsTokenError(std::string_view text) {
  if (text.size() > kMaxErrorText) return false;
  if (std::any_of(kTokenErrorCodes.begin(), kTokenErrorCodes.end(),
                  [&](std::string_view code) { return containsNumber(text, code); }))
    return true;
  std::string lower(text);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return std::any_of(
      kTokenErrorTexts.begin(), kTokenErrorTexts.end(),
      [&](std::string_view needle) { return lower.find(needle) != std::string::npos; });
}

struct AuthorizedCall : std::enable_shared_from_this<AuthorizedCall> {
  http::HttpClient& client;
  std::vector<TokenBinding> bindings;
  http::Request request;
  http::HttpClient::Callback done;
  std::vector<std::string> used;
  int round = 0;

  AuthorizedCall(http::HttpClient& c, std::vector<TokenBinding> b, http::Request r,
                 http::HttpClient::Callback d)
      : client(c),
        bindings(std::move(b)),
        request(std::move(r)),
        done(std::move(d)),
        used(bindings.size()) {}

  void fetchToken(std::size_t index) {
    if (index == bindings.size()) {
      send();
      return;
    }
    auto self = shared_from_this();
    bindings[index].source->token([self, index](Result<std::string> token) {
      if (!token) {
        Error e = token.error();
        e.message = self->request.method + " " + security::maskIdsInText(self->request.url) + ": " +
                    e.message;
        self->done(std::move(e));
        return;
      }
      self->used[index] = std::move(*token);
      self->fetchToken(index + 1);
    });
  }

  void send() {
    http::Request attempt = request;
    for (std::size_t i = 0; i < bindings.size(); ++i)
      attempt.headers.emplace_back(bindings[i].header, bindings[i].prefix + used[i]);
    auto self = shared_from_this();
    client.start(std::move(attempt), [self](Result<http::Response> answer) {
      bool rejected = answer
                          ? isTokenRejection(answer->status, answer->body)
                          : (answer.error().httpStatus == 401 ||
                             (answer.error().httpStatus >= 400 && answer.error().httpStatus < 500 &&
                              mentionsTokenError(answer.error().message)));
      if (rejected && self->round == 0) {
        self->round = 1;
        for (std::size_t i = 0; i < self->bindings.size(); ++i)
          self->bindings[i].source->invalidate(self->used[i]);
        self->fetchToken(0);
        return;
      }
      if (rejected && answer) {
        // A 200 whose body says the token is no good, even after a fresh token.
        self->done(Error::rejected(self->request.method + " " +
                                       security::maskIdsInText(self->request.url) +
                                       ": token rejected after a refresh",
                                   answer->status));
        return;
      }
      self->done(std::move(answer));
    });
  }
};

}  // namespace

bool isTokenRejection(long status, std::string_view body) {
  if (status == 401) return true;
  if (status == 200 || (status >= 400 && status < 500)) return mentionsTokenError(body);
  return false;
}

void sendAuthorized(http::HttpClient& client, std::vector<TokenBinding> bindings,
                    http::Request request, http::HttpClient::Callback done) {
  auto call = std::make_shared<AuthorizedCall>(client, std::move(bindings), std::move(request),
                                               std::move(done));
  call->fetchToken(0);
}

Result<http::Response> sendAuthorizedBlocking(http::HttpClient& client,
                                              std::vector<TokenBinding> bindings,
                                              http::Request request) {
  std::promise<Result<http::Response>> promise;
  auto answer = promise.get_future();
  sendAuthorized(client, std::move(bindings), std::move(request),
                 [&promise](Result<http::Response> r) { promise.set_value(std::move(r)); });
  return answer.get();
}

}  // namespace sinkron::connectors::auth
