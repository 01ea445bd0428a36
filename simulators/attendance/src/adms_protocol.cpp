#include <charconv>
#include <cmath>

#include "sinkron/sim/attendance_sim.hpp"

namespace sinkron::sim {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

void readInt(std::string_view text, int& out) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc() && end == text.data() + text.size()) out = value;
}

}  // namespace

bool admsFirmwareSwapped(std::size_t deviceIndex, double fraction) {
  auto i = static_cast<double>(deviceIndex);
  return std::floor((i + 1) * fraction) > std::floor(i * fraction);
}

AdmsServerOptions parseAdmsServerOptions(std::string_view body) {
  AdmsServerOptions out;
  constexpr std::string_view kGetOption = "GET OPTION FROM:";
  while (!body.empty()) {
    std::size_t end = body.find('\n');
    std::string_view line = trim(body.substr(0, end));
    body = end == std::string_view::npos ? std::string_view() : body.substr(end + 1);
    if (line.rfind(kGetOption, 0) == 0) {
      out.serialNumber = std::string(trim(line.substr(kGetOption.size())));
      continue;
    }
    std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = trim(line.substr(0, eq)), value = trim(line.substr(eq + 1));
    if (key == "Stamp")
      out.stamp = value;
    else if (key == "ATTLOGStamp")
      out.attlogStamp = value;
    else if (key == "TransTimes")
      out.transTimes = value;
    else if (key == "TransFlag")
      out.transFlag = value;
    else if (key == "ErrorDelay")
      readInt(value, out.errorDelaySeconds);
    else if (key == "Delay")
      readInt(value, out.delaySeconds);
    else if (key == "TransInterval")
      readInt(value, out.transIntervalMinutes);
    else if (key == "Realtime")
      out.realtime = value != "0";
    else if (key == "Encrypt")
      out.encrypt = value != "0" && !value.empty();
  }
  return out;
}

}  // namespace sinkron::sim
