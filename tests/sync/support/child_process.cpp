#include "child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace sinkron::test::sync {
namespace {

int statusToCode(int status) {
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::vector<std::string> childEnvironment(const ChildSpec& spec) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry = *e;
    std::string name = entry.substr(0, entry.find('='));
    bool dropped = spec.setEnv.contains(name);
    for (const std::string& u : spec.unsetEnv) dropped = dropped || u == name;
    if (!dropped) env.push_back(std::move(entry));
  }
  for (const auto& [name, value] : spec.setEnv)
    if (std::find(spec.unsetEnv.begin(), spec.unsetEnv.end(), name) == spec.unsetEnv.end())
      env.push_back(name + "=" + value);
  return env;
}

}  // namespace

Result<std::unique_ptr<ChildProcess>> ChildProcess::spawn(const ChildSpec& spec) {
  if (spec.argv.empty()) return Error::invalid("spawn: no program given");
  std::vector<std::string> args = spec.argv;
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env = childEnvironment(spec);
  std::vector<char*> envp;
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, spec.stdoutFile.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, spec.stderrFile.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return Error::io("cannot start " + spec.argv[0] + ": " + std::strerror(rc));
  return std::unique_ptr<ChildProcess>(new ChildProcess(pid));
}

ChildProcess::~ChildProcess() {
  if (!exit_) killAndReap();
}

bool ChildProcess::running() {
  if (exit_) return false;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) == pid_) {
    exit_ = statusToCode(status);
    return false;
  }
  return true;
}

void ChildProcess::signal(int sig) {
  if (!exit_) ::kill(pid_, sig);
}

std::optional<int> ChildProcess::waitExit(std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!exit_) {
    if (!running()) break;
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return exit_;
}

int ChildProcess::killAndReap() {
  if (exit_) return *exit_;
  ::kill(pid_, SIGKILL);
  int status = 0;
  // SIGKILL cannot be caught, so this wait ends.
  if (::waitpid(pid_, &status, 0) == pid_)
    exit_ = statusToCode(status);
  else
    exit_ = -1;
  return *exit_;
}

Result<Finished> runToEnd(const ChildSpec& spec, std::chrono::milliseconds limit) {
  auto child = ChildProcess::spawn(spec);
  if (!child) return child.error();
  std::optional<int> code = (*child)->waitExit(limit);
  Finished f;
  if (!code) {
    (*child)->killAndReap();
    return Error::unavailable(spec.argv[0] + " did not end within " +
                              std::to_string(limit.count()) +
                              " ms; stderr: " + readFile(spec.stderrFile).substr(0, 4000));
  }
  f.exitCode = *code;
  f.out = readFile(spec.stdoutFile);
  f.err = readFile(spec.stderrFile);
  return f;
}

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace sinkron::test::sync
