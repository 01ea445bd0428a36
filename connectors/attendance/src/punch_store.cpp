// PunchStore on SOCI: SQLite (WAL journal, synchronous=FULL: a commit is on disk before the
// device is told OK) or PostgreSQL; statements prepared once and bound to members, one
// transaction per batch.
#include "sinkron/connectors/attendance/punch_store.hpp"

#include <mutex>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "sinkron/security/masking.hpp"

namespace sinkron::connectors::attendance {

const char* const kSchemaSql = R"sql(
CREATE TABLE IF NOT EXISTS attendance_schema (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS attendance_punches (
  device_sn TEXT NOT NULL,
  pin TEXT NOT NULL,
  punch_time TEXT NOT NULL,
  status INTEGER NOT NULL,
  verify INTEGER NOT NULL,
  workcode TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  source TEXT NOT NULL,
  stored_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (device_sn, pin, punch_time)
);
CREATE TABLE IF NOT EXISTS attendance_devices (
  device_sn TEXT PRIMARY KEY,
  last_stamp TEXT NOT NULL DEFAULT '',
  swapped_firmware INTEGER
);
CREATE TABLE IF NOT EXISTS attendance_pin_map (
  device_sn TEXT NOT NULL,
  pin TEXT NOT NULL,
  nip TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (device_sn, pin)
);
CREATE TABLE IF NOT EXISTS connector_cursors (
  connector TEXT NOT NULL,
  stream TEXT NOT NULL,
  cursor TEXT NOT NULL,
  PRIMARY KEY (connector, stream)
);
CREATE INDEX IF NOT EXISTS attendance_punches_time ON attendance_punches (punch_time)
)sql";

namespace {

std::vector<std::string> statementsOf(const std::string& sql) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < sql.size()) {
    std::size_t end = sql.find(';', start);
    std::string part = sql.substr(start, end == std::string::npos ? end : end - start);
    if (part.find_first_not_of(" \n\r\t") != std::string::npos) out.push_back(part);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

// Where a store is, for error messages: never the password of a connection string.
std::string describe(const PunchStoreLocation& location) {
  std::string out = "punch store ";
  if (location.backend == PunchStoreLocation::kSqlite) {
    out.append(1, '"').append(location.connect).append(1, '"');
    return out;
  }
  out += "postgresql";
  for (const char* key : {"host=", "port=", "dbname="}) {
    auto at = location.connect.find(key);
    if (at == std::string::npos) continue;
    auto end = location.connect.find(' ', at);
    out.append(1, ' ').append(location.connect, at, end == std::string::npos ? end : end - at);
  }
  return out;
}

int intAt(const soci::row& r, std::size_t i) {
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return r.get<int>(i);
    case soci::dt_long_long:
      return static_cast<int>(r.get<long long>(i));
    case soci::dt_unsigned_long_long:
      return static_cast<int>(r.get<unsigned long long>(i));
    default:
      return std::stoi(r.get<std::string>(i));
  }
}

}  // namespace

std::vector<std::string> schemaStatements(PunchStoreLocation::Backend backend) {
  std::vector<std::string> out = statementsOf(kSchemaSql);
  if (backend == PunchStoreLocation::kSqlite) return out;
  const std::string sqliteNow = "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))";
  const std::string postgresNow =
      "(to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))";
  for (std::string& statement : out)
    if (auto at = statement.find(sqliteNow); at != std::string::npos)
      statement.replace(at, sqliteNow.size(), postgresNow);
  return out;
}

struct PunchStore::Impl {
  PunchStoreLocation location;
  std::filesystem::path file;
  std::mutex mutex;
  soci::session sql;
  int failBatches = 0, failAfter = 0;  // test hook, under `mutex`

  // Bound variables of the prepared statements.
  Punch row;
  std::string stampDevice, stampValue;
  std::string cursorConnector, cursorStream, cursorValue;
  std::unique_ptr<soci::statement> insertPunch, upsertStamp, upsertCursor;

  std::string where() const { return describe(location); }

  void prepare() {
    insertPunch = std::make_unique<soci::statement>(
        (sql.prepare << "INSERT INTO attendance_punches (device_sn, pin, punch_time, status, "
                        "verify, workcode, time_zone, source) VALUES (:d, :p, :t, :s, :v, :w, "
                        ":z, :src) ON CONFLICT (device_sn, pin, punch_time) DO NOTHING",
         soci::use(row.deviceSn), soci::use(row.pin), soci::use(row.time), soci::use(row.status),
         soci::use(row.verify), soci::use(row.workcode), soci::use(row.timeZone),
         soci::use(row.source)));
    upsertStamp = std::make_unique<soci::statement>(
        (sql.prepare << "INSERT INTO attendance_devices (device_sn, last_stamp) VALUES (:d, :s) "
                        "ON CONFLICT (device_sn) DO UPDATE SET last_stamp = excluded.last_stamp",
         soci::use(stampDevice), soci::use(stampValue)));
    upsertCursor = std::make_unique<soci::statement>(
        (sql.prepare << "INSERT INTO connector_cursors (connector, stream, cursor) VALUES "
                        "(:c, :s, :v) ON CONFLICT (connector, stream) DO UPDATE SET cursor = "
                        "excluded.cursor",
         soci::use(cursorConnector), soci::use(cursorStream), soci::use(cursorValue)));
  }
};

PunchStore::PunchStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PunchStore::~PunchStore() = default;

const std::filesystem::path& PunchStore::file() const {
  return impl_->file;
}

PunchStoreLocation::Backend PunchStore::backend() const {
  return impl_->location.backend;
}

void PunchStore::failNextBatches(int batches, int afterBatches) {
  std::lock_guard lock(impl_->mutex);
  impl_->failBatches = batches;
  impl_->failAfter = afterBatches;
}

Result<std::unique_ptr<PunchStore>> PunchStore::open(const std::filesystem::path& file) {
  return open(PunchStoreLocation{PunchStoreLocation::kSqlite, file.string()});
}

Result<std::unique_ptr<PunchStore>> PunchStore::open(const PunchStoreLocation& location) {
  auto impl = std::make_unique<Impl>();
  impl->location = location;
  if (location.backend == PunchStoreLocation::kSqlite) impl->file = location.connect;
  if (location.connect.empty()) return Error::invalid("punch store: no database given");
  try {
    if (location.backend == PunchStoreLocation::kSqlite) {
      impl->sql.open(soci::sqlite3, "db=" + location.connect + " timeout=10");
      std::string mode;
      impl->sql << "PRAGMA journal_mode=WAL", soci::into(mode);
      impl->sql << "PRAGMA synchronous=FULL";
    } else {
      impl->sql.open(soci::postgresql, location.connect);
      // The schema is applied at every open: no "already exists, skipping" notices.
      impl->sql << "SET client_min_messages = warning";
    }
    for (const std::string& statement : schemaStatements(location.backend)) impl->sql << statement;
    int rows = 0;
    impl->sql << "SELECT COUNT(*) FROM attendance_schema", soci::into(rows);
    if (rows == 0) {
      impl->sql << "INSERT INTO attendance_schema (version) VALUES (:v)", soci::use(kSchemaVersion);
    } else {
      int version = 0;
      impl->sql << "SELECT MAX(version) FROM attendance_schema", soci::into(version);
      if (version > kSchemaVersion)
        return Error::unsupported(impl->where() + ": schema version " + std::to_string(version) +
                                  " is newer than this program's " +
                                  std::to_string(kSchemaVersion));
    }
    impl->prepare();
  } catch (const std::exception& e) {
    return Error::io(impl->where() + ": cannot open: " + security::maskIdsInText(e.what()));
  }
  return std::unique_ptr<PunchStore>(new PunchStore(std::move(impl)));
}

Result<StoreStats> PunchStore::storeBatch(std::span<const Punch> punches,
                                          const std::optional<DeviceStampUpdate>& stamp,
                                          const std::optional<CursorUpdate>& cursor) {
  Impl& s = *impl_;
  std::lock_guard lock(s.mutex);
  if (s.failBatches > 0 && s.failAfter > 0) {
    --s.failAfter;
  } else if (s.failBatches > 0) {
    --s.failBatches;
    return Error::io(s.where() + ": batch of " + std::to_string(punches.size()) +
                     " punches not stored (injected storage failure)");
  }
  StoreStats stats;
  try {
    soci::transaction transaction(s.sql);
    for (const Punch& punch : punches) {
      s.row = punch;
      s.insertPunch->execute(true);
      if (s.insertPunch->get_affected_rows() > 0)
        ++stats.inserted;
      else
        ++stats.duplicates;
    }
    if (stamp) {
      s.stampDevice = stamp->deviceSn;
      s.stampValue = stamp->stamp;
      s.upsertStamp->execute(true);
    }
    if (cursor) {
      s.cursorConnector = cursor->connector;
      s.cursorStream = cursor->stream;
      s.cursorValue = cursor->cursor;
      s.upsertCursor->execute(true);
    }
    transaction.commit();
  } catch (const std::exception& e) {
    return Error::io(s.where() + ": batch of " + std::to_string(punches.size()) +
                     " punches not stored: " + e.what());
  }
  return stats;
}

Result<std::string> PunchStore::lastStamp(const std::string& deviceSn) {
  std::lock_guard lock(impl_->mutex);
  try {
    std::string stamp;
    soci::indicator ind = soci::i_null;
    impl_->sql << "SELECT last_stamp FROM attendance_devices WHERE device_sn = :d",
        soci::into(stamp, ind), soci::use(deviceSn);
    return impl_->sql.got_data() && ind == soci::i_ok ? stamp : std::string();
  } catch (const std::exception& e) {
    return Error::io(impl_->where() + ": last stamp of " + deviceSn + ": " + e.what());
  }
}

Result<std::string> PunchStore::cursor(const std::string& connector, const std::string& stream) {
  std::lock_guard lock(impl_->mutex);
  try {
    std::string value;
    soci::indicator ind = soci::i_null;
    impl_->sql << "SELECT cursor FROM connector_cursors WHERE connector = :c AND stream = :s",
        soci::into(value, ind), soci::use(connector), soci::use(stream);
    return impl_->sql.got_data() && ind == soci::i_ok ? value : std::string();
  } catch (const std::exception& e) {
    return Error::io(impl_->where() + ": cursor of " + connector + "/" + stream + ": " + e.what());
  }
}

Result<std::optional<bool>> PunchStore::swappedFirmware(const std::string& deviceSn) {
  std::lock_guard lock(impl_->mutex);
  try {
    int swapped = 0;
    soci::indicator ind = soci::i_null;
    impl_->sql << "SELECT swapped_firmware FROM attendance_devices WHERE device_sn = :d",
        soci::into(swapped, ind), soci::use(deviceSn);
    if (!impl_->sql.got_data() || ind != soci::i_ok) return std::optional<bool>();
    return std::optional<bool>(swapped != 0);
  } catch (const std::exception& e) {
    return Error::io(impl_->where() + ": firmware of " + deviceSn + ": " + e.what());
  }
}

Status PunchStore::rememberSwappedFirmware(const std::string& deviceSn, bool swapped) {
  std::lock_guard lock(impl_->mutex);
  try {
    int value = swapped ? 1 : 0;
    impl_->sql << "INSERT INTO attendance_devices (device_sn, swapped_firmware) VALUES (:d, :s) "
                  "ON CONFLICT (device_sn) DO UPDATE SET swapped_firmware = excluded."
                  "swapped_firmware",
        soci::use(deviceSn), soci::use(value);
  } catch (const std::exception& e) {
    return Error::io(impl_->where() + ": firmware of " + deviceSn + ": " + e.what());
  }
  return {};
}

Status PunchStore::upsertPinMap(std::span<const PinMapping> mappings) {
  std::lock_guard lock(impl_->mutex);
  try {
    PinMapping row;
    soci::transaction transaction(impl_->sql);
    soci::statement upsert =
        (impl_->sql.prepare << "INSERT INTO attendance_pin_map (device_sn, pin, nip, name) VALUES "
                               "(:d, :p, :n, :m) ON CONFLICT (device_sn, pin) DO UPDATE SET "
                               "nip = excluded.nip, name = excluded.name",
         soci::use(row.deviceSn), soci::use(row.pin), soci::use(row.nip), soci::use(row.name));
    for (const PinMapping& mapping : mappings) {
      row = mapping;
      upsert.execute(true);
    }
    transaction.commit();
  } catch (const std::exception& e) {
    return Error::io(impl_->where() + ": PIN map of " + std::to_string(mappings.size()) +
                     " entries not stored: " + e.what());
  }
  return {};
}

Result<std::optional<std::string>> PunchStore::nipForPin(const std::string& deviceSn,
                                                         const std::string& pin) {
  std::lock_guard lock(impl_->mutex);
  try {
    std::string nip;
    soci::indicator ind = soci::i_null;
    impl_->sql << "SELECT nip FROM attendance_pin_map WHERE pin = :p AND device_sn IN (:d, '') "
                  "ORDER BY device_sn DESC LIMIT 1",
        soci::into(nip, ind), soci::use(pin), soci::use(deviceSn);
    if (!impl_->sql.got_data() || ind != soci::i_ok || nip.empty())
      return std::optional<std::string>();
    return std::optional<std::string>(nip);
  } catch (const std::exception& e) {
    return Error::io(impl_->where() + ": PIN " + pin + " of " + deviceSn + ": " + e.what());
  }
}

Result<std::uint64_t> PunchStore::punchCount() {
  std::lock_guard lock(impl_->mutex);
  try {
    long long count = 0;
    impl_->sql << "SELECT COUNT(*) FROM attendance_punches", soci::into(count);
    return static_cast<std::uint64_t>(count);
  } catch (const std::exception& e) {
    return Error::io(impl_->where() + ": count: " + e.what());
  }
}

Result<std::vector<Punch>> PunchStore::punches(const std::string& deviceSn) {
  std::lock_guard lock(impl_->mutex);
  std::vector<Punch> out;
  try {
    soci::rowset<soci::row> rows =
        (impl_->sql.prepare << "SELECT device_sn, pin, punch_time, status, verify, workcode, "
                               "time_zone, source FROM attendance_punches WHERE CAST(:d AS TEXT) = "
                               "'' OR device_sn = :d2 ORDER BY device_sn, pin, punch_time",
         soci::use(deviceSn), soci::use(deviceSn));
    for (const soci::row& r : rows) {
      Punch p;
      p.deviceSn = r.get<std::string>(0);
      p.pin = r.get<std::string>(1);
      p.time = r.get<std::string>(2);
      p.status = intAt(r, 3);
      p.verify = intAt(r, 4);
      p.workcode = r.get<std::string>(5);
      p.timeZone = r.get<std::string>(6);
      p.source = r.get<std::string>(7);
      out.push_back(std::move(p));
    }
  } catch (const std::exception& e) {
    return Error::io(impl_->where() + ": punches: " + e.what());
  }
  return out;
}

Result<std::vector<std::string>> PunchStore::mappedNips() {
  std::lock_guard lock(impl_->mutex);
  std::vector<std::string> out;
  try {
    soci::rowset<std::string> rows =
        (impl_->sql.prepare << "SELECT DISTINCT nip FROM attendance_pin_map WHERE nip <> '' "
                               "ORDER BY nip");
    for (const std::string& nip : rows) out.push_back(nip);
  } catch (const std::exception& e) {
    return Error::io(impl_->where() + ": mapped NIPs: " + e.what());
  }
  return out;
}

Status PunchStore::forEachPunchInDays(const std::string& fromDay, const std::string& toDay,
                                      const std::function<Status(const MappedPunch&)>& visit) {
  if (!isPunchTime(fromDay + " 00:00:00") || !isPunchTime(toDay + " 00:00:00"))
    return Error::invalid("punches of days " + fromDay + ".." + toDay +
                          ": days must be yyyy-mm-dd");
  std::lock_guard lock(impl_->mutex);
  const std::string from = fromDay + " 00:00:00", to = toDay + " 23:59:59";
  try {
    // A device-specific mapping wins over the site-wide one (device_sn ''), as in nipForPin.
    soci::rowset<soci::row> rows =
        (impl_->sql.prepare
             << "SELECT p.device_sn, p.pin, p.punch_time, p.status, p.verify, p.workcode, "
                "p.time_zone, p.source, CASE WHEN d.pin IS NOT NULL THEN d.nip ELSE a.nip END "
                "FROM attendance_punches p "
                "LEFT JOIN attendance_pin_map d ON d.device_sn = p.device_sn AND d.pin = p.pin "
                "LEFT JOIN attendance_pin_map a ON a.device_sn = '' AND a.pin = p.pin "
                "WHERE p.punch_time >= :f AND p.punch_time <= :t "
                "ORDER BY p.punch_time, p.device_sn, p.pin",
         soci::use(from), soci::use(to));
    MappedPunch m;
    for (const soci::row& r : rows) {
      m.punch.deviceSn = r.get<std::string>(0);
      m.punch.pin = r.get<std::string>(1);
      m.punch.time = r.get<std::string>(2);
      m.punch.status = intAt(r, 3);
      m.punch.verify = intAt(r, 4);
      m.punch.workcode = r.get<std::string>(5);
      m.punch.timeZone = r.get<std::string>(6);
      m.punch.source = r.get<std::string>(7);
      m.nip = r.get_indicator(8) == soci::i_ok ? r.get<std::string>(8) : std::string();
      if (Status s = visit(m); !s) return s;
    }
  } catch (const std::exception& e) {
    return Error::io(impl_->where() + ": punches of days " + fromDay + ".." + toDay + ": " +
                     security::maskIdsInText(e.what()));
  }
  return {};
}

}  // namespace sinkron::connectors::attendance
