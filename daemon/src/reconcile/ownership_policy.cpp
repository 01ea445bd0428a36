#include <yaml-cpp/yaml.h>

#include "sinkron/daemon/reconcile_job.hpp"

namespace sinkron::daemon {

using mappings::Field;

OwnershipPolicy OwnershipPolicy::defaults() {
  OwnershipPolicy p;
  p.owner.fill(OwnerSide::kLeft);
  for (Field f : {Field::kPersonId, Field::kNip, Field::kNipLama})
    p.owner[mappings::index(f)] = OwnerSide::kRight;
  return p;
}

Result<ReconcileSettings> loadReconcileSettings(const std::filesystem::path& file) {
  ReconcileSettings s;
  const std::string origin = file.string();
  auto where = [&](const YAML::Node& n) {
    return origin + ":" + std::to_string(n.Mark().line + 1) + ": ";
  };
  try {
    YAML::Node root = YAML::LoadFile(origin);
    if (!root.IsMap()) return Error::parse(origin + ": expected a map of settings");
    for (const auto& kv : root) {
      const auto key = kv.first.as<std::string>();
      if (key == "match_threshold") {
        s.thresholds.match = kv.second.as<double>();
      } else if (key == "review_threshold") {
        s.thresholds.review = kv.second.as<double>();
      } else if (key == "owners") {
        for (const auto& o : kv.second) {
          auto name = o.first.as<std::string>();
          auto field = mappings::fieldByName(name);
          if (!field)
            return Error::invalid(where(o.first) + "unknown canonical field '" + name + "'");
          auto side = o.second.as<std::string>();
          if (side != "left" && side != "right")
            return Error::invalid(where(o.second) + "owner of '" + name +
                                  "' must be left or right, got '" + side + "'");
          s.policy.owner[mappings::index(*field)] =
              side == "left" ? OwnerSide::kLeft : OwnerSide::kRight;
        }
      } else {
        return Error::invalid(where(kv.first) + "unknown key '" + key +
                              "' (valid: match_threshold, review_threshold, owners)");
      }
    }
  } catch (const YAML::BadFile&) {
    return Error::notFound("cannot open settings file " + origin);
  } catch (const YAML::Exception& e) {
    return Error::parse(origin + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  if (s.thresholds.review > s.thresholds.match)
    return Error::invalid(origin + ": review_threshold must not exceed match_threshold");
  return s;
}

}  // namespace sinkron::daemon
