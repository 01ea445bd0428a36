#pragma once
// RunProgress: how far the running job is, shared between the sync thread (which updates it at
// its checkpoints: a batch stored, a delivery round recorded) and the admin API (which reads a
// snapshot for GET /api/v1/runs/{id}). Cheap to update; one mutex, never held for long.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace sinkron::daemon::sync {

struct ProgressSnapshot {
  std::int64_t runId = 0;
  std::string step;
  std::uint64_t done = 0, total = 0;  // total 0 = unknown
  std::chrono::steady_clock::time_point stepStarted;
  // Items per second since the step started, and the seconds left at that rate (-1 = unknown).
  double ratePerSecond(std::chrono::steady_clock::time_point now) const {
    const double seconds = std::chrono::duration<double>(now - stepStarted).count();
    return seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
  }
  double etaSeconds(std::chrono::steady_clock::time_point now) const {
    const double rate = ratePerSecond(now);
    if (total == 0 || rate <= 0 || done > total) return -1;
    return static_cast<double>(total - done) / rate;
  }
};

class RunProgress {
 public:
  void runStarted(std::int64_t runId) {
    std::lock_guard lock(mutex_);
    current_ = ProgressSnapshot{};
    current_.runId = runId;
    current_.stepStarted = std::chrono::steady_clock::now();
    running_ = true;
  }
  void runFinished() {
    std::lock_guard lock(mutex_);
    running_ = false;
  }
  void stepStarted(const std::string& step, std::uint64_t total = 0) {
    std::lock_guard lock(mutex_);
    current_.step = step;
    current_.done = 0;
    current_.total = total;
    current_.stepStarted = std::chrono::steady_clock::now();
  }
  void setTotal(std::uint64_t total) {
    std::lock_guard lock(mutex_);
    current_.total = total;
  }
  void advance(std::uint64_t items) {
    std::lock_guard lock(mutex_);
    current_.done += items;
  }
  void setDone(std::uint64_t done) {
    std::lock_guard lock(mutex_);
    current_.done = done;
  }
  // The running job's progress; nothing when no job runs.
  std::optional<ProgressSnapshot> snapshot() const {
    std::lock_guard lock(mutex_);
    if (!running_) return std::nullopt;
    return current_;
  }

 private:
  mutable std::mutex mutex_;
  ProgressSnapshot current_;
  bool running_ = false;
};

}  // namespace sinkron::daemon::sync
