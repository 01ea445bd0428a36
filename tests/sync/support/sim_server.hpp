#pragma once
// SimServer: one sinkron-sim child serving every simulated system on free loopback ports, and
// typed readers for what the tests check: the write log, the population truth, the training
// completions and their true attendees.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "loopback_http.hpp"

namespace sinkron::test::sync {

struct SimOptions {
  int people = 1500;
  int seed = 11;
  std::string faultsJson;  // {"faults":[...]} as POST /_sim/faults takes; empty = none
  std::uint64_t faultSeed = 1;
};

struct SimWrite {
  std::uint64_t sequence = 0;
  std::string system, endpoint, key;
};

struct TruthPerson {
  std::uint64_t index = 0;
  std::string personId, nipBaru;
  bool inSimpeg = false, inSiasn = false;
};

struct TrainingCompletion {
  std::string id, jenis, title;
  std::string startDmy;  // tanggal_mulai as dd-mm-yyyy, the date in the SIASN write keys
};

// One employee's monthly attendance figures from GET /_sim/attendance/truth.
struct AttendanceTruth {
  int daysRecorded = 0, daysPresent = 0, lateDays = 0, lateMinutes = 0;
  int izin = 0, sakit = 0, cuti = 0, dinasLuar = 0, tanpaKeterangan = 0;
};

class SimServer {
 public:
  static Result<std::unique_ptr<SimServer>> start(const SimOptions& options,
                                                  const std::filesystem::path& dir);

  // Base URL of a system ("siasn", "sso", "simpeg", "training", ...).
  std::string url(const std::string& system) const;
  // The write log of one system, every page.
  Result<std::vector<SimWrite>> writes(const std::string& system);
  // How many writes the whole simulator process logged (every system).
  Result<std::uint64_t> writeTotal();
  Result<std::vector<TruthPerson>> people();
  Result<std::vector<TrainingCompletion>> completions();
  // The true attendee (population index) of a completion; nullopt for "nobody".
  Result<std::optional<std::uint64_t>> completionPerson(const std::string& id);
  // The attendance truth by NIP; `query` as the route takes it ("month=2026-11&from=...").
  Result<std::map<std::string, AttendanceTruth>> attendanceTruth(const std::string& query);
  std::string log() const { return readFile(logFile_); }

 private:
  SimServer() = default;
  Result<std::string> admin(const std::string& target);

  std::unique_ptr<ChildProcess> process_;
  std::map<std::string, std::string> urls_;
  std::filesystem::path logFile_;
  LoopbackHttp http_;
};

}  // namespace sinkron::test::sync
