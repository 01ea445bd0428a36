#pragma once
// The attendance systems: ZKTeco fingerprint devices pushing over HTTP (ADMS, an emulator that
// pushes to a receiver such as the sinkron daemon), a Fingerspot-style cloud API and a regional
// e-presensi app. All three serve the same AttendanceModel, so a person-day agrees everywhere.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sinkron/result.hpp"
#include "sinkron/sim/attendance_model.hpp"
#include "sinkron/sim/router.hpp"
#include "sinkron/sim/world.hpp"

namespace sinkron::sim {

// ---- Fingerspot-style cloud --------------------------------------------------------------
// POST /api/v1/get_attlog   {"trans_id","cloud_id","start_date","end_date"} (at most 2 days)
// POST /api/v1/get_userinfo {"trans_id","cloud_id","pin"}
// POST /api/v1/get_all_pin  {"trans_id","cloud_id"}
// GET  /_sim/attendance/pin-map[?sn=]  CSV "device_sn,cloud_id,pin,nip,name" (the PIN->NIP map
//      a site keeps; PINs without NIP have an empty nip)
// Auth: "Authorization: Bearer <token>" where the token is WorldOptions::fingerspotToken (the
// portal-issued API token, not revocable) or one issued by world.tokens("fingerspot") (revocable
// by a token_revoke fault). Wrong or missing: 401 {"success":false,"message":"Unauthorized"}.
// Malformed body or a missing/mistyped field: 400 {"success":false,"message":"<field>: ..."}.
// Business rules answer HTTP 200 with {"success":false,...} as the cloud does: a range longer
// than 2 days (end_date - start_date > 1 day), end before start, an unknown cloud_id or pin.
// A field-drift fault renames scan_date -> scandate and status_scan -> status.
Router fingerspotRouter(World& world);
Router fingerspotRouter(World& world, std::shared_ptr<const AttendanceModel> model);

// ---- e-presensi (regional app, Laravel-style JSON) ------------------------------------------
// POST /api/login {"username","password"} -> {"token","token_type":"Bearer","expires_in"}; tokens
//      come from world.tokens("epresensi") (revocable by a token_revoke fault).
// GET  /api/v1/presensi?tanggal_mulai=yyyy-mm-dd&tanggal_selesai=yyyy-mm-dd[&unor_id=][&page=1]
//      [&per_page=100]  with "Authorization: Bearer <token>"
//   -> {"data":[{"nip","tanggal","jam_in","jam_out","lokasi","status":"H|I|S|C|DL|TK"}],
//       "meta":{"current_page","last_page","per_page","total","from","to"}}
//   One row per active employee per working day, ordered by tanggal then by device PIN;
//   jam_in/jam_out "HH:MM:SS" or null, lokasi the unit's name (null when not present).
//   At most 31 days per call, per_page 1..1000. Errors: 401 {"message":"Unauthenticated."};
//   422 {"message":"The given data was invalid.","errors":{"<field>":["..."]}}; an unknown
//   unor_id 404 {"message":"unor_id <id> tidak ditemukan"}.
// A field-drift fault renames jam_in -> jam_masuk and jam_out -> jam_pulang.
// Both the cloud and the app also serve GET /_sim/attendance/truth (the monthly figures per
// employee, see attendance_truth.hpp).
inline constexpr std::string_view kEpresensiUsername = "sinkron";
inline constexpr std::string_view kEpresensiPassword = "epresensi-demo";
Router epresensiRouter(World& world);
Router epresensiRouter(World& world, std::shared_ptr<const AttendanceModel> model);

// ---- ZKTeco ADMS device emulator ----------------------------------------------------------
struct AdmsRunOptions {
  std::string serverUrl;  // "http://127.0.0.1:P" or "https://host:P", optionally with a path
                          // prefix ("http://127.0.0.1:P/adms" -> /adms/iclock/cdata)
  int devices = 2;        // the first N devices of the model (largest units first)
  std::string firstDate;  // yyyy-mm-dd, required
  int days = 1;           // calendar days from firstDate (non-working days have no punches)
  int batchSize = 50;     // ATTLOG lines per POST, 1..10000
  int maxAttempts = 10;   // sends of one request (first + re-sends) before the device gives up
  // Devices running "firmware with status and verify swapped": device i (in model order) is
  // swapped when floor((i+1)*f) > floor(i*f), so f = 0.5 swaps devices 1, 3, 5, ...
  double swappedFirmwareFraction = 0.25;
  int concurrency = 8;           // devices pushing at the same time
  int requestTimeoutMs = 10000;  // connect + TLS + write + read of one request
  int retryBackoffMs = 200;      // first back-off before a re-send; doubles, capped below
  int maxBackoffMs = 5000;
  // After the handshake, use the receiver's ErrorDelay (seconds) as the first back-off instead
  // of retryBackoffMs, as a real device does (still capped by maxBackoffMs).
  bool honourServerDelays = false;
  int pollEveryBatches = 10;  // GET /iclock/getrequest after the handshake and every N batches
  std::string caFile;         // https: PEM CA bundle to verify the server (empty: system store)
};

struct AdmsRunStats {
  std::uint64_t punches = 0;              // ATTLOG lines in acknowledged batches (once each)
  std::uint64_t batchesSent = 0;          // POSTs of ATTLOG batches, re-sends included
  std::uint64_t batchesAcknowledged = 0;  // batches answered 200 "OK..."
  std::uint64_t resends = 0;              // POSTs that repeated a batch not acknowledged
  std::uint64_t failures = 0;             // devices that gave up (handshake or a batch)
  std::uint64_t handshakes = 0, polls = 0, connects = 0;
  std::vector<std::string> swappedSerials;  // devices that ran the swapped firmware
};

// Runs the devices against an ADMS receiver: per device the handshake
// GET /iclock/cdata?SN=..&options=all&pushver=2.4.1&language=69, GET /iclock/getrequest?SN=..
// polls, and POST /iclock/cdata?SN=..&table=ATTLOG&Stamp=<n> batches of tab-separated lines in
// time order, each re-sent unchanged (same body, same Stamp) after a back-off until answered
// 200 "OK" or maxAttempts. Errors: invalid options (naming the field); transport problems are
// counted in the stats (`failures`), not errors.
Result<AdmsRunStats> runAdmsDevices(const AdmsRunOptions& options, World& world);
Result<AdmsRunStats> runAdmsDevices(const AdmsRunOptions& options, const AttendanceModel& model);

bool admsFirmwareSwapped(std::size_t deviceIndex, double fraction);

// The options a receiver answers to the handshake ("GET OPTION FROM: <sn>\nStamp=..\n..."),
// any subset; unknown keys are ignored.
struct AdmsServerOptions {
  std::string serialNumber;  // from the "GET OPTION FROM:" line, may be empty
  std::string stamp, attlogStamp, transTimes, transFlag;
  int errorDelaySeconds = 30, delaySeconds = 10, transIntervalMinutes = 1;
  bool realtime = true, encrypt = false;
};
AdmsServerOptions parseAdmsServerOptions(std::string_view body);

}  // namespace sinkron::sim
