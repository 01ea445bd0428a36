#pragma once
// Import of attendance files into a PunchStore, format detected from the first line:
//  - ZKTeco attlog.dat exports: "PIN\tYYYY-MM-DD HH:MM:SS\tstatus\tverify\tworkcode..." lines,
//    the PIN often right-aligned with leading spaces;
//  - CSV punches with a header "pin,datetime,status,verify" (any delimiter, quotes, BOM);
//  - e-presensi CSV with a header "nip,tanggal,jam_in,jam_out,status" (+ other columns such as
//    lokasi): a check-in punch at jam_in (status 0) and a check-out at jam_out (status 1), the
//    day status (H, I, S, C, DL, TK) in workcode; days without times store nothing.
// A bad line is reported as "file:line: reason" (ids masked) and skipped; the rest is imported
// in batches; punches already stored are counted as duplicates.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sinkron/connectors/attendance/attlog_line.hpp"
#include "sinkron/connectors/attendance/punch_store.hpp"
#include "sinkron/result.hpp"

namespace sinkron::connectors::attendance {

enum class AttendanceFileFormat { kAttlog, kCsvPunches, kCsvEpresensi };
std::string_view formatName(AttendanceFileFormat format);  // "attlog", "csv", "epresensi-csv"

struct ImportOptions {
  std::string deviceSn;  // the device (or system) the file came from; "" = "file:<file name>"
  std::string timeZone = "Asia/Jakarta";
  SwapMode swappedStatusVerify = SwapMode::kAuto;  // attlog and CSV punches
  std::size_t batchSize = 1000;
  std::size_t maxErrorsKept = 100;  // further bad lines are only counted
};

struct ImportStats {
  AttendanceFileFormat format = AttendanceFileFormat::kAttlog;
  std::uint64_t lines = 0;    // data lines read (header and blank lines not counted)
  std::uint64_t punches = 0;  // punches offered to the store
  std::uint64_t inserted = 0, duplicates = 0, badLines = 0;
  std::uint64_t daysWithoutTimes = 0;  // e-presensi rows with neither jam_in nor jam_out
  std::vector<std::string> errors;     // "file:line: reason"
};

// Errors: the file cannot be read, its format is not recognised (naming the header found), or
// the store failed (punches of earlier batches stay stored; importing again is harmless).
Result<ImportStats> importAttendanceFile(const std::filesystem::path& file, PunchStore& store,
                                         const ImportOptions& options = {});

struct PinMapImportStats {
  std::uint64_t mapped = 0;         // rows stored (inserted or updated)
  std::uint64_t withoutNip = 0;     // device users nobody mapped to a NIP (honorary staff, guards)
  std::vector<std::string> errors;  // "file:line: reason"
};

// Loads a PIN->NIP map CSV with a header naming at least `pin` and `nip`, optionally `device_sn`
// (empty or absent: the PIN means that person on every device) and `name` — e.g. the
// "device_sn,cloud_id,pin,nip,name" export a site keeps (a cloud_id other than device_sn maps the
// PIN under the cloud id too, the name cloud pulls give the device). Rows without a NIP are
// counted, not stored; a row whose NIP is not 18 digits is an error with file:line (NIP masked).
Result<PinMapImportStats> importPinMapCsv(const std::filesystem::path& file, PunchStore& store);

}  // namespace sinkron::connectors::attendance
