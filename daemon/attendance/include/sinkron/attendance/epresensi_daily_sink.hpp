#pragma once
// EpresensiDailySink: where the e-presensi connector's "presensi" batches land in the daemon.
// A person-day is already a daily summary, so each item is stored as the feed gave it
// (attendance_epresensi, which later roll-ups let win over device punches) and as its
// attendance_daily row, together with the batch's cursor (StateStore::saveCursor) in one
// transaction. A malformed item fails the whole batch (nothing stored, the cursor stays).
#include <cstdint>
#include <string>

#include "sinkron/attendance/rollup_rules.hpp"
#include "sinkron/connectors/connector.hpp"
#include "sinkron/store/state_store.hpp"

namespace sinkron::attendance {

struct EpresensiSinkCounts {
  std::uint64_t rows = 0, batches = 0;
};

class EpresensiDailySink : public connectors::PullSink {
 public:
  // The cursor is stored under (connectorName, stream) in the state store's cursors.
  EpresensiDailySink(store::StateStore& state, std::string connectorName, RollupRules rules = {},
                     std::string stream = "presensi");
  // Items: json {"nip","tanggal","jam_in","jam_out","status","lokasi",...} (EpresensiConnector).
  Status store(const connectors::PullBatch& batch) override;
  const EpresensiSinkCounts& counts() const { return counts_; }

 private:
  store::StateStore& state_;
  std::string connector_, stream_;
  RollupRules rules_;
  bool tablesReady_ = false;
  EpresensiSinkCounts counts_;
};

}  // namespace sinkron::attendance
