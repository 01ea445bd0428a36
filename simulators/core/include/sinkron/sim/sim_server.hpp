#pragma once
// SimServer: one simulated system on its own loopback port, on Boost.Beast. HTTP/1.1 keep-alive,
// TCP_NODELAY, header and body in one write, optional TLS (PEM certificate chain + key). Applies
// the World's faults for its system around the router.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "sinkron/result.hpp"
#include "sinkron/sim/router.hpp"
#include "sinkron/sim/world.hpp"

namespace sinkron::sim {

struct TlsFiles {
  std::filesystem::path certificateChain;  // PEM: server certificate (+ intermediates)
  std::filesystem::path privateKey;        // PEM
  // Mutual TLS: when set, every client must present a certificate this CA signed.
  std::filesystem::path clientCa;
};

struct SimServerOptions {
  std::string system;  // fault-rule system name: "siasn", "simpeg", ...
  std::string bindAddress = "127.0.0.1";
  std::uint16_t port = 0;  // 0 = any free port (see SimServer::port())
  int threads = 1;
  std::optional<TlsFiles> tls;
  bool adminRoutes = true;           // serve /_sim/truth, /_sim/writes, /_sim/faults too
  std::size_t bodyLimit = 8u << 20;  // larger request bodies are answered 413
  std::chrono::milliseconds idleTimeout{30000};  // a connection idle this long is closed
  // Bodies of at least this size go gzip-compressed to clients that accept gzip (0 = never).
  std::size_t gzipMinBytes = 256;
};

class SimServer {
 public:
  // Binds and starts serving on background threads. Errors name the address and port.
  static Result<std::unique_ptr<SimServer>> start(SimServerOptions options, Router router,
                                                  World& world);
  ~SimServer();  // stops and joins
  std::uint16_t port() const;
  std::string baseUrl() const;  // "http://127.0.0.1:PORT" or "https://..."
  void stop();

 private:
  struct Impl;
  explicit SimServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sinkron::sim
