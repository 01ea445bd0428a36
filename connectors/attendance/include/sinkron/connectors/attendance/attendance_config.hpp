#pragma once
// The attendance section of sinkron's configuration (see deploy/attendance.example.yaml):
//   store: punches.db          # the PunchStore SQLite file
//   adms: {...}                # optional: the receiver devices push to
//   fingerspot: {...}          # optional: the cloud pull
// Unknown keys anywhere are errors with file:line.
#include <filesystem>
#include <optional>
#include <string>

#include "sinkron/connectors/attendance/adms_config.hpp"
#include "sinkron/connectors/attendance/fingerspot_connector.hpp"
#include "sinkron/result.hpp"

namespace sinkron::connectors::attendance {

struct AttendanceConfig {
  std::filesystem::path store;  // relative paths are relative to the config file's folder
  std::optional<AdmsReceiverConfig> adms;
  std::optional<FingerspotConfig> fingerspot;
};

Result<AttendanceConfig> loadAttendanceConfig(const std::filesystem::path& file);

}  // namespace sinkron::connectors::attendance
