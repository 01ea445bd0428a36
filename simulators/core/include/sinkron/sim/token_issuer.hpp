#pragma once
// TokenIssuer: opaque bearer tokens with a lifetime, as an OAuth2 server hands them out.
// Thread-safe. Revocation (a fault) invalidates every token issued so far.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sinkron::sim {

enum class TokenCheck { kValid, kMissing, kUnknown, kExpired, kRevoked };

class TokenIssuer {
 public:
  using Clock = std::chrono::steady_clock;
  TokenIssuer(std::string prefix, std::chrono::seconds lifetime, std::uint64_t seed);

  struct Issued {
    std::string token;
    std::chrono::seconds expiresIn;
  };
  Issued issue(std::string_view subject = {});
  TokenCheck check(std::string_view token) const;
  // The subject the token was issued to (empty when unknown).
  std::string subjectOf(std::string_view token) const;
  void revokeAll();
  void setLifetime(std::chrono::seconds lifetime);
  std::chrono::seconds lifetime() const;
  std::uint64_t issuedCount() const;

 private:
  struct Entry {
    Clock::time_point expires;
    std::uint64_t generation;
    std::string subject;
  };
  mutable std::mutex mutex_;
  std::string prefix_;
  std::chrono::seconds lifetime_;
  std::uint64_t seed_, counter_ = 0, generation_ = 0;
  std::unordered_map<std::string, Entry> tokens_;
};

// "Bearer abc" / "bearer abc" -> "abc"; empty when the scheme is not bearer.
std::string_view bearerToken(std::string_view headerValue);

}  // namespace sinkron::sim
