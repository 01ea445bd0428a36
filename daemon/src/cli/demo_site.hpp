#pragma once
// The simulated site `sinkron demo` runs against (what deploy/demo/simulated_site.sh does for the
// benchmarks): `sinkron-sim` as a child process on free loopback ports, stopped when this goes
// away (and by the kernel if sinkron dies first), the site's config rendered from the demo
// templates, the simulators' demo credentials in the environment, and the devices' PIN map.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sinkron/result.hpp"

namespace sinkron::daemon::demo {

class Simulators {
 public:
  // Starts `sim` with --people, --seed, --threads 2 and --ports-file DIR/ports.json (output in
  // DIR/simulators.log) and waits at most `startLimit` for the ports file.
  static Result<std::unique_ptr<Simulators>> start(const std::filesystem::path& sim,
                                                   const std::filesystem::path& dir,
                                                   unsigned long long people,
                                                   unsigned long long seed,
                                                   std::chrono::seconds startLimit);
  ~Simulators();  // SIGTERM, then SIGKILL after 10 s; reaped
  Simulators(const Simulators&) = delete;
  Simulators& operator=(const Simulators&) = delete;

  // The base URL of one system (siasn, sso, simpeg, training, ekinerja, fingerspot, epresensi);
  // "" when the ports file does not name it.
  std::string url(const std::string& system) const;

 private:
  explicit Simulators(pid_t pid) : pid_(pid) {}
  pid_t pid_;
  std::map<std::string, std::string> urls_;
};

// Concatenates sinkron.demo.yaml.in, attendance.demo.yaml.in and epresensi.demo.yaml.in from
// `templates` with the simulators' URLs and the mappings folder filled in, into `config`.
Status renderConfig(const std::filesystem::path& templates, const std::filesystem::path& mappings,
                    const Simulators& sims, const std::filesystem::path& config);

// The demo credentials the config reads through ${env:...} (the same as simulated_site.sh).
void exportDemoCredentials();

// GET `url` into `file` (loopback, no proxy, 60 s at most).
Status download(const std::string& url, const std::filesystem::path& file);

// A child process: `argv` with stdout inherited and stderr into `log`; its exit code, or an
// error when it did not exit normally or ran longer than `limit` (it is killed then).
Result<int> runToEnd(const std::vector<std::string>& argv, const std::filesystem::path& log,
                     std::chrono::seconds limit);

}  // namespace sinkron::daemon::demo
