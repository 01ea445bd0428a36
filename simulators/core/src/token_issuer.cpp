#include "sinkron/sim/token_issuer.hpp"

#include <cctype>

namespace sinkron::sim {
namespace {

std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

void appendHex(std::string& out, std::uint64_t v) {
  static const char* hex = "0123456789abcdef";
  for (int i = 15; i >= 0; --i) out.push_back(hex[(v >> (i * 4)) & 0xf]);
}

}  // namespace

TokenIssuer::TokenIssuer(std::string prefix, std::chrono::seconds lifetime, std::uint64_t seed)
    : prefix_(std::move(prefix)), lifetime_(lifetime), seed_(seed) {}

TokenIssuer::Issued TokenIssuer::issue(std::string_view subject) {
  std::lock_guard lock(mutex_);
  // Expired tokens are dropped now and then so that a long run does not grow without bound.
  if (tokens_.size() > 100000) {
    auto now = Clock::now();
    std::erase_if(tokens_, [&](const auto& kv) { return kv.second.expires < now; });
  }
  std::uint64_t n = ++counter_;
  std::string token = prefix_;
  token.push_back('.');
  appendHex(token, mix(seed_ ^ mix(n)));
  appendHex(token, mix(seed_ + n * 0x632be59bd9b4e019ULL));
  tokens_[token] = Entry{Clock::now() + lifetime_, generation_, std::string(subject)};
  return {token, lifetime_};
}

TokenCheck TokenIssuer::check(std::string_view token) const {
  if (token.empty()) return TokenCheck::kMissing;
  std::lock_guard lock(mutex_);
  auto it = tokens_.find(std::string(token));
  if (it == tokens_.end()) return TokenCheck::kUnknown;
  if (it->second.generation != generation_) return TokenCheck::kRevoked;
  if (Clock::now() >= it->second.expires) return TokenCheck::kExpired;
  return TokenCheck::kValid;
}

std::string TokenIssuer::subjectOf(std::string_view token) const {
  std::lock_guard lock(mutex_);
  auto it = tokens_.find(std::string(token));
  return it == tokens_.end() ? std::string() : it->second.subject;
}

void TokenIssuer::revokeAll() {
  std::lock_guard lock(mutex_);
  ++generation_;
}

void TokenIssuer::setLifetime(std::chrono::seconds lifetime) {
  std::lock_guard lock(mutex_);
  lifetime_ = lifetime;
}

std::chrono::seconds TokenIssuer::lifetime() const {
  std::lock_guard lock(mutex_);
  return lifetime_;
}

std::uint64_t TokenIssuer::issuedCount() const {
  std::lock_guard lock(mutex_);
  return counter_;
}

std::string_view bearerToken(std::string_view v) {
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  if (v.size() < 7) return {};
  for (std::size_t i = 0; i < 6; ++i)
    if (std::tolower(static_cast<unsigned char>(v[i])) != "bearer"[i]) return {};
  if (v[6] != ' ') return {};
  v.remove_prefix(7);
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  return v;
}

}  // namespace sinkron::sim
