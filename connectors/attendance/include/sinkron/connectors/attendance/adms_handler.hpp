#pragma once
// AdmsHandler: the ADMS ("iclock") push protocol as a pure request -> answer function over a
// PunchStore, apart from the HTTP server that carries it (AdmsReceiver).
//   GET  /iclock/cdata?SN=..&options=all   -> handshake options, Stamp = the last stored batch's
//   POST /iclock/cdata?SN=..&table=ATTLOG&Stamp=..  -> lines parsed, stored (committed), then
//        "OK: <lines stored or already present>"; a storage failure -> 500 so the device re-sends
//   POST /iclock/cdata?SN=..&table=<other>  -> "OK" (ignored)
//   GET  /iclock/getrequest?SN=..           -> "OK" (no commands)
//   POST /iclock/devicecmd?SN=..            -> "OK"
// A device missing from a non-empty allow-list is answered 403 on every route.
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sinkron/connectors/attendance/adms_config.hpp"
#include "sinkron/connectors/attendance/punch_store.hpp"

namespace sinkron::connectors::attendance {

struct AdmsAnswer {
  int status = 200;
  std::string body;
};

struct AdmsStats {
  std::uint64_t handshakes = 0, polls = 0, batches = 0, otherTables = 0;
  std::uint64_t lines = 0, badLines = 0, inserted = 0, duplicates = 0;
  std::uint64_t storeFailures = 0, rejectedDevices = 0, swappedBatches = 0;
};

class AdmsHandler {
 public:
  AdmsHandler(AdmsReceiverConfig config, std::shared_ptr<PunchStore> store);
  // `target` is the request target (path and query). Thread-safe.
  AdmsAnswer handle(std::string_view method, std::string_view target, std::string_view body);
  AdmsStats stats() const;
  const AdmsReceiverConfig& config() const { return config_; }

 private:
  AdmsAnswer handshake(const std::string& serial);
  AdmsAnswer attlog(const std::string& serial, const std::string& stamp, std::string_view body);
  // Whether the device's lines are swapped: per config, or detected and remembered.
  bool swapped(const std::string& serial, std::span<const AttlogLine> lines);

  AdmsReceiverConfig config_;
  std::shared_ptr<PunchStore> store_;
  mutable std::mutex mutex_;
  AdmsStats stats_;
  std::map<std::string, bool, std::less<>> swapDecisions_;
};

// Splits "path?query" and decodes the value of `key` ("%41" and '+'); nullopt when absent.
std::optional<std::string> queryParam(std::string_view target, std::string_view key);
std::string_view targetPath(std::string_view target);

}  // namespace sinkron::connectors::attendance
