#pragma once
// Queueing a fix diagnose offered, once a person approved it: into the outbox like any planned
// push (the same policy and delivery), with who approved it and why in the change history.
#include <cstdint>
#include <string>

#include "sinkron/diagnose/diagnose_report.hpp"
#include "sinkron/result.hpp"
#include "sinkron/store/state_store.hpp"

namespace sinkron::diagnose {

struct ApprovedFix {
  std::int64_t outboxId = 0;
  bool created = false;  // false: it was already in the outbox
};

// The fix of `report` whose fixId() is `fixId`; kNotFound when the report offers no such fix.
Result<OfferedFix> findOfferedFix(const DiagnoseReport& report, const std::string& fixId);

// `actor` e.g. "operator:budi"; `reason` must not be empty (kInvalidArgument).
Result<ApprovedFix> approveFix(store::StateStore& store, const OfferedFix& fix,
                               const std::string& actor, const std::string& reason);

}  // namespace sinkron::diagnose
