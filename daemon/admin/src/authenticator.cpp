#include "sinkron/admin/authenticator.hpp"

#include <spdlog/spdlog.h>

#include <cctype>

#include "sinkron/admin/token_store.hpp"

namespace sinkron::admin {
namespace {

// Above this many tracked addresses, expired entries are dropped (bounded memory under a scan).
constexpr std::size_t kPruneAbove = 4096;

AdminResponse unauthorized(std::string_view message) {
  AdminResponse r = AdminResponse::error(401, "unauthorized", message);
  r.headers.emplace_back("WWW-Authenticate", "Bearer");
  return r;
}

bool startsWithBearer(const std::string& value) {
  static constexpr std::string_view kScheme = "bearer ";
  if (value.size() < kScheme.size()) return false;
  for (std::size_t i = 0; i < kScheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(value[i])) != kScheme[i]) return false;
  return true;
}

}  // namespace

Authenticator::Authenticator(TokenStore& tokens, AuthenticatorOptions options)
    : tokens_(tokens), options_(std::move(options)) {}

std::optional<long> Authenticator::blockedFor(const std::string& address) {
  std::lock_guard lock(mutex_);
  auto it = failures_.find(address);
  if (it == failures_.end()) return std::nullopt;
  auto now = options_.now();
  auto end = it->second.windowStart + options_.window;
  if (now >= end) {
    failures_.erase(it);
    return std::nullopt;
  }
  if (it->second.count < options_.maxFailures) return std::nullopt;
  auto left = std::chrono::ceil<std::chrono::seconds>(end - now).count();
  return left < 1 ? 1 : static_cast<long>(left);
}

int Authenticator::recordFailure(const std::string& address) {
  std::lock_guard lock(mutex_);
  auto now = options_.now();
  if (failures_.size() > kPruneAbove)
    std::erase_if(failures_,
                  [&](const auto& e) { return now >= e.second.windowStart + options_.window; });
  Failures& f = failures_[address];
  if (f.count == 0 || now >= f.windowStart + options_.window) f = {now, 0};
  return ++f.count;
}

void Authenticator::noteFailure(const std::string& address) {
  // One line per blocked address and window, not one per guess.
  if (recordFailure(address) == options_.maxFailures)
    spdlog::warn("admin api: {} failed logins from {}; refused for {} s", options_.maxFailures,
                 address, options_.window.count());
}

AuthOutcome Authenticator::authenticate(const AdminRequest& request) {
  AuthOutcome out;
  if (std::optional<long> wait = blockedFor(request.clientAddress)) {
    out.denial = AdminResponse::error(
        429, "rate_limited",
        "too many failed logins from this address; try again in " + std::to_string(*wait) + " s");
    out.denial.headers.emplace_back("Retry-After", std::to_string(*wait));
    return out;
  }
  const std::string* header = request.header("authorization");
  if (!header || header->empty()) {
    out.denial = unauthorized("a bearer token is required (Authorization: Bearer <token>)");
    return out;
  }
  if (!startsWithBearer(*header)) {
    noteFailure(request.clientAddress);
    out.denial = unauthorized("the Authorization header must be 'Bearer <token>'");
    return out;
  }
  std::string_view token = std::string_view(*header).substr(7);
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  Result<Principal> principal = tokens_.authenticate(token);
  if (principal) {
    out.principal = std::move(*principal);
    return out;
  }
  if (principal.error().code != ErrorCode::kRejected) {
    spdlog::error("admin api: token check failed: {}", principal.error().message);
    out.denial = AdminResponse::error(500, "internal", "the token could not be checked");
    return out;
  }
  noteFailure(request.clientAddress);
  out.denial = unauthorized("invalid or revoked token");
  return out;
}

}  // namespace sinkron::admin
