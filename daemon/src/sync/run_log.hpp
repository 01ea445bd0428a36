#pragma once
// RunLog: each job run and its steps in the store (runs, run_steps), so IT staff can see what a
// sync did, how far a running one is, and what an interrupted one left behind.
#include <cstdint>
#include <string>

#include "sinkron/result.hpp"
#include "sinkron/store/state_store.hpp"

namespace sinkron::daemon::sync {

class RunLog {
 public:
  explicit RunLog(store::StateStore& store) : store_(store) {}

  Result<std::int64_t> start(const std::string& job, const std::string& trigger);
  Status finish(std::int64_t run, const std::string& status, const std::string& summaryJson,
                const std::string& error);
  Status stepStarted(std::int64_t run, const std::string& step);
  Status stepFinished(std::int64_t run, const std::string& step, const std::string& status,
                      std::uint64_t items, const std::string& message);
  // Runs left "running" by a crash or kill are marked "interrupted"; returns how many.
  Result<std::uint64_t> markInterrupted();

 private:
  store::StateStore& store_;
};

}  // namespace sinkron::daemon::sync
