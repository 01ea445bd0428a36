#pragma once
// ProgressSink: a PullSink in front of another that counts each stored batch into the run's
// progress (the batch's items, once the inner sink has stored them).
#include "sinkron/connectors/connector.hpp"
#include "sinkron/daemon/sync/run_progress.hpp"

namespace sinkron::daemon::sync {

class ProgressSink : public connectors::PullSink {
 public:
  ProgressSink(connectors::PullSink& inner, RunProgress* progress)
      : inner_(inner), progress_(progress) {}
  Status store(const connectors::PullBatch& batch) override {
    Status s = inner_.store(batch);
    if (s && progress_ != nullptr) progress_->advance(batch.items.size());
    return s;
  }

 private:
  connectors::PullSink& inner_;
  RunProgress* progress_;
};

}  // namespace sinkron::daemon::sync
