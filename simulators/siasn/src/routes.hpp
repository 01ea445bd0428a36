#pragma once
// The route groups of the SIASN gateway, each in its own file, and the token guard they share.
#include <memory>

#include "siasn_state.hpp"
#include "sinkron/sim/router.hpp"

namespace sinkron::sim::siasn {

using StatePtr = std::shared_ptr<SiasnState>;

void addGatewayTokenRoute(Router& router, StatePtr state);  // POST /oauth2/token
void addDataUtamaRoutes(Router& router, StatePtr state);    // data-utama, data-utama-update
void addHistoryRoutes(Router& router, StatePtr state);      // GET pns/rw-*
void addSaveRoutes(Router& router, StatePtr state);         // POST */save
void addReferenceRoutes(Router& router, StatePtr state);    // GET /referensi_siasn/1/*

// /apisiasn needs the gateway token and the SSO token; /referensi_siasn the gateway token only.
enum class ApiScope { kPns, kReferensi };
// `inner` behind the token checks: 401 in the gateway or SSO shape when a token is not valid.
Handler guarded(StatePtr state, ApiScope scope, Handler inner);

inline constexpr std::string_view kPnsApi = "/apisiasn/1.0";

}  // namespace sinkron::sim::siasn
