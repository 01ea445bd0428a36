#pragma once
// The SIASN simulators: the API gateway (OAuth2 client-credentials token, the per-employee API
// under /apisiasn/1.0 and the reference data under /referensi_siasn/1) and the Keycloak-style SSO.
// They run on different ports; both routers of one World share one state, so the gateway accepts
// the SSO tokens the SSO router issued (World::tokens("siasn-sso")).
#include "sinkron/sim/router.hpp"
#include "sinkron/sim/world.hpp"

namespace sinkron::sim {

// POST /oauth2/token; GET /apisiasn/1.0/pns/data-utama/{nipBaru}, .../pns/rw-*/{nipBaru};
// POST /apisiasn/1.0/{jabatan,diklat,kursus,skp22,kinerjaperiodik}/save,
// .../pns/data-utama-update; GET /referensi_siasn/1/{table}?limit=&offset=.
Router siasnGatewayRouter(World& world);
// POST /auth/realms/public-siasn/protocol/openid-connect/token (grant_type=password).
Router siasnSsoRouter(World& world);

}  // namespace sinkron::sim
