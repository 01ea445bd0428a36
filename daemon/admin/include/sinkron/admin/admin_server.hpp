#pragma once
// AdminServer: the admin API over HTTP/1.1 (Boost.Beast), optionally TLS (1.2 or newer). Listens
// on loopback unless told otherwise; keep-alive; each response written in one write; TCP_NODELAY
// on every connection. Requests go through dispatchAdminRequest().
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "sinkron/admin/admin_router.hpp"
#include "sinkron/result.hpp"

namespace sinkron::admin {

class Authenticator;

struct AdminTlsFiles {
  std::filesystem::path certificateChain;  // PEM: the server certificate, then intermediates
  std::filesystem::path privateKey;        // PEM
};

struct AdminServerOptions {
  std::string bindAddress = "127.0.0.1";
  bool allowNonLoopback = false;  // binding anything but loopback is refused without it
  std::uint16_t port = 0;         // 0 = a free port, see port()
  int threads = 1;
  std::optional<AdminTlsFiles> tls;
  std::size_t bodyLimit = 1u << 20;  // larger request bodies are answered 413
  std::chrono::milliseconds idleTimeout{30'000};
};

class AdminServer {
 public:
  // Binds, listens and starts the threads. `auth` must outlive the server. Errors name the
  // address, the TLS file or the step that failed.
  static Result<std::unique_ptr<AdminServer>> start(AdminServerOptions options, AdminRouter router,
                                                    Authenticator& auth);
  ~AdminServer();  // stop()
  AdminServer(const AdminServer&) = delete;
  AdminServer& operator=(const AdminServer&) = delete;

  std::uint16_t port() const;
  std::string baseUrl() const;  // "http://127.0.0.1:PORT" or "https://..."
  // Stops accepting, closes every connection and joins the threads. Idempotent.
  void stop();

 private:
  struct Impl;
  explicit AdminServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sinkron::admin
