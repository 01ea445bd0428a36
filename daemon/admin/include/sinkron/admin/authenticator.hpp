#pragma once
// Authenticator: turns a request's "Authorization: Bearer <token>" into a Principal through the
// TokenStore, and limits failed attempts per client address: after `maxFailures` wrong tokens
// within `window` (counted from the first), every attempt from that address is answered 429 with
// Retry-After until the window ends, even one with a correct token.
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "sinkron/admin/admin_types.hpp"

namespace sinkron::admin {

class TokenStore;

struct AuthenticatorOptions {
  int maxFailures = 5;
  std::chrono::seconds window{60};
  // The time source; tests pass a fake one.
  std::function<std::chrono::steady_clock::time_point()> now = [] {
    return std::chrono::steady_clock::now();
  };
};

struct AuthOutcome {
  std::optional<Principal> principal;  // set when authenticated
  AdminResponse denial;                // 401 / 429 / 500 otherwise
};

class Authenticator {
 public:
  explicit Authenticator(TokenStore& tokens, AuthenticatorOptions options = {});
  AuthOutcome authenticate(const AdminRequest& request);

 private:
  struct Failures {
    std::chrono::steady_clock::time_point windowStart;
    int count = 0;
  };
  // Seconds left of a blocked address's window, or nullopt when it may try.
  std::optional<long> blockedFor(const std::string& address);
  // The address's failure count in its current window, after this one.
  int recordFailure(const std::string& address);
  void noteFailure(const std::string& address);

  TokenStore& tokens_;
  AuthenticatorOptions options_;
  std::mutex mutex_;
  std::map<std::string, Failures> failures_;
};

}  // namespace sinkron::admin
