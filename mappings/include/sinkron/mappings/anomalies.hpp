#pragma once
// Data-quality anomalies that can be checked on one record (the BKN 2023 list, DOMAIN.md).
#include <string>
#include <string_view>
#include <vector>

#include "sinkron/mappings/civil_date.hpp"
#include "sinkron/mappings/employee_record.hpp"
#include "sinkron/mappings/record_view.hpp"

namespace sinkron::mappings {

enum class Severity { kInfo, kWarning, kError };
std::string_view severityName(Severity s);  // "info", "warning", "error"

struct Anomaly {
  std::string_view code;  // stable: "nik_invalid", "nip_tgl_lahir", "melewati_bup", ...
  Field field;            // the field a person should fix
  Severity severity;
  std::string message;  // what is wrong, with both values where two disagree
};

struct AnomalyOptions {
  CivilDate asOf;  // the day ages and "CPNS for more than a year" are measured on
};

// Appends the record's anomalies to `out`. Allocation-free when the record is clean.
void checkAnomalies(const EmployeeRecord& record, const AnomalyOptions& options,
                    std::vector<Anomaly>& out);
void checkAnomalies(const RecordView& record, const AnomalyOptions& options,
                    std::vector<Anomaly>& out);

// Every code checkAnomalies can emit, with its severity and a one-line description of the fix.
struct AnomalyKind {
  std::string_view code;
  Severity severity;
  std::string_view description;  // Indonesian-first short text for reports
};
const std::vector<AnomalyKind>& anomalyKinds();

}  // namespace sinkron::mappings
