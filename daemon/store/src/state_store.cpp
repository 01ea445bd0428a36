#include "sinkron/store/state_store.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <chrono>
#include <filesystem>

#include "migrations.hpp"
#include "sinkron/security/masking.hpp"

namespace sinkron::store {
namespace {

// Where a database is, for error messages: never the password of a DSN.
std::string describe(const StoreOptions& o) {
  if (o.backend == Backend::kSqlite) return "sqlite3 '" + o.connect + "'";
  std::string out = "postgresql";
  for (const char* key : {"host=", "port=", "dbname="}) {
    auto at = o.connect.find(key);
    if (at == std::string::npos) continue;
    auto end = o.connect.find(' ', at);
    out += " " + o.connect.substr(at, end == std::string::npos ? end : end - at);
  }
  return out;
}

}  // namespace

std::int64_t nowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<Backend> parseBackend(std::string_view name) {
  if (name == "sqlite3" || name == "sqlite") return Backend::kSqlite;
  if (name == "postgresql" || name == "postgres") return Backend::kPostgreSql;
  return Error::invalid("store backend '" + std::string(name) +
                        "' is not supported (one of: sqlite3, postgresql)");
}

struct StateStore::Impl {
  StoreOptions options;
  soci::session sql;
  int version = 0;
};

StateStore::StateStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
StateStore::~StateStore() = default;

int StateStore::latestSchemaVersion() {
  return detail::migrations(Backend::kSqlite).back().version;
}

Result<std::unique_ptr<StateStore>> StateStore::open(const StoreOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  const std::string where = describe(options);
  if (options.connect.empty()) return Error::invalid("store: no database given (connect is empty)");
  try {
    if (options.backend == Backend::kSqlite) {
      auto parent = std::filesystem::path(options.connect).parent_path();
      if (!parent.empty() && !std::filesystem::is_directory(parent))
        return Error::notFound("store: folder '" + parent.string() + "' does not exist");
      impl->sql.open(soci::sqlite3, "db=" + options.connect + " timeout=30");
      impl->sql << "PRAGMA journal_mode=WAL";
      impl->sql << (options.durableCommits ? "PRAGMA synchronous=FULL"
                                           : "PRAGMA synchronous=NORMAL");
      impl->sql << "PRAGMA foreign_keys=ON";
    } else {
      impl->sql.open(soci::postgresql, options.connect);
    }
    impl->sql << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                 "description TEXT NOT NULL, applied_at "
              << (options.backend == Backend::kSqlite ? "INTEGER" : "BIGINT") << " NOT NULL)";
    int current = 0;
    soci::indicator ind = soci::i_ok;
    impl->sql << "SELECT MAX(version) FROM schema_migrations", soci::into(current, ind);
    if (ind == soci::i_null) current = 0;
    const auto all = detail::migrations(options.backend);
    if (current > all.back().version)
      return Error::invalid("store " + where + ": schema version " + std::to_string(current) +
                            " was written by a newer sinkron (this one knows up to " +
                            std::to_string(all.back().version) + "); upgrade sinkron");
    for (const auto& m : all) {
      if (m.version <= current) continue;
      soci::transaction tx(impl->sql);
      for (const std::string& statement : m.statements) impl->sql << statement;
      std::int64_t now = nowMillis();
      std::string description = m.description;
      impl->sql << "INSERT INTO schema_migrations (version, description, applied_at) "
                   "VALUES (:v, :d, :t)",
          soci::use(m.version), soci::use(description), soci::use(now);
      tx.commit();
      current = m.version;
    }
    impl->version = current;
  } catch (const std::exception& e) {
    return Error::io("store " + where + ": " + security::maskIdsInText(e.what()));
  }
  return std::unique_ptr<StateStore>(new StateStore(std::move(impl)));
}

int StateStore::schemaVersion() const {
  return impl_->version;
}

Backend StateStore::backend() const {
  return impl_->options.backend;
}

soci::session& StateStore::session() {
  return impl_->sql;
}

Status StateStore::ping() {
  try {
    int one = 0;
    impl_->sql << "SELECT 1", soci::into(one);
    return {};
  } catch (const std::exception& e) {
    return Error::io("store " + describe(impl_->options) + ": " + e.what());
  }
}

Status StateStore::transaction(std::string_view what,
                               const std::function<Status(soci::session&)>& work) {
  try {
    soci::transaction tx(impl_->sql);
    Status s = work(impl_->sql);
    if (!s) {
      tx.rollback();
      return s;
    }
    tx.commit();
    return {};
  } catch (const std::exception& e) {
    return Error::io("store: " + std::string(what) + ": " + security::maskIdsInText(e.what()));
  }
}

Result<std::optional<std::string>> StateStore::cursor(std::string_view connector,
                                                      std::string_view stream) {
  try {
    std::string c(connector), s(stream), value;
    soci::indicator ind = soci::i_null;
    impl_->sql << "SELECT cursor FROM cursors WHERE connector = :c AND stream = :s", soci::use(c),
        soci::use(s), soci::into(value, ind);
    if (!impl_->sql.got_data() || ind != soci::i_ok) return std::optional<std::string>();
    return std::optional<std::string>(value);
  } catch (const std::exception& e) {
    return Error::io("store: reading the cursor of " + std::string(connector) + "/" +
                     std::string(stream) + ": " + e.what());
  }
}

Status StateStore::saveCursor(soci::session& sql, std::string_view connector,
                              std::string_view stream, std::string_view cursor) {
  std::string c(connector), s(stream), v(cursor);
  std::int64_t now = nowMillis();
  sql << "INSERT INTO cursors (connector, stream, cursor, updated_at) VALUES (:c, :s, :v, :t) "
         "ON CONFLICT (connector, stream) DO UPDATE SET cursor = excluded.cursor, "
         "updated_at = excluded.updated_at",
      soci::use(c), soci::use(s), soci::use(v), soci::use(now);
  return {};
}

}  // namespace sinkron::store
