#include "sinkron/admin/health_routes.hpp"

#include <string>
#include <vector>

namespace sinkron::admin {
namespace {

AdminResponse readinessResponse(const ReadyState& state) {
  std::vector<std::string> reasons;
  if (!state.storeReachable) reasons.emplace_back("state store not reachable");
  if (!state.migrationsDone) reasons.emplace_back("migrations not done");
  if (state.shuttingDown) reasons.emplace_back("shutting down");
  if (reasons.empty()) return AdminResponse::json(200, R"({"status":"ready"})");
  std::string list, message;
  for (const std::string& r : reasons) {
    if (!list.empty()) {
      list += ',';
      message += "; ";
    }
    list += jsonQuote(r);
    message += r;
  }
  return AdminResponse::json(
      503, "{\"status\":\"not_ready\",\"reasons\":[" + list +
               "],\"error\":{\"code\":\"not_ready\",\"message\":" + jsonQuote(message) + "}}");
}

}  // namespace

Status addHealthRoutes(AdminRouter& router, std::function<ReadyState()> ready) {
  if (!ready) return Error::invalid("addHealthRoutes: no readiness function");
  Status s = router.add("GET", "/healthz", RouteAccess::publicRoute(),
                        [](const AdminRequest&, const Principal&) {
                          return AdminResponse::json(200, R"({"status":"alive"})");
                        });
  if (!s) return s;
  return router.add("GET", "/readyz", RouteAccess::publicRoute(),
                    [ready = std::move(ready)](const AdminRequest&, const Principal&) {
                      return readinessResponse(ready());
                    });
}

}  // namespace sinkron::admin
