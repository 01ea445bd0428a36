#pragma once
// ChildProcess: a program started with posix_spawn, its stdout and stderr in files, killed
// (SIGKILL) and reaped when the object is destroyed while it still runs. Every wait is bounded.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sinkron/result.hpp"

namespace sinkron::test::sync {

struct ChildSpec {
  std::vector<std::string> argv;  // argv[0] is the program's path
  std::filesystem::path stdoutFile, stderrFile;
  std::map<std::string, std::string> setEnv;  // added to (or replacing in) this process's env
  std::vector<std::string> unsetEnv;          // removed from the child's environment (wins)
};

class ChildProcess {
 public:
  static Result<std::unique_ptr<ChildProcess>> spawn(const ChildSpec& spec);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool running();
  void signal(int sig);
  // The exit code (128 + signal number when killed) once the child ended within `limit`.
  std::optional<int> waitExit(std::chrono::milliseconds limit);
  // SIGKILL, then reap; returns the exit status as waitExit does.
  int killAndReap();

 private:
  explicit ChildProcess(pid_t pid) : pid_(pid) {}
  pid_t pid_;
  std::optional<int> exit_;
};

// What a program run to its end produced.
struct Finished {
  int exitCode = -1;
  std::string out, err;
};

// Runs `spec` to its end; an error when it does not end within `limit` (it is then killed).
Result<Finished> runToEnd(const ChildSpec& spec, std::chrono::milliseconds limit);

std::string readFile(const std::filesystem::path& path);

}  // namespace sinkron::test::sync
