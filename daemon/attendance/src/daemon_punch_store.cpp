#include "sinkron/attendance/daemon_punch_store.hpp"

namespace sinkron::attendance {

using connectors::attendance::PunchStore;
using connectors::attendance::PunchStoreLocation;

PunchStoreLocation punchStoreLocation(const store::StoreOptions& options) {
  return PunchStoreLocation{options.backend == store::Backend::kPostgreSql
                                ? PunchStoreLocation::kPostgreSql
                                : PunchStoreLocation::kSqlite,
                            options.connect};
}

Result<std::shared_ptr<PunchStore>> openDaemonPunchStore(const store::StoreOptions& options) {
  auto opened = PunchStore::open(punchStoreLocation(options));
  if (!opened) return opened.error();
  return std::shared_ptr<PunchStore>(std::move(*opened));
}

}  // namespace sinkron::attendance
