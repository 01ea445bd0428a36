#pragma once
// Employee lookup across every system the store knows: the canonical employee (employees), each
// source's copy of them (source_records) and whether that copy is linked (links). By NIP (exact,
// else one digit or one adjacent transposition off, flagged), NIK, or name (normalized: titles
// stripped, spelling folded; prefix or full match) optionally with a birth date. Used by the admin
// API (GET /api/v1/employees) and usable locally by the CLI.
#include <soci/soci.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sinkron/result.hpp"

namespace sinkron::daemon::lookup {

struct EmployeeQuery {
  std::string nip, nik, name, birthDate;  // exactly one of nip, nik, name (birth date: with name)
  std::size_t limit = 20;
};

// One source's copy of the person.
struct SystemRecord {
  std::string system;  // connector instance name
  std::string type;    // simpeg | siasn | training | ekinerja | attendance
  std::string stream, key, nip, nama;
  bool linked = false;  // a link ties this record to the employee
  std::optional<std::int64_t> missingSinceMs;
};

struct EmployeeMatch {
  std::optional<std::int64_t> employeeId;  // none: a source record not linked yet
  std::string nip, nama, birthDate, unorId, unor, status;
  bool nipOneDigitOff = false;  // found through a NIP one digit / one transposition off
  std::vector<SystemRecord> systems;
};

struct LookupSettings {
  std::map<std::string, std::string> connectorTypes;  // instance name -> type
  std::string siasnConnector = "siasn";               // its data-utama is keyed by NIP
  std::vector<std::string> agencies;                  // only these agencies (unor ids); empty = all
};

// Error::invalid for a missing or malformed query (NIP not 18 digits, NIK not 16, bad date).
Result<std::vector<EmployeeMatch>> lookupEmployees(soci::session& sql, const EmployeeQuery& query,
                                                   const LookupSettings& settings);

// True when `agencies` is empty, or the employee's canonical record or one of their source
// records has a unit_id (SIASN unorId) in `agencies`. For agency-scoped tokens (diagnose too).
bool employeeInAgencies(soci::session& sql, std::int64_t employeeId,
                        const std::vector<std::string>& agencies);

// The employee a source record is linked to (links, else source_records.employee_id).
std::optional<std::int64_t> employeeOfRecord(soci::session& sql, const std::string& connector,
                                             const std::string& sourceKey);

}  // namespace sinkron::daemon::lookup
