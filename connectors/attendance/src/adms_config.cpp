#include "sinkron/connectors/attendance/adms_config.hpp"

#include <set>

#include "yaml_fields.hpp"

namespace sinkron::connectors::attendance {

bool isIndonesianTimeZone(std::string_view zone) {
  return zone == "Asia/Jakarta" || zone == "Asia/Pontianak" || zone == "Asia/Makassar" ||
         zone == "Asia/Jayapura";
}

const AdmsDeviceConfig* AdmsReceiverConfig::device(std::string_view serialNumber) const {
  for (const AdmsDeviceConfig& d : devices)
    if (d.serialNumber == serialNumber) return &d;
  return nullptr;
}

Status AdmsReceiverConfig::validate() const {
  if (name.empty()) return Error::invalid("name: must not be empty");
  if (bindAddress.empty()) return Error::invalid("bind_address: must not be empty");
  if (threads < 1 || threads > 64)
    return Error::invalid("threads: " + std::to_string(threads) + " is not within 1..64");
  if (!pathPrefix.empty() && (pathPrefix.front() != '/' || pathPrefix.back() == '/'))
    return Error::invalid("path_prefix: \"" + pathPrefix +
                          "\" must start with '/' and not end with one");
  if (certificateChain.empty() != privateKey.empty())
    return Error::invalid("tls: certificate_chain and private_key are needed together");
  if (!isIndonesianTimeZone(timeZone))
    return Error::invalid("time_zone: \"" + timeZone +
                          "\" is not Asia/Jakarta, Asia/Pontianak, Asia/Makassar or Asia/Jayapura");
  std::set<std::string> serials;
  for (const AdmsDeviceConfig& d : devices) {
    if (d.serialNumber.empty()) return Error::invalid("devices: a device without sn");
    if (!serials.insert(d.serialNumber).second)
      return Error::invalid("devices: " + d.serialNumber + " listed twice");
    if (!d.timeZone.empty() && !isIndonesianTimeZone(d.timeZone))
      return Error::invalid("devices[" + d.serialNumber + "].time_zone: \"" + d.timeZone +
                            "\" is not an Indonesian IANA zone");
  }
  if (errorDelaySeconds < 1 || delaySeconds < 1 || transIntervalMinutes < 1)
    return Error::invalid("error_delay, delay, trans_interval: must be at least 1");
  if (bodyLimit < 1024) return Error::invalid("body_limit: at least 1024 bytes");
  if (idleTimeout.count() < 100) return Error::invalid("idle_timeout_ms: at least 100");
  return {};
}

namespace {

Status readSwap(const YAML::Node& node, std::string_view key, std::string_view file,
                SwapMode& out) {
  std::string text;
  if (Status s = yaml::read(node, key, file, text); !s) return s;
  if (text.empty()) return {};
  auto mode = swapModeFromName(text);
  if (!mode)
    return Error::invalid(yaml::at(file, node[std::string(key)].Mark()) + ": key '" +
                          std::string(key) + "': expected true, false or auto, got \"" + text +
                          "\"");
  out = *mode;
  return {};
}

Result<AdmsDeviceConfig> parseDevice(const YAML::Node& node, std::string_view file) {
  AdmsDeviceConfig d;
  if (node.IsScalar()) {
    d.serialNumber = node.as<std::string>();
    return d;
  }
  if (Status s =
          yaml::checkKeys(node, file, "a device", {"sn", "swapped_status_verify", "time_zone"});
      !s)
    return s.error();
  for (Status s : {yaml::read(node, "sn", file, d.serialNumber),
                   readSwap(node, "swapped_status_verify", file, d.swappedStatusVerify),
                   yaml::read(node, "time_zone", file, d.timeZone)})
    if (!s) return s.error();
  if (d.serialNumber.empty())
    return Error::invalid(yaml::at(file, node.Mark()) + ": a device needs 'sn'");
  return d;
}

}  // namespace

Result<AdmsReceiverConfig> parseAdmsReceiverConfig(const YAML::Node& node, std::string_view file) {
  AdmsReceiverConfig c;
  if (Status s = yaml::checkKeys(
          node, file, "adms",
          {"name", "bind_address", "port", "threads", "path_prefix", "certificate_chain",
           "private_key", "time_zone", "devices", "swapped_status_verify", "error_delay", "delay",
           "trans_interval", "trans_times", "body_limit", "idle_timeout_ms"});
      !s)
    return s.error();
  int port = 0, idleMs = static_cast<int>(c.idleTimeout.count());
  std::size_t bodyLimit = c.bodyLimit;
  for (Status s :
       {yaml::read(node, "name", file, c.name),
        yaml::read(node, "bind_address", file, c.bindAddress), yaml::read(node, "port", file, port),
        yaml::read(node, "threads", file, c.threads),
        yaml::read(node, "path_prefix", file, c.pathPrefix),
        yaml::read(node, "certificate_chain", file, c.certificateChain),
        yaml::read(node, "private_key", file, c.privateKey),
        yaml::read(node, "time_zone", file, c.timeZone),
        readSwap(node, "swapped_status_verify", file, c.defaultSwap),
        yaml::read(node, "error_delay", file, c.errorDelaySeconds),
        yaml::read(node, "delay", file, c.delaySeconds),
        yaml::read(node, "trans_interval", file, c.transIntervalMinutes),
        yaml::read(node, "trans_times", file, c.transTimes),
        yaml::read(node, "body_limit", file, bodyLimit),
        yaml::read(node, "idle_timeout_ms", file, idleMs)})
    if (!s) return s.error();
  if (port < 0 || port > 65535)
    return Error::invalid(yaml::at(file, node["port"].Mark()) +
                          ": key 'port': " + std::to_string(port) + " is not within 0..65535");
  c.port = static_cast<std::uint16_t>(port);
  c.bodyLimit = bodyLimit;
  c.idleTimeout = std::chrono::milliseconds(idleMs);
  if (YAML::Node devices = node["devices"]) {
    if (!devices.IsSequence())
      return Error::invalid(yaml::at(file, devices.Mark()) + ": key 'devices': expected a list");
    for (const YAML::Node& d : devices) {
      auto device = parseDevice(d, file);
      if (!device) return device.error();
      c.devices.push_back(std::move(*device));
    }
  }
  if (Status s = c.validate(); !s)
    return Error::invalid(yaml::at(file, node.Mark()) + ": adms: " + s.error().message);
  return c;
}

}  // namespace sinkron::connectors::attendance
