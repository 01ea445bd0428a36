#pragma once
// gzip for simulator responses: real gateways compress JSON, so the clients' decoding is tested.
#include "sinkron/sim/http_message.hpp"

namespace sinkron::sim {

// Whether the request's Accept-Encoding lists gzip (without q=0).
bool acceptsGzip(const HttpRequest& request);
// Compresses the body and adds Content-Encoding: gzip (and Vary); unchanged if zlib fails.
void gzipBody(HttpResponse& response);

}  // namespace sinkron::sim
