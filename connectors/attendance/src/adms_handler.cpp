#include "sinkron/connectors/attendance/adms_handler.hpp"

#include <vector>

#include <spdlog/spdlog.h>

#include "sinkron/connectors/attendance/attlog_line.hpp"
#include "sinkron/security/masking.hpp"

namespace sinkron::connectors::attendance {
namespace {

constexpr int kLoggedBadLinesPerBatch = 3;  // then one summary line: no flooding

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out.push_back(' ');
    } else if (s[i] == '%' && i + 2 < s.size() && hexValue(s[i + 1]) >= 0 &&
               hexValue(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hexValue(s[i + 1]) * 16 + hexValue(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

bool validSerial(std::string_view sn) {
  if (sn.empty() || sn.size() > 64) return false;
  for (char c : sn)
    if (!(c >= '0' && c <= '9') && !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z') && c != '-' &&
        c != '_')
      return false;
  return true;
}

AdmsAnswer text(int status, std::string body) {
  return {status, std::move(body)};
}

}  // namespace

std::string_view targetPath(std::string_view target) {
  return target.substr(0, target.find('?'));
}

std::optional<std::string> queryParam(std::string_view target, std::string_view key) {
  std::size_t q = target.find('?');
  if (q == std::string_view::npos) return std::nullopt;
  std::string_view query = target.substr(q + 1);
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    std::size_t eq = pair.find('=');
    if (decode(pair.substr(0, eq)) != key) continue;
    return eq == std::string_view::npos ? std::string() : decode(pair.substr(eq + 1));
  }
  return std::nullopt;
}

AdmsHandler::AdmsHandler(AdmsReceiverConfig config, std::shared_ptr<PunchStore> store)
    : config_(std::move(config)), store_(std::move(store)) {}

AdmsStats AdmsHandler::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

AdmsAnswer AdmsHandler::handle(std::string_view method, std::string_view target,
                               std::string_view body) {
  std::string_view path = targetPath(target);
  if (!config_.pathPrefix.empty()) {
    if (path.substr(0, config_.pathPrefix.size()) != config_.pathPrefix)
      return text(404, "not found");
    path.remove_prefix(config_.pathPrefix.size());
  }
  if (path != "/iclock/cdata" && path != "/iclock/getrequest" && path != "/iclock/devicecmd")
    return text(404, "not found");
  std::string serial = queryParam(target, "SN").value_or("");
  if (!validSerial(serial)) return text(400, "SN: missing or not a device serial number");
  if (!config_.devices.empty() && config_.device(serial) == nullptr) {
    {
      std::lock_guard lock(mutex_);
      ++stats_.rejectedDevices;
    }
    spdlog::warn("[{}] device {} is not in the allow-list: refused {}", config_.name, serial,
                 std::string(path));
    return text(403, "device " + serial + " is not registered");
  }
  if (path == "/iclock/getrequest") {
    std::lock_guard lock(mutex_);
    ++stats_.polls;
    return text(200, "OK");
  }
  if (path == "/iclock/devicecmd") return text(200, "OK");
  if (method == "GET") return handshake(serial);
  if (method != "POST") return text(405, "method not allowed");
  std::string table = queryParam(target, "table").value_or("");
  if (table != "ATTLOG") {
    std::lock_guard lock(mutex_);
    ++stats_.otherTables;
    return text(200, "OK");
  }
  return attlog(serial, queryParam(target, "Stamp").value_or(""), body);
}

AdmsAnswer AdmsHandler::handshake(const std::string& serial) {
  Result<std::string> stamp = store_->lastStamp(serial);
  if (!stamp) {
    spdlog::error("[{}] handshake of {}: {}", config_.name, serial, stamp.error().message);
    return text(500, "storage unavailable");
  }
  {
    std::lock_guard lock(mutex_);
    ++stats_.handshakes;
  }
  const std::string last = stamp->empty() ? "0" : *stamp;
  std::string out = "GET OPTION FROM: " + serial + "\n";
  out += "Stamp=" + last + "\nATTLOGStamp=" + last + "\n";
  out += "ErrorDelay=" + std::to_string(config_.errorDelaySeconds) + "\n";
  out += "Delay=" + std::to_string(config_.delaySeconds) + "\n";
  out += "TransTimes=" + config_.transTimes + "\n";
  out += "TransInterval=" + std::to_string(config_.transIntervalMinutes) + "\n";
  out += "TransFlag=1111000000\nRealtime=1\nEncrypt=0\n";
  return text(200, std::move(out));
}

bool AdmsHandler::swapped(const std::string& serial, std::span<const AttlogLine> lines) {
  const AdmsDeviceConfig* device = config_.device(serial);
  SwapMode mode = device ? device->swappedStatusVerify : config_.defaultSwap;
  if (mode != SwapMode::kAuto) return mode == SwapMode::kYes;
  {
    std::lock_guard lock(mutex_);
    if (auto it = swapDecisions_.find(serial); it != swapDecisions_.end()) return it->second;
  }
  std::optional<bool> known;
  if (auto remembered = store_->swappedFirmware(serial); remembered) known = *remembered;
  if (!known) {
    known = detectSwapped(lines);
    if (!known) return false;  // undecided: read as sent, decide on a later batch
    if (Status s = store_->rememberSwappedFirmware(serial, *known); !s)
      spdlog::warn("[{}] {}", config_.name, s.error().message);
    spdlog::info("[{}] device {}: firmware {} status and verify (detected)", config_.name, serial,
                 *known ? "swaps" : "does not swap");
  }
  std::lock_guard lock(mutex_);
  swapDecisions_[serial] = *known;
  return *known;
}

AdmsAnswer AdmsHandler::attlog(const std::string& serial, const std::string& stamp,
                               std::string_view body) {
  std::vector<AttlogLine> lines;
  std::uint64_t lineNumber = 0, bad = 0;
  while (!body.empty()) {
    std::size_t end = body.find('\n');
    std::string_view line = body.substr(0, end);
    body = end == std::string_view::npos ? std::string_view() : body.substr(end + 1);
    ++lineNumber;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    Result<AttlogLine> parsed = parseAttlogLine(line);
    if (parsed) {
      lines.push_back(std::move(*parsed));
      continue;
    }
    if (++bad <= kLoggedBadLinesPerBatch)
      spdlog::warn("[{}] device {} ATTLOG Stamp={} line {}: {}", config_.name, serial, stamp,
                   lineNumber, security::maskIdsInText(parsed.error().message));
  }
  if (bad > kLoggedBadLinesPerBatch)
    spdlog::warn("[{}] device {} ATTLOG Stamp={}: {} bad lines in all (skipped)", config_.name,
                 serial, stamp, bad);

  const bool swap = swapped(serial, lines);
  const AdmsDeviceConfig* device = config_.device(serial);
  const std::string& zone =
      device && !device->timeZone.empty() ? device->timeZone : config_.timeZone;
  std::vector<Punch> punches;
  punches.reserve(lines.size());
  for (AttlogLine& line : lines) {
    Punch p;
    p.deviceSn = serial;
    p.pin = std::move(line.pin);
    p.time = std::move(line.time);
    p.status = swap ? line.second : line.first;
    p.verify = swap ? line.first : line.second;
    p.workcode = std::move(line.workcode);
    p.timeZone = zone;
    p.source = "adms";
    punches.push_back(std::move(p));
  }
  std::optional<DeviceStampUpdate> stampUpdate;
  if (!stamp.empty()) stampUpdate = DeviceStampUpdate{serial, stamp};
  Result<StoreStats> stored = store_->storeBatch(punches, stampUpdate);
  std::lock_guard lock(mutex_);
  ++stats_.batches;
  stats_.lines += punches.size();
  stats_.badLines += bad;
  if (swap) ++stats_.swappedBatches;
  if (!stored) {
    ++stats_.storeFailures;
    spdlog::error("[{}] device {} ATTLOG Stamp={}: {} (answered 500; the device re-sends)",
                  config_.name, serial, stamp, stored.error().message);
    return text(500, "storage failed; send again");
  }
  stats_.inserted += stored->inserted;
  stats_.duplicates += stored->duplicates;
  return text(200, "OK: " + std::to_string(punches.size()));
}

}  // namespace sinkron::connectors::attendance
