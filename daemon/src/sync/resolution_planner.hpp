#pragma once
// A person's decision on a conflict, turned into the pushes it implies: the chosen value (left,
// right or entered) goes to each system that does not hold it and has an API route for the field,
// in the same shapes (kind, natural key, payload) as the difference planner, so the outbox's
// unique natural keys keep it from being queued twice. Fields without a route, identity and
// missing-record conflicts, and dismissals plan nothing and say why.
#include <set>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "push_plan.hpp"

namespace sinkron::daemon::sync {

struct ConflictRow {
  std::int64_t id = 0;
  std::string field, leftSource, leftValue, rightSource, rightValue;
};

struct ResolutionTargets {
  std::string simpegConnector = "simpeg", siasnConnector = "siasn";
  bool simpegWritable = true;               // a SIMPEG REST connector (pegawai-patch)
  std::set<std::string> previewConnectors;  // push mode preview: nothing queued for them
};

struct ResolutionPlan {
  std::string chosenValue;
  std::vector<PlannedChange> changes;
  std::string note;  // why nothing (or not everything) is pushed; empty when all is
};

// `resolution` is left | right | value | dismiss; `value` the entered value (with "value").
// Reads the SIASN record for the person id (inside the caller's transaction). Error::invalid for
// an entered value the field cannot take (a NIP that is not 18 digits, an email without '@').
Result<ResolutionPlan> planResolution(soci::session& sql, const ConflictRow& conflict,
                                      const std::string& resolution, const std::string& value,
                                      const ResolutionTargets& targets);

}  // namespace sinkron::daemon::sync
