#pragma once
// The checks of one person's records: pure functions over canonical records, no store access.
#include <string>
#include <vector>

#include "sinkron/diagnose/diagnose_report.hpp"
#include "sinkron/mappings/civil_date.hpp"
#include "sinkron/mappings/employee_record.hpp"

namespace sinkron::diagnose::detail {

// A canonical record from its stored JSON (canonical field names); unknown names are ignored.
mappings::EmployeeRecord recordFromJson(const std::string& json);

// NIP, NIK, kedudukan, retirement age, position, unit and email of one system's record.
void checkRecord(const std::string& system, const mappings::EmployeeRecord& record,
                 const mappings::CivilDate& asOf, std::vector<Check>& out);

// The person exists in a system (and is still there, and under the NIP asked for).
Check presenceCheck(const SystemPresence& presence, const std::string& queriedNip);

struct SourcePair {
  const mappings::EmployeeRecord* simpeg = nullptr;
  const mappings::EmployeeRecord* siasn = nullptr;
  std::string simpegConnector, simpegKey, siasnConnector, siasnKey;
};

// nip, nik, name (normalized), birth date, sex and person id agree; SIASN owns NIP and person id,
// so a difference there is offered as a SIMPEG "pegawai-patch".
Check identityAgreement(const SourcePair& pair);
// SIMPEG owns email and phone: a difference is offered as a SIASN "data-utama-update".
Check contactAgreement(const SourcePair& pair);
// `others` are the source keys of other records of the same source with the same email.
Check emailUnique(const std::string& system, const std::string& email,
                  const std::vector<std::string>& others);
Check pushesCheck(const std::vector<PushEntry>& pushes);
// Marks the offered fixes already in the outbox; a failure whose every fix is queued or
// delivered becomes a warning that waits for the next pull to show the fix landed.
void markQueuedFixes(Check& check);

}  // namespace sinkron::diagnose::detail
