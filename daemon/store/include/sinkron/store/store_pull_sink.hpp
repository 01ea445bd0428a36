#pragma once
// StorePullSink: where a connector's pulled batches land. Each batch is stored — every item as
// the connector's copy of a source record (canonical fields as JSON, or the raw document) —
// together with the batch's cursor, in one transaction: the cursor can never run ahead of the
// rows it covers, and a crash in the middle of a pull resumes from the last stored batch.
#include <cstdint>
#include <functional>
#include <string>

#include "sinkron/connectors/connector.hpp"
#include "sinkron/store/state_store.hpp"

namespace sinkron::store {

struct SinkCounts {
  std::uint64_t inserted = 0, changed = 0, unchanged = 0, batches = 0;
};

class StorePullSink : public connectors::PullSink {
 public:
  StorePullSink(StateStore& store, std::string connector, std::string stream,
                std::int64_t runId = 0);
  Status store(const connectors::PullBatch& batch) override;
  const SinkCounts& counts() const { return counts_; }
  // Stores mapper(cursorAfter) instead of the connector's cursor (a caller that pulls a subset
  // of keys translates "n keys done" into something that survives a changed key list).
  void setCursorMapper(std::function<std::string(const std::string&)> mapper) {
    cursorMapper_ = std::move(mapper);
  }
  // A side pull next to the sync cycle (diagnose --refresh): the stream's cursor is not saved,
  // stored rows keep their last_run and new rows take the stream's newest last_run, so a cycle
  // running meanwhile neither resumes elsewhere nor flags these rows as vanished.
  void leaveCycleState() { sidePull_ = true; }

 private:
  StateStore& store_;
  std::string connector_, stream_;
  std::int64_t runId_;
  bool sidePull_ = false;
  SinkCounts counts_;
  std::function<std::string(const std::string&)> cursorMapper_;
};

// The canonical fields of a record as a JSON object ({"nip":"...","nama":"..."}; empty fields
// left out), in field order, so equal records give equal text.
std::string canonicalJson(const mappings::EmployeeRecord& record);

}  // namespace sinkron::store
