#pragma once
// LinkWriter: turns the reconcile step's situations into the store's identity links: one
// canonical employee per person, each source record linked to it (links, and
// source_records.employee_id), the employee's merged record by the ownership policy, and an
// open conflict for every pair in the review band or duplicate, for a person to decide.
// Existing links are kept stable: a person keeps their employee id across runs.
#include <cstdint>
#include <filesystem>
#include <string>

#include "push_plan.hpp"
#include "sinkron/daemon/reconcile_job.hpp"
#include "sinkron/store/state_store.hpp"

namespace sinkron::daemon::sync {

struct LinkStats {
  std::uint64_t linked = 0, newEmployees = 0, review = 0, duplicates = 0;
};

struct LinkInput {
  std::filesystem::path situationsCsv;
  std::string simpegConnector, siasnConnector;
  std::string simpegStream = "pegawai", siasnStream = "data-utama";
  OwnershipPolicy policy;
  std::int64_t runId = 0;
};

// Review pairs and duplicates are added to `conflicts` (PlanWriter opens them).
Result<LinkStats> writeLinks(store::StateStore& store, const LinkInput& in,
                             std::vector<PlannedConflict>& conflicts);

}  // namespace sinkron::daemon::sync
