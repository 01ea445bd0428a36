#include "sinkron/connectors/attendance/attendance_config.hpp"

#include "yaml_fields.hpp"

namespace sinkron::connectors::attendance {

Result<AttendanceConfig> loadAttendanceConfig(const std::filesystem::path& file) {
  const std::string name = file.string();
  YAML::Node root;
  try {
    root = YAML::LoadFile(name);
  } catch (const YAML::BadFile&) {
    return Error::notFound(name + ": cannot read the attendance config");
  } catch (const YAML::Exception& e) {
    return Error::parse(name + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  if (Status s =
          yaml::checkKeys(root, name, "the attendance config", {"store", "adms", "fingerspot"});
      !s)
    return s.error();
  AttendanceConfig config;
  std::string store;
  if (Status s = yaml::read(root, "store", name, store); !s) return s.error();
  if (store.empty())
    return Error::invalid(name + ":1: key 'store': the punch store file is required");
  config.store = store;
  if (config.store.is_relative()) config.store = file.parent_path() / config.store;
  if (YAML::Node adms = root["adms"]) {
    auto parsed = parseAdmsReceiverConfig(adms, name);
    if (!parsed) return parsed.error();
    config.adms = std::move(*parsed);
  }
  if (YAML::Node cloud = root["fingerspot"]) {
    auto parsed = parseFingerspotConfig(cloud, name);
    if (!parsed) return parsed.error();
    config.fingerspot = std::move(*parsed);
  }
  return config;
}

}  // namespace sinkron::connectors::attendance
