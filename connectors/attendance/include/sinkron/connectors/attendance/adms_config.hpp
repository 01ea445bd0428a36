#pragma once
// The ADMS receiver's configuration: where it listens, which devices may push, the site's time
// zone, the per-device firmware quirk, and the options it tells devices in the handshake.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "sinkron/connectors/attendance/attlog_line.hpp"
#include "sinkron/result.hpp"

namespace sinkron::connectors::attendance {

struct AdmsDeviceConfig {
  std::string serialNumber;
  SwapMode swappedStatusVerify = SwapMode::kAuto;
  std::string timeZone;  // "" = the receiver's time_zone
};

struct AdmsReceiverConfig {
  std::string name = "adms";
  std::string bindAddress = "127.0.0.1";
  std::uint16_t port = 0;  // 0 = any free port (AdmsReceiver::port())
  int threads = 2;
  std::string pathPrefix;  // "" or e.g. "/adms" (devices then push to /adms/iclock/cdata)
  // TLS when both are set (PEM server certificate chain, PEM private key).
  std::string certificateChain, privateKey;
  std::string timeZone = "Asia/Jakarta";  // IANA name stored with every punch
  // Allow-list: when empty, any device may push (and gets defaultSwap / timeZone).
  std::vector<AdmsDeviceConfig> devices;
  SwapMode defaultSwap = SwapMode::kAuto;
  // Told to devices in the handshake.
  int errorDelaySeconds = 30, delaySeconds = 10, transIntervalMinutes = 1;
  std::string transTimes = "00:00;14:05";
  std::size_t bodyLimit = 4u << 20;
  std::chrono::milliseconds idleTimeout{60000};

  // Cross-field rules; errors name the key.
  Status validate() const;
  const AdmsDeviceConfig* device(std::string_view serialNumber) const;
};

// Parses the `adms:` mapping of a YAML file; unknown or duplicate keys and wrong types are
// errors naming `file`:line. Runs validate().
Result<AdmsReceiverConfig> parseAdmsReceiverConfig(const YAML::Node& node, std::string_view file);

// The IANA zones of Indonesia that the rest of sinkron understands.
bool isIndonesianTimeZone(std::string_view zone);

}  // namespace sinkron::connectors::attendance
