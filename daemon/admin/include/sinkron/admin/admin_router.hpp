#pragma once
// AdminRouter: the admin API's routes, by method and path pattern ("/runs/{id}/steps"). Each
// route says who may call it: public (health probes only) or a set of roles.
#include <functional>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sinkron/admin/admin_types.hpp"
#include "sinkron/result.hpp"

namespace sinkron::admin {

struct RouteAccess {
  bool isPublic = false;
  std::vector<Role> roles;  // who may call a non-public route

  static RouteAccess publicRoute() { return {true, {}}; }
  static RouteAccess forRoles(std::initializer_list<Role> allowed) { return {false, allowed}; }
  bool allows(Role role) const;
};

using AdminHandler = std::function<AdminResponse(const AdminRequest&, const Principal&)>;

class AdminRouter {
 public:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;  // "{name}" for a parameter
    RouteAccess access;
    AdminHandler handler;
  };

  struct Match {
    enum class Kind { kFound, kNotFound, kWrongMethod };
    Kind kind = Kind::kNotFound;
    const Route* route = nullptr;               // when found
    std::map<std::string, std::string> params;  // when found
    std::string allow;                          // when the method is wrong: "GET, POST"
  };

  // Errors: a pattern not starting with '/', an empty or repeated {param}, a non-public route
  // without roles, a method + pattern registered twice.
  Status add(std::string method, std::string pattern, RouteAccess access, AdminHandler handler);

  // `path` is already percent-decoded. Literal segments win over {param} segments.
  Match match(std::string_view method, std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace sinkron::admin
