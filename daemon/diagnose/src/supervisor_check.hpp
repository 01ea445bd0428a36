#pragma once
// Checks over SIMPEG's reference tables as stored (raw rows). The supervisor check: SIMPEG names
// who a post reports to (jabatan.id_bos); the person's supervisor is whoever holds that post. Read
// from the stored SIMPEG post table and pegawai rows.
#include <soci/soci.h>

#include "sinkron/diagnose/diagnose_report.hpp"
#include "sinkron/diagnose/diagnoser.hpp"
#include "sinkron/mappings/employee_record.hpp"

namespace sinkron::diagnose::detail {

// `simpeg` is the person's SIMPEG record (nullptr when not in SIMPEG); `ownKey` its id_pegawai.
Check supervisorCheck(soci::session& sql, const DiagnoseSettings& settings,
                      const mappings::EmployeeRecord* simpeg, const std::string& ownKey);

// SIMPEG's unit of the person is mapped to a SIASN unorId (unit_kerja.id_unor_bkn).
Check unitMappedCheck(soci::session& sql, const DiagnoseSettings& settings,
                      const mappings::EmployeeRecord* simpeg);

}  // namespace sinkron::diagnose::detail
