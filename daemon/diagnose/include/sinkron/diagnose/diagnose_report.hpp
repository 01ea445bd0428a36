#pragma once
// The answer to "why can't this employee open e-Kinerja?": where the person is found, how their
// records are linked, and a list of checks with a fix for each failure, in Indonesian and English.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sinkron::diagnose {

enum class Lang { kId, kEn };
// "id" / "en"; anything else is nullopt.
std::optional<Lang> parseLang(std::string_view name);

// One message in both languages the helpdesk uses.
struct Text {
  std::string id;
  std::string en;
  const std::string& in(Lang lang) const { return lang == Lang::kId ? id : en; }
};

enum class CheckStatus { kPass, kFail, kWarn, kSkip };
std::string_view checkStatusName(CheckStatus s);  // "PASS", "FAIL", "WARN", "SKIP"

// A push sinkron can queue through the outbox once a person approves it; the same shapes the
// sync planner produces (kind "pegawai-patch" for SIMPEG, "data-utama-update" for SIASN).
struct OfferedFix {
  std::string connector;
  std::string kind;
  std::string targetKey;   // SIMPEG id_pegawai or SIASN NIP
  std::string naturalKey;  // unique per target and value: queueing twice adds nothing
  std::string json;        // the request body
  // The outbox entry already holding this fix, if any: then it is shown, not offered again.
  std::int64_t outboxId = 0;
  std::string outboxStatus;  // "" (not queued), "pending", "delivering", "delivered", "dead"
  std::optional<std::int64_t> deliveredAtMs;
  // A short stable reference (hash of connector + natural key) to approve this fix by.
  std::string fixId() const;
  bool alreadyQueued() const { return !outboxStatus.empty() && outboxStatus != "dead"; }
};

struct Check {
  std::string code;    // stable: "nip_consistent", "email_unique", ...
  std::string system;  // "simpeg", "siasn", or "" for a check across both
  CheckStatus status = CheckStatus::kSkip;
  Text message;  // what was found
  Text fix;      // what to do (empty when PASS)
  std::vector<OfferedFix> offeredFixes;
};

// The person as one system sees them.
struct SystemPresence {
  std::string system;     // "simpeg" / "siasn"
  std::string connector;  // the connector instance name
  std::string stream;     // "pegawai" / "data-utama"
  bool found = false;
  std::string sourceKey;  // SIMPEG id_pegawai, SIASN NIP
  std::optional<std::int64_t> employeeId;
  std::string linkDecision;  // "match", "review", "only_left", ... ("" when not linked)
  std::optional<double> linkScore;
  bool missingInSource = false;  // vanished from the source at the last full pull
  // Found by a NIP one digit off the queried one (a typing error in that system).
  bool nipOneDigitOff = false;
  std::string nip;  // the NIP that system holds
};

// An outbox entry for this person that is not delivered yet, or was dead-lettered.
struct PushEntry {
  std::int64_t id = 0;
  std::string connector, kind, targetKey, naturalKey, status, lastError;
  int attempts = 0;
};

// One system re-pulled for this person before the checks (diagnose --refresh).
struct RefreshedSystem {
  std::string system;     // "simpeg", "siasn", "ekinerja"
  std::string connector;  // the connector instance name
  bool ok = false;
  std::size_t records = 0;  // records stored
  std::string error;        // why it failed (ok == false)
};

struct DiagnoseReport {
  std::string query;  // how the person was asked for, identifiers masked
  bool found = false;
  std::string nama;
  std::vector<SystemPresence> systems;  // SIMPEG first, then SIASN
  std::vector<Check> checks;
  std::vector<PushEntry> pushes;
  std::vector<Text> notes;  // e.g. "not found in any system", other people who also matched
  std::string agency;       // the SIASN agency (unorId) of the person, "" when unknown
  std::vector<RefreshedSystem> refreshed;  // empty unless re-pulled first
};

}  // namespace sinkron::diagnose
