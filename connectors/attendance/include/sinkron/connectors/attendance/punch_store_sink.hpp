#pragma once
// PunchStoreSink: a PullSink that stores pulled "attlog" items in a PunchStore, the cursor in the
// same transaction (connector_cursors), so a cursor never runs ahead of its punches.
#include <memory>
#include <string>

#include "sinkron/connectors/attendance/punch_store.hpp"
#include "sinkron/connectors/connector.hpp"

namespace sinkron::connectors::attendance {

class PunchStoreSink : public PullSink {
 public:
  // The cursor is stored under (connectorName, stream).
  PunchStoreSink(std::shared_ptr<PunchStore> store, std::string connectorName,
                 std::string stream = "attlog");
  // "attlog" items (json {"cloud_id","pin","scan_date","verify","status_scan","time_zone"}) and
  // "presensi" items (json {"nip","tanggal","jam_in","jam_out","status","time_zone"}: punches
  // under device = the connector name, PIN = NIP). A malformed item fails the whole batch.
  Status store(const PullBatch& batch) override;
  const StoreStats& totals() const { return totals_; }

 private:
  std::shared_ptr<PunchStore> store_;
  std::string connector_, stream_;
  StoreStats totals_;
};

}  // namespace sinkron::connectors::attendance
