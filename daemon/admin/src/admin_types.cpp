#include "sinkron/admin/admin_types.hpp"

#include <algorithm>
#include <cstdio>

namespace sinkron::admin {

std::string_view roleName(Role role) {
  switch (role) {
    case Role::kOperator:
      return "operator";
    case Role::kHelpdesk:
      return "helpdesk";
    case Role::kAuditor:
      return "auditor";
  }
  return "auditor";
}

Result<Role> parseRole(std::string_view name) {
  for (Role r : {Role::kOperator, Role::kHelpdesk, Role::kAuditor})
    if (roleName(r) == name) return r;
  return Error::invalid("role '" + std::string(name) +
                        "': unknown (expected operator, helpdesk or auditor)");
}

bool Principal::mayAccessAgency(std::string_view agency) const {
  return agencies.empty() || std::find(agencies.begin(), agencies.end(), agency) != agencies.end();
}

const std::string* AdminRequest::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? nullptr : &it->second;
}

AdminResponse AdminResponse::json(int status, std::string body) {
  AdminResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

AdminResponse AdminResponse::error(int status, std::string_view code, std::string_view message) {
  return json(status, "{\"error\":{\"code\":" + jsonQuote(code) +
                          ",\"message\":" + jsonQuote(message) + "}}");
}

std::string jsonQuote(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

}  // namespace sinkron::admin
