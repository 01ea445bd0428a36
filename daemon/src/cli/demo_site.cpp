#include "demo_site.hpp"

#include <curl/curl.h>
#include <fcntl.h>
#include <rapidjson/document.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>
#include <vector>

namespace sinkron::daemon::demo {
namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void replaceAll(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

// fork + exec with stdout to `out` (when given) and stderr to `err`; the child gets SIGTERM when
// this process dies, so no simulator outlives a killed demo.
Result<pid_t> spawn(const std::vector<std::string>& args, const std::filesystem::path& out,
                    const std::filesystem::path& err) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) return Error::io("cannot start " + args.front());
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(127);
    if (!out.empty()) {
      int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (fd >= 0) ::dup2(fd, 1), ::close(fd);
    }
    int fd = ::open(err.c_str(), O_WRONLY | O_CREAT | (out == err ? O_APPEND : O_TRUNC), 0600);
    if (fd >= 0) ::dup2(fd, 2), ::close(fd);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

// The child's exit code once it ended; nullopt while it runs.
std::optional<int> ended(pid_t pid) {
  int status = 0;
  if (::waitpid(pid, &status, WNOHANG) != pid) return std::nullopt;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void stop(pid_t pid) {
  if (ended(pid)) return;
  ::kill(pid, SIGTERM);
  for (int i = 0; i < 200; ++i) {  // 10 s
    if (ended(pid)) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
}

std::size_t collect(char* data, std::size_t size, std::size_t n, void* user) {
  static_cast<std::ofstream*>(user)->write(data, static_cast<std::streamsize>(size * n));
  return size * n;
}

}  // namespace

Result<std::unique_ptr<Simulators>> Simulators::start(const std::filesystem::path& sim,
                                                      const std::filesystem::path& dir,
                                                      unsigned long long people,
                                                      unsigned long long seed,
                                                      std::chrono::seconds startLimit) {
  const auto portsFile = dir / "ports.json";
  const auto log = dir / "simulators.log";
  std::error_code ec;
  std::filesystem::remove(portsFile, ec);
  auto pid = spawn({sim.string(), "--people", std::to_string(people), "--seed",
                    std::to_string(seed), "--threads", "2", "--ports-file", portsFile.string()},
                   log, log);
  if (!pid) return pid.error();
  std::unique_ptr<Simulators> sims(new Simulators(*pid));
  const auto deadline = std::chrono::steady_clock::now() + startLimit;
  while (true) {
    if (auto code = ended(*pid)) {
      sims->pid_ = 0;
      return Error::io("the simulators stopped (exit " + std::to_string(*code) + "; see " +
                       log.string() + ")");
    }
    rapidjson::Document d;
    const std::string text = slurp(portsFile);
    d.Parse(text.c_str(), text.size());
    if (!text.empty() && !d.HasParseError() && d.IsObject()) {
      for (const auto& m : d.GetObject())
        if (m.value.IsString()) sims->urls_[m.name.GetString()] = m.value.GetString();
      return sims;
    }
    if (std::chrono::steady_clock::now() > deadline)
      return Error::io("the simulators did not start within " + std::to_string(startLimit.count()) +
                       " s (see " + log.string() + ")");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

Simulators::~Simulators() {
  if (pid_ > 0) stop(pid_);
}

std::string Simulators::url(const std::string& system) const {
  auto it = urls_.find(system);
  return it == urls_.end() ? "" : it->second;
}

Status renderConfig(const std::filesystem::path& templates, const std::filesystem::path& mappings,
                    const Simulators& sims, const std::filesystem::path& config) {
  std::string text;
  for (const char* name :
       {"sinkron.demo.yaml.in", "attendance.demo.yaml.in", "epresensi.demo.yaml.in"}) {
    const auto file = templates / name;
    if (!std::filesystem::is_regular_file(file))
      return Error::notFound("demo template " + file.string() + " is missing (give --templates)");
    text += slurp(file);
  }
  for (const char* system :
       {"simpeg", "siasn", "sso", "training", "fingerspot", "ekinerja", "epresensi"}) {
    std::string placeholder = std::string("@") + system + "_URL@";
    for (char& ch : placeholder)
      ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (sims.url(system).empty())
      return Error::io(std::string("the simulators' ports file names no ") + system);
    replaceAll(text, placeholder, sims.url(system));
  }
  replaceAll(text, "@MAPPINGS@", mappings.string());
  std::ofstream out(config, std::ios::trunc);
  out << text;
  if (!out) return Error::io("cannot write " + config.string());
  return {};
}

void exportDemoCredentials() {
  for (const auto& [name, value] : {std::pair{"SINKRON_SIMPEG_API_KEY", "simpeg-demo-key"},
                                    {"SINKRON_SIASN_CONSUMER_SECRET", "demo-secret"},
                                    {"SINKRON_SIASN_SSO_PASSWORD", "demo-password"},
                                    {"SINKRON_TRAINING_API_KEY", "training-demo-key"},
                                    {"SINKRON_EKINERJA_CLIENT_SECRET", "ekinerja-secret"},
                                    {"SINKRON_FINGERSPOT_TOKEN", "fingerspot-demo-token"},
                                    {"SINKRON_EPRESENSI_PASSWORD", "epresensi-demo"}})
    ::setenv(name, value, 1);
}

Status download(const std::string& url, const std::filesystem::path& file) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out) return Error::io("cannot write " + file.string());
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return Error::internal("libcurl could not start");
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROXY, "");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 60000L);
  curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &out);
  const CURLcode code = curl_easy_perform(c);
  if (code != CURLE_OK) return Error::io("GET " + url + ": " + curl_easy_strerror(code));
  out.close();
  if (!out) return Error::io("writing " + file.string() + " failed");
  return {};
}

Result<int> runToEnd(const std::vector<std::string>& argv, const std::filesystem::path& log,
                     std::chrono::seconds limit) {
  auto pid = spawn(argv, {}, log);
  if (!pid) return pid.error();
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (auto code = ended(*pid)) return *code;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  stop(*pid);
  return Error::io(argv.front() + " ran longer than " + std::to_string(limit.count()) +
                   " s and was stopped");
}

}  // namespace sinkron::daemon::demo
