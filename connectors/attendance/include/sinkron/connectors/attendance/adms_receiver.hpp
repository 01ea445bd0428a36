#pragma once
// AdmsReceiver: the HTTP(S) server ZKTeco devices push to (Boost.Beast). Binds 127.0.0.1 by
// default on a configurable port (0 = any), HTTP/1.1 keep-alive, TCP_NODELAY, header and body in
// one write, optional TLS. Requests go to an AdmsHandler; an ATTLOG batch is answered "OK" only
// after the PunchStore committed it.
#include <cstdint>
#include <memory>
#include <string>

#include "sinkron/connectors/attendance/adms_config.hpp"
#include "sinkron/connectors/attendance/adms_handler.hpp"
#include "sinkron/connectors/attendance/punch_store.hpp"
#include "sinkron/result.hpp"

namespace sinkron::connectors::attendance {

class AdmsReceiver {
 public:
  // Validates the config, binds and starts serving on config.threads background threads.
  // Errors name the address and port (or the TLS file).
  static Result<std::unique_ptr<AdmsReceiver>> start(AdmsReceiverConfig config,
                                                     std::shared_ptr<PunchStore> store);
  ~AdmsReceiver();  // stop()
  std::uint16_t port() const;
  std::string baseUrl() const;  // "http://127.0.0.1:PORT" (+ path prefix), or https
  AdmsStats stats() const;
  // Stops accepting, closes every connection (a request in the middle of being stored finishes
  // first) and joins the threads. Idempotent.
  void stop();

 private:
  struct Impl;
  explicit AdmsReceiver(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sinkron::connectors::attendance
