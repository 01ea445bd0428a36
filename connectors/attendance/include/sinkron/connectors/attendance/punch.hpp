#pragma once
// One attendance punch as sinkron stores it: the device's wall-clock time (no zone in the data)
// plus the configured zone name of the site, and the natural key (device, PIN, time).
#include <string>

namespace sinkron::connectors::attendance {

// Status codes (ADMS / Fingerspot): 0 in, 1 out, 2 break out, 3 break in, 4 overtime in,
// 5 overtime out. Verify codes: 0 password, 1 finger, 3 card, 15 face (others exist).
constexpr int kMaxStatus = 5;

struct Punch {
  std::string deviceSn;  // ADMS serial number, Fingerspot cloud_id, or an import source name
  std::string pin;       // device user PIN (not a NIP: see PunchStore's PIN->NIP map)
  std::string time;      // "YYYY-MM-DD HH:MM:SS", device-local
  int status = 0;
  int verify = 1;
  std::string workcode = "0";  // as sent; e-presensi day status ("H", "S", ...)
  std::string timeZone;        // "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"
  std::string source;          // "adms", "fingerspot", "file:<name>"
};

// Whether `text` is "YYYY-MM-DD HH:MM:SS" naming a real calendar date and time of day.
bool isPunchTime(std::string_view text);

}  // namespace sinkron::connectors::attendance
