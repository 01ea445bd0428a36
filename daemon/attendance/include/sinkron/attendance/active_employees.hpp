#pragma once
// Who must have an attendance row every working day: the NIPs of the stored personnel records
// (e.g. SIMPEG's pegawai) of people in active service. A person whose canonical `kedudukan` is
// another code (02 CLTN, 03 Tugas Belajar, 04 Pemberhentian Sementara, 20 MPP, 99 Pensiun, ...)
// is not expected at work, so a day without punches is not "TK" for them; a record without
// kedudukan counts as active (the source does not say otherwise).
#include <string>
#include <string_view>
#include <vector>

#include "sinkron/result.hpp"
#include "sinkron/store/state_store.hpp"

namespace sinkron::attendance {

// Kedudukan hukum "Aktif".
inline constexpr std::string_view kKedudukanAktif = "01";

// Distinct NIPs of current (not missing) records of connector/stream, ordered, skipping records
// with another kedudukan than kKedudukanAktif. Errors: a store failure.
Result<std::vector<std::string>> activeEmployeeNips(store::StateStore& state,
                                                    const std::string& connector,
                                                    const std::string& stream);

}  // namespace sinkron::attendance
