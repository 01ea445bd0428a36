#pragma once
// What a sync decided: changes to push (each to one connector instance) and conflicts a person
// must decide. The planners fill a PushPlan; PlanWriter queues it (outbox + conflicts in one
// transaction) or, in preview mode, writes it to a file without queueing anything.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "sinkron/connectors/connector.hpp"
#include "sinkron/daemon/sync/daemon_config.hpp"
#include "sinkron/result.hpp"
#include "sinkron/store/state_store.hpp"

namespace sinkron::daemon::sync {

struct PlannedChange {
  std::string connector;
  connectors::Change change;
  std::string reason;  // why, for the preview and the history ("email owned by simpeg")
};

struct PlannedConflict {
  std::string field;  // canonical field, "identity", "training_attendee"
  std::string leftSource, leftValue, rightSource, rightValue;
  std::string note;
};

// A source record of a system without its own people list (training) resolved to a person:
// stored as a link to the employee of that SIASN NIP, for reports (training hours per person).
struct ResolvedRecord {
  std::string connector, sourceKey, siasnConnector, siasnNip, how;
};

struct PushPlan {
  std::vector<PlannedChange> changes;
  std::vector<ResolvedRecord> resolved;
  std::vector<PlannedConflict> conflicts;
  std::map<std::string, std::uint64_t> byKind;  // planned changes per kind
  std::uint64_t differencesWithoutRoute = 0;    // owner decided, but no API can write it
  std::uint64_t trainingResolved = 0, trainingUnresolved = 0;
};

struct PlanWriteStats {
  std::uint64_t queued = 0, alreadyQueued = 0, previewed = 0, conflictsOpened = 0;
  std::filesystem::path previewFile;
};

// Queues live changes in the outbox and opens the conflicts (an open conflict of the same
// field and values is not opened twice), in transactions of up to 1,000 rows. Changes whose
// connector is in preview mode (or all, with dryRun) go to `previewFile` instead.
Result<PlanWriteStats> writePlan(store::StateStore& store, const PushPlan& plan,
                                 const PushSettings& push, bool dryRun, std::int64_t runId,
                                 const std::filesystem::path& previewFile);

}  // namespace sinkron::daemon::sync
