#pragma once
// What the server does with one parsed request, apart from the transport: find the route (404,
// 405 with Allow), authenticate unless public (401, 429), check the role (403), call the handler
// (a throwing handler is a 500 with a generic message; the detail goes to the log, masked).
#include "sinkron/admin/admin_router.hpp"
#include "sinkron/admin/admin_types.hpp"

namespace sinkron::admin {

class Authenticator;

// Fills request.params from the matched route.
AdminResponse dispatchAdminRequest(const AdminRouter& router, Authenticator& auth,
                                   AdminRequest& request);

}  // namespace sinkron::admin
