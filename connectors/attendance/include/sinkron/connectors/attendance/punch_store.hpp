#pragma once
// PunchStore: attendance punches in a SQLite file (SOCI, WAL, synchronous=FULL) or a PostgreSQL
// database — the daemon's own database, beside the state store's tables (every table name here
// starts with attendance_ or connector_). Prepared statements, one transaction per batch. The
// natural key (device_sn, pin, punch_time) is UNIQUE, so a re-sent batch inserts nothing new.
// Beside the punches: each device's last ADMS Stamp and detected firmware quirk, a PIN->NIP map,
// and pull cursors. Thread-safe (one session, a mutex). The schema is schemaStatements(backend),
// versioned by kSchemaVersion.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sinkron/connectors/attendance/punch.hpp"
#include "sinkron/result.hpp"

namespace sinkron::connectors::attendance {

inline constexpr int kSchemaVersion = 1;
extern const char* const kSchemaSql;  // SQLite: every CREATE statement, separated by ';'

struct PunchStoreLocation {
  enum Backend { kSqlite, kPostgreSql };
  Backend backend = kSqlite;
  // SQLite: the database file. PostgreSQL: a libpq connection string
  // ("host=127.0.0.1 port=5432 dbname=sinkron user=sinkron password=...").
  std::string connect;
};

// The CREATE statements (all IF NOT EXISTS) in the backend's dialect.
std::vector<std::string> schemaStatements(PunchStoreLocation::Backend backend);

struct StoreStats {
  std::uint64_t inserted = 0;
  std::uint64_t duplicates = 0;  // already stored (same device, PIN and time)
};

// Written in the same transaction as a batch of punches.
struct DeviceStampUpdate {
  std::string deviceSn;
  std::string stamp;  // the ADMS Stamp of the batch
};
struct CursorUpdate {
  std::string connector;  // connector instance name
  std::string stream;
  std::string cursor;
};

struct PinMapping {
  std::string deviceSn;  // "" = the PIN means this person on every device
  std::string pin;
  std::string nip;
  std::string name;
};

// A stored punch with the NIP its PIN maps to ("" = the PIN maps to nobody; never guessed).
struct MappedPunch {
  Punch punch;
  std::string nip;
};

class PunchStore {
 public:
  // Opens or creates the file, applies the schema; errors name the file.
  static Result<std::unique_ptr<PunchStore>> open(const std::filesystem::path& file);
  // Either backend; errors name the file, or host, port and dbname (never the password).
  static Result<std::unique_ptr<PunchStore>> open(const PunchStoreLocation& location);
  ~PunchStore();

  // Inserts the punches (INSERT OR IGNORE on the natural key) and the optional stamp and cursor
  // in one transaction, committed before this returns.
  Result<StoreStats> storeBatch(std::span<const Punch> punches,
                                const std::optional<DeviceStampUpdate>& stamp = std::nullopt,
                                const std::optional<CursorUpdate>& cursor = std::nullopt);

  Result<std::string> lastStamp(const std::string& deviceSn);  // "" when none stored
  Result<std::string> cursor(const std::string& connector, const std::string& stream);
  // Firmware quirk remembered per device: nullopt = not known yet.
  Result<std::optional<bool>> swappedFirmware(const std::string& deviceSn);
  Status rememberSwappedFirmware(const std::string& deviceSn, bool swapped);

  Status upsertPinMap(std::span<const PinMapping> mappings);
  // The NIP of a PIN on a device (a device-specific mapping first, then one for every device).
  Result<std::optional<std::string>> nipForPin(const std::string& deviceSn, const std::string& pin);
  // Every NIP the PIN map names, sorted, each once.
  Result<std::vector<std::string>> mappedNips();

  // Streams the punches whose device-local time falls on the days fromDay..toDay (yyyy-mm-dd,
  // inclusive), ordered by time, device and PIN, each with the NIP the PIN map resolves (as
  // nipForPin). One prepared statement; the store's lock is held while `visit` runs, so `visit`
  // must not call this store. An error from `visit` stops the walk and is returned.
  Status forEachPunchInDays(const std::string& fromDay, const std::string& toDay,
                            const std::function<Status(const MappedPunch&)>& visit);

  Result<std::uint64_t> punchCount();
  Result<std::vector<Punch>> punches(const std::string& deviceSn = "");  // ordered by key
  const std::filesystem::path& file() const;                             // empty on PostgreSQL
  PunchStoreLocation::Backend backend() const;

  // Test hook: after `afterBatches` more successful calls, the next `batches` calls of storeBatch
  // fail (as a full disk would) before writing anything.
  void failNextBatches(int batches, int afterBatches = 0);

 private:
  struct Impl;
  explicit PunchStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sinkron::connectors::attendance
