#pragma once
// The probes: GET /healthz (the process answers) and GET /readyz (it can do its work), public.
#include <functional>

#include "sinkron/admin/admin_router.hpp"
#include "sinkron/result.hpp"

namespace sinkron::admin {

struct ReadyState {
  bool storeReachable = false;
  bool migrationsDone = false;
  bool shuttingDown = false;
};

// /healthz: 200 {"status":"alive"}. /readyz: 200 {"status":"ready"} or 503
// {"status":"not_ready","reasons":[...],"error":{"code":"not_ready","message":...}}.
Status addHealthRoutes(AdminRouter& router, std::function<ReadyState()> ready);

}  // namespace sinkron::admin
