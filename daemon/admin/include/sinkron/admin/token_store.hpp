#pragma once
// TokenStore: the admin API's bearer tokens, in the state store's `admin_tokens` table. Only the
// SHA-256 of a token is stored; the plaintext (32 random bytes, base64url) is returned once, by
// create(). Calls are serialized on an internal mutex; give the TokenStore a StateStore of its own
// (its own session) when another thread uses the daemon's store at the same time.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sinkron/admin/admin_types.hpp"
#include "sinkron/result.hpp"

namespace sinkron::store {
class StateStore;
}

namespace sinkron::admin {

struct TokenInfo {
  std::string name;
  Role role = Role::kAuditor;
  std::vector<std::string> agencies;  // empty = all
  std::int64_t createdAt = 0;         // milliseconds since the epoch
  std::optional<std::int64_t> revokedAt;
  std::optional<std::int64_t> lastUsedAt;
};

class TokenStore {
 public:
  // Creates the table if it is missing. `store` must outlive the TokenStore.
  static Result<std::unique_ptr<TokenStore>> open(store::StateStore& store);

  // A new token for `name` (letters, digits, '.', '_', '-'; at most 64). Refused while an
  // unrevoked token of that name exists; a revoked one is replaced.
  Result<std::string> create(std::string_view name, Role role,
                             const std::vector<std::string>& agencies);
  Status revoke(std::string_view name);  // notFound when no active token has that name
  Result<std::vector<TokenInfo>> list();
  // The principal of an active token, or rejected. Compares hashes in constant time.
  Result<Principal> authenticate(std::string_view token);

 private:
  explicit TokenStore(store::StateStore& store) : store_(store) {}
  store::StateStore& store_;
  std::mutex mutex_;
};

// Hex SHA-256 of `token`: what the table stores.
std::string tokenHash(std::string_view token);

}  // namespace sinkron::admin
