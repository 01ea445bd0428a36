#pragma once
// SyncSite: a sinkron site in a temp folder wired to one SimServer — its config (made from
// deploy/demo/sinkron.demo.yaml.in), `sinkron sync` runs as child processes with the demo
// secrets in their environment, and readers of the state store's outbox and dead letters.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "sim_server.hpp"

namespace sinkron::test::sync {

struct SiteOptions {
  std::string postgresConnect;  // empty: a SQLite file state/sinkron.db in the site folder
  int maxAttempts = 5;
  int retryBaseSeconds = 1;
  int pushConcurrency = 128;
  // Attendance as the demo site has it (deploy/demo/attendance.demo.yaml.in and
  // epresensi.demo.yaml.in): the Fingerspot cloud pull with the devices' PIN map (pins.csv,
  // fetched from the simulator), e-presensi, the roll-up of the last days. Needs the
  // "fingerspot" and "epresensi" URLs.
  bool attendance = false;
  // A site with only the fingerprint devices: the Fingerspot cloud pull of every device in the
  // PIN map (pins.csv, fetched from the simulator), the roll-up of the last days, no e-presensi.
  // Needs the "fingerspot" URL. Not together with `attendance`.
  bool attendanceDevicesOnly = false;
  std::vector<std::string> holidays;  // attendance.holidays, yyyy-mm-dd
};

// `sinkron sync --json` as it ended: the exit code and the summary object's fields.
struct CycleReport {
  int exitCode = -1;
  std::string status;
  std::map<std::string, std::uint64_t> counts;  // queued, pushed, outbox_pending, ...
  std::vector<std::string> problems;
  std::filesystem::path runDir;
  std::string output;  // stdout and stderr, for failure messages
  std::uint64_t count(const std::string& key) const;
};

struct OutboxRow {
  std::string connector, naturalKey, status;
  int attempts = 0;
};

struct DeadLetter {
  std::string naturalKey, reason;
};

// The `sinkron` command with the demo secrets in its environment; output in dir/<tag>.out|err.
ChildSpec sinkronCommand(const std::vector<std::string>& args, const std::filesystem::path& dir,
                         const std::string& tag);

class SyncSite {
 public:
  // `urls`: base URL by system name ("simpeg", "siasn", "sso", "training", "ekinerja"; with
  // attendance also "fingerspot", "epresensi"; devices-only attendance "fingerspot").
  static Result<SyncSite> create(const std::filesystem::path& dir,
                                 const std::map<std::string, std::string>& urls,
                                 const SiteOptions& options);
  static Result<SyncSite> create(const std::filesystem::path& dir, const SimServer& sim,
                                 const SiteOptions& options);

  const std::filesystem::path& configFile() const { return config_; }
  // Runs `sinkron sync --config F --json` plus `extraArgs` to its end.
  Result<CycleReport> sync(const std::vector<std::string>& extraArgs = {},
                           std::chrono::seconds limit = std::chrono::seconds(150));
  // Starts the daemon (`sinkron serve --once`) without waiting (crash tests kill it).
  Result<std::unique_ptr<ChildProcess>> startSync();
  Result<std::vector<OutboxRow>> outbox() const;
  Result<std::vector<DeadLetter>> deadLetters() const;

 private:
  SyncSite() = default;
  std::filesystem::path dir_, config_;
  std::string postgresConnect_;
  int runs_ = 0;
};

// Parses the summary object `sinkron sync --json` prints (its last line starting with '{').
Result<CycleReport> parseCycleReport(int exitCode, const std::string& out, const std::string& err);

}  // namespace sinkron::test::sync
