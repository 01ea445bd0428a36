#pragma once
// ChildProcess: a program run as a child (optionally as another user), its output appended to a
// log file, killed when the parent dies (PR_SET_PDEATHSIG) or when the object is destroyed.
// Waiting is bounded polling of waitpid(WNOHANG), safe beside other threads.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sinkron/result.hpp"

namespace sinkron::test {

struct RunAs {
  uid_t uid = 0;
  gid_t gid = 0;
};

struct ChildSpec {
  std::vector<std::string> argv;  // argv[0]: absolute path of the program
  std::filesystem::path log;      // stdout and stderr are appended here
  std::filesystem::path workDir;  // empty: inherit
  std::optional<RunAs> runAs;     // switch user (needs root)
};

class ChildProcess {
 public:
  static Result<ChildProcess> spawn(const ChildSpec& spec);
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  ~ChildProcess();  // SIGKILL and reap when still running

  pid_t pid() const { return pid_; }
  // True when the child has exited (reaped); `exitCode` gets the code or 128 + signal.
  bool exited(int* exitCode = nullptr);
  void signal(int sig);
  // Waits up to `timeout` for the exit; true when it exited.
  bool waitFor(std::chrono::milliseconds timeout, int* exitCode = nullptr);
  // Signals `sig`, waits up to `grace`, then SIGKILL and reap.
  void stop(int sig, std::chrono::milliseconds grace);

 private:
  explicit ChildProcess(pid_t pid) : pid_(pid) {}
  pid_t pid_ = -1;
  int exitCode_ = 0;
};

// Runs to completion within `timeout` (killed after it). Returns the exit code.
Result<int> runChild(const ChildSpec& spec, std::chrono::seconds timeout);

// The last `bytes` of a log file, for error messages.
std::string logTail(const std::filesystem::path& log, std::size_t bytes = 1500);

}  // namespace sinkron::test
