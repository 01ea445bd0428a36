#include "sinkron/admin/admin_dispatch.hpp"

#include <spdlog/spdlog.h>

#include "sinkron/admin/authenticator.hpp"
#include "sinkron/security/masking.hpp"

namespace sinkron::admin {
namespace {

AdminResponse callHandler(const AdminRouter::Route& route, const AdminRequest& request,
                          const Principal& principal) {
  try {
    return route.handler(request, principal);
  } catch (const std::exception& e) {
    spdlog::error("admin api: {} {} failed: {}", request.method,
                  security::maskIdsInText(request.path), security::maskIdsInText(e.what()));
  } catch (...) {
    spdlog::error("admin api: {} {} failed with a non-standard exception", request.method,
                  security::maskIdsInText(request.path));
  }
  return AdminResponse::error(500, "internal", "internal error; the daemon log has the details");
}

}  // namespace

AdminResponse dispatchAdminRequest(const AdminRouter& router, Authenticator& auth,
                                   AdminRequest& request) {
  AdminRouter::Match m = router.match(request.method, request.path);
  if (m.kind == AdminRouter::Match::Kind::kNotFound)
    return AdminResponse::error(404, "not_found", "no such endpoint");
  if (m.kind == AdminRouter::Match::Kind::kWrongMethod) {
    AdminResponse r = AdminResponse::error(405, "method_not_allowed",
                                           request.method + " is not allowed here; use " + m.allow);
    r.headers.emplace_back("Allow", m.allow);
    return r;
  }
  request.params = std::move(m.params);
  const AdminRouter::Route& route = *m.route;
  if (route.access.isPublic) return callHandler(route, request, Principal{});

  AuthOutcome outcome = auth.authenticate(request);
  if (!outcome.principal) return outcome.denial;
  if (!route.access.allows(outcome.principal->role))
    return AdminResponse::error(
        403, "forbidden",
        "role " + std::string(roleName(outcome.principal->role)) + " may not call this endpoint");
  return callHandler(route, request, *outcome.principal);
}

}  // namespace sinkron::admin
