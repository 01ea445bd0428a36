#pragma once
// StateStore: everything the daemon must remember across restarts, in one SQL database reached
// through SOCI — a SQLite file by default (WAL, one writer), PostgreSQL when the config gives a
// DSN. The schema is versioned: migrations are applied at open, and a database written by a
// newer sinkron is refused rather than misread.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "sinkron/result.hpp"

namespace soci {
class session;
}

namespace sinkron::store {

enum class Backend { kSqlite, kPostgreSql };

struct StoreOptions {
  Backend backend = Backend::kSqlite;
  // SQLite: the database file path. PostgreSQL: a libpq connection string
  // ("host=127.0.0.1 port=5432 dbname=sinkron user=sinkron password=...").
  std::string connect;
  // SQLite synchronous=FULL (survives power loss) instead of NORMAL (survives a killed process).
  bool durableCommits = false;
};

// Parses "sqlite3" / "sqlite" / "postgresql" / "postgres".
Result<Backend> parseBackend(std::string_view name);

class StateStore {
 public:
  static Result<std::unique_ptr<StateStore>> open(const StoreOptions& options);
  ~StateStore();
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  static int latestSchemaVersion();
  int schemaVersion() const;
  Backend backend() const;
  // A cheap round trip, for /readyz.
  Status ping();

  // Runs `work` in one transaction: committed when it returns ok, rolled back when it returns
  // an error or throws (SOCI and standard exceptions become Errors naming `what`).
  Status transaction(std::string_view what, const std::function<Status(soci::session&)>& work);

  // The stored cursor of a connector's stream (nullopt before the first stored batch).
  Result<std::optional<std::string>> cursor(std::string_view connector, std::string_view stream);
  // Sets a cursor; call inside transaction() together with the rows it covers.
  static Status saveCursor(soci::session& sql, std::string_view connector, std::string_view stream,
                           std::string_view cursor);

  // The session, for modules that keep their own tables (one writer: the caller's thread).
  soci::session& session();

 private:
  struct Impl;
  explicit StateStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Milliseconds since the Unix epoch, the store's time format on every backend.
std::int64_t nowMillis();

}  // namespace sinkron::store
