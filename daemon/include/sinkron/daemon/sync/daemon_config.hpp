#pragma once
// The daemon's configuration file (deploy/sinkron.example.yaml): the site, the state store, the
// connector instances and the sync cycle. Strict: unknown keys and wrong types are errors naming
// file:line. Secrets are never written in the file itself: any text value may be "${env:NAME}"
// or "${file:/path}" and is replaced by the variable or the file's content (first line) at load.
// Relative paths (store file, mapping files, CA bundles) are relative to the config's folder.
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sinkron/attendance/rollup_rules.hpp"
#include "sinkron/connectors/attendance/adms_config.hpp"
#include "sinkron/connectors/attendance/epresensi_connector.hpp"
#include "sinkron/connectors/attendance/fingerspot_connector.hpp"
#include "sinkron/connectors/ekinerja_config.hpp"
#include "sinkron/connectors/siasn_config.hpp"
#include "sinkron/connectors/simpeg_rest_config.hpp"
#include "sinkron/connectors/training_connector.hpp"
#include "sinkron/daemon/reconcile_job.hpp"
#include "sinkron/result.hpp"
#include "sinkron/store/state_store.hpp"

namespace sinkron::daemon::sync {

enum class PushMode { kLive, kPreview };

struct PushSettings {
  PushMode mode = PushMode::kLive;                 // all connectors
  std::map<std::string, PushMode> connectorModes;  // per connector instance
  int maxAttempts = 5;                             // then the dead-letter queue
  std::chrono::seconds retryBase{30};              // backoff: base * 2^(attempt-1), capped
  std::chrono::seconds retryCap{3600};
  int concurrency = 8;                    // deliveries in flight
  std::string jenisKursusId = "1";        // SIASN jenis kursus of completions
  std::string jenisKursusIdDiklat = "2";  // ... of diklat that is not structural
  PushMode modeOf(const std::string& connector) const;
};

struct SyncSettings {
  std::string schedule = "0 2 * * *";  // cron of the full cycle, in the site's time zone
  // Extra jobs on their own schedules: "push" (deliver the outbox: retries between cycles),
  // "attendance" (pull punches and roll up). Cron text by job name.
  std::map<std::string, std::string> jobSchedules;
  bool misfireRunOnce = true;     // after downtime: one catch-up run (else wait)
  std::string simpeg = "simpeg";  // connector instance names of each role
  std::string siasn = "siasn";
  std::string training;  // "" = no training system
  std::string ekinerja;  // "" = no e-Kinerja pull
  // Agencies (unor ids) whose appraisals are pulled; empty = every unit id SIASN reports.
  std::vector<std::string> ekinerjaUnors;
  ReconcileSettings reconcile;  // thresholds, field owners (left = SIMPEG)
  PushSettings push;
  bool planContactUpdates = true;   // SIMPEG-owned email/phone -> SIASN data-utama-update
  bool planTraining = true;         // completions -> SIASN kursus/diklat
  std::filesystem::path reportDir;  // run reports (preview, summary)
};

// Attendance: punches from a Fingerspot-style cloud (pulled each cycle) and from devices pushing
// to the ADMS receiver (inside `sinkron serve`), person-days from the regional e-presensi app
// (pulled each cycle), the PIN->NIP map, and the daily roll-up.
struct AttendanceSettings {
  std::optional<connectors::attendance::FingerspotConfig> fingerspot;
  std::optional<connectors::attendance::AdmsReceiverConfig> adms;
  std::optional<connectors::attendance::EpresensiConfig> epresensi;
  std::filesystem::path pinMap;  // CSV device_sn,pin,nip,name; imported each cycle when set
  int daysBack = 7;              // the roll-up (and the first cloud pull) covers these days
  attendance::RollupRules rules;
  bool enabled() const {
    return fingerspot.has_value() || adms.has_value() || epresensi.has_value();
  }
};

// The admin API inside `sinkron serve` (issue 6): loopback by default, bearer tokens.
struct AdminSettings {
  bool enabled = false;
  std::string bind = "127.0.0.1";
  int port = 8470;                               // 0 = any free port (logged)
  std::filesystem::path tlsCertificate, tlsKey;  // both or neither
};

struct LogSettings {
  std::string format = "text";  // text | json
  std::string level = "info";
  std::optional<std::filesystem::path> file;
};

struct DaemonConfig {
  std::filesystem::path file;
  std::string siteName = "sinkron";
  std::string timeZone = "Asia/Jakarta";
  store::StoreOptions store;
  LogSettings log;
  std::map<std::string, connectors::simpeg::SimpegRestConfig> simpegRest;
  std::map<std::string, connectors::siasn::SiasnConfig> siasn;
  std::map<std::string, connectors::training::TrainingConfig> training;
  std::map<std::string, connectors::ekinerja::EkinerjaConfig> ekinerja;
  SyncSettings sync;
  AttendanceSettings attendance;
  AdminSettings admin;
};

// `withSecrets` false: "${env:..}" / "${file:..}" stay unresolved, for commands that only read the
// store (diagnose, dlq, token) and run where the daemon's secrets are not available.
Result<DaemonConfig> loadDaemonConfig(const std::filesystem::path& file, bool withSecrets = true);

}  // namespace sinkron::daemon::sync
