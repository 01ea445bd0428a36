#pragma once
// The values the admin API passes around: who is calling (Principal), what they asked
// (AdminRequest) and what they get back (AdminResponse, JSON; errors as
// {"error":{"code":"...","message":"..."}}).
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sinkron/result.hpp"

namespace sinkron::admin {

enum class Role { kOperator, kHelpdesk, kAuditor };

// "operator", "helpdesk", "auditor".
std::string_view roleName(Role role);
Result<Role> parseRole(std::string_view name);

struct Principal {
  std::string name;  // the token's name; empty for public routes
  Role role = Role::kAuditor;
  std::vector<std::string> agencies;  // the agencies this token may see; empty = all

  // Handlers filter what they return by this.
  bool mayAccessAgency(std::string_view agency) const;
};

struct AdminRequest {
  std::string method;                          // "GET", "POST", ...
  std::string path;                            // percent-decoded, without the query
  std::map<std::string, std::string> params;   // {param} segments of the route pattern
  std::map<std::string, std::string> query;    // percent-decoded query parameters
  std::map<std::string, std::string> headers;  // names lower-case; repeated ones joined by ", "
  std::string body;
  std::string clientAddress;  // the peer's IP address

  // Nullptr when absent; `name` in lower case.
  const std::string* header(const std::string& name) const;
};

struct AdminResponse {
  int status = 200;
  std::string body;                                          // JSON
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type/Length

  static AdminResponse json(int status, std::string body);
  // {"error":{"code":code,"message":message}}
  static AdminResponse error(int status, std::string_view code, std::string_view message);
};

// A JSON string literal with quotes and escapes.
std::string jsonQuote(std::string_view text);

}  // namespace sinkron::admin
