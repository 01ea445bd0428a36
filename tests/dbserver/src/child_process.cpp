#include "child_process.hpp"

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <fstream>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

namespace sinkron::test {

namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(20);

// PR_SET_PDEATHSIG fires when the forking *thread* ends, not the process: children are forked
// by one thread that lives as long as the process, so a test may start servers from any thread.
class ForkThread {
 public:
  static pid_t run(const std::function<pid_t()>& doFork) {
    static ForkThread* instance = new ForkThread();  // never destroyed: outlives every caller
    std::packaged_task<pid_t()> task(doFork);
    std::future<pid_t> result = task.get_future();
    {
      std::lock_guard lock(instance->mutex_);
      instance->tasks_.push_back(std::move(task));
    }
    instance->ready_.notify_one();
    return result.get();
  }

 private:
  ForkThread() {
    std::thread([this] {
      for (;;) {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return !tasks_.empty(); });
        std::packaged_task<pid_t()> task = std::move(tasks_.front());
        tasks_.erase(tasks_.begin());
        lock.unlock();
        task();
      }
    }).detach();
  }
  std::mutex mutex_;
  std::condition_variable ready_;
  std::vector<std::packaged_task<pid_t()>> tasks_;
};

int codeOf(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

Result<ChildProcess> ChildProcess::spawn(const ChildSpec& spec) {
  if (spec.argv.empty()) return Error::invalid("spawn: no program given");
  // Everything the child needs is prepared before fork().
  std::vector<char*> argv;
  for (const std::string& a : spec.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  int logFd = ::open(spec.log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (logFd < 0)
    return Error::io("spawn " + spec.argv[0] + ": cannot open log " + spec.log.string() + ": " +
                     std::strerror(errno));
  if (spec.runAs) (void)::fchown(logFd, spec.runAs->uid, spec.runAs->gid);
  int nullFd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  std::string workDir = spec.workDir.string();

  pid_t parent = ::getpid();
  pid_t pid = ForkThread::run([&]() -> pid_t {
    pid_t child = ::fork();
    if (child != 0) return child < 0 ? -errno : child;
    // The child: only async-signal-safe calls until exec.
    if (nullFd >= 0) ::dup2(nullFd, 0);
    ::dup2(logFd, 1);
    ::dup2(logFd, 2);
    ::setpgid(0, 0);  // signals to the test's process group do not reach the server
    if (spec.runAs) {
      gid_t gid = spec.runAs->gid;
      if (::setgroups(1, &gid) != 0 || ::setgid(gid) != 0 || ::setuid(spec.runAs->uid) != 0)
        ::_exit(126);
    }
    // After the user switch, which clears it: die with the parent.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(125);
    if (!workDir.empty() && ::chdir(workDir.c_str()) != 0) ::_exit(124);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  });
  if (pid < 0) {
    ::close(logFd);
    if (nullFd >= 0) ::close(nullFd);
    return Error::io("spawn " + spec.argv[0] + ": fork failed: " + std::strerror(-pid));
  }
  ::close(logFd);
  if (nullFd >= 0) ::close(nullFd);
  return ChildProcess(pid);
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(other.pid_), exitCode_(other.exitCode_) {
  other.pid_ = -1;
}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this != &other) {
    if (pid_ > 0) stop(SIGKILL, std::chrono::milliseconds(0));
    pid_ = other.pid_;
    exitCode_ = other.exitCode_;
    other.pid_ = -1;
  }
  return *this;
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) stop(SIGKILL, std::chrono::milliseconds(0));
}

bool ChildProcess::exited(int* exitCode) {
  if (pid_ > 0) {
    int status = 0;
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_ || (r < 0 && errno == ECHILD)) {
      exitCode_ = r == pid_ ? codeOf(status) : -1;
      pid_ = -1;
    }
  }
  if (pid_ > 0) return false;
  if (exitCode) *exitCode = exitCode_;
  return true;
}

void ChildProcess::signal(int sig) {
  if (pid_ > 0) ::kill(pid_, sig);
}

bool ChildProcess::waitFor(std::chrono::milliseconds timeout, int* exitCode) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!exited(exitCode)) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(kPollInterval);
  }
  return true;
}

void ChildProcess::stop(int sig, std::chrono::milliseconds grace) {
  if (exited()) return;
  signal(sig);
  if (waitFor(grace)) return;
  signal(SIGKILL);
  waitFor(std::chrono::seconds(30));
}

Result<int> runChild(const ChildSpec& spec, std::chrono::seconds timeout) {
  Result<ChildProcess> child = ChildProcess::spawn(spec);
  if (!child) return child.error();
  int code = 0;
  if (!child->waitFor(timeout, &code)) {
    child->stop(SIGKILL, std::chrono::milliseconds(0));
    return Error::io(spec.argv[0] + " did not finish within " + std::to_string(timeout.count()) +
                     " s (log " + spec.log.string() + ")");
  }
  return code;
}

std::string logTail(const std::filesystem::path& log, std::size_t bytes) {
  std::ifstream in(log, std::ios::binary | std::ios::ate);
  if (!in) return {};
  std::streamoff size = in.tellg();
  std::streamoff from =
      size > static_cast<std::streamoff>(bytes) ? size - static_cast<std::streamoff>(bytes) : 0;
  in.seekg(from);
  std::string out(static_cast<std::size_t>(size - from), '\0');
  in.read(out.data(), static_cast<std::streamsize>(out.size()));
  return out;
}

}  // namespace sinkron::test
