#pragma once
// The daemon keeps its punches in its own database: the PunchStore opens where the state store
// is (same SQLite file, or same PostgreSQL database); its tables have distinct names.
#include <memory>

#include "sinkron/connectors/attendance/punch_store.hpp"
#include "sinkron/result.hpp"
#include "sinkron/store/state_store.hpp"

namespace sinkron::attendance {

connectors::attendance::PunchStoreLocation punchStoreLocation(const store::StoreOptions& options);

// PunchStore::open(punchStoreLocation(options)).
Result<std::shared_ptr<connectors::attendance::PunchStore>> openDaemonPunchStore(
    const store::StoreOptions& options);

}  // namespace sinkron::attendance
