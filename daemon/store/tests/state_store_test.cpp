#include <soci/soci.h>
#include <catch2/catch.hpp>

#include <filesystem>

#include "sinkron/store/state_store.hpp"
#include "sinkron/store/store_pull_sink.hpp"
#include "sinkron/test/database_server.hpp"

namespace fs = std::filesystem;
using namespace sinkron;
using namespace sinkron::store;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("sinkron-store-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  static int& counter() {
    static int n = 0;
    return n;
  }
};

connectors::PullBatch batchOf(std::initializer_list<std::pair<const char*, const char*>> items,
                              std::string cursor) {
  connectors::PullBatch b;
  for (auto [key, nama] : items) {
    connectors::PulledItem item;
    item.stream = "pegawai";
    item.key = key;
    mappings::EmployeeRecord r;
    r.set(mappings::Field::kNama, nama);
    item.record = r;
    b.items.push_back(std::move(item));
  }
  b.cursorAfter = std::move(cursor);
  return b;
}

// A sink whose second store fails, like a crash in the middle of a pull.
void exerciseStore(StateStore& store) {
  CHECK(store.schemaVersion() == StateStore::latestSchemaVersion());
  REQUIRE(store.ping());
  auto none = store.cursor("simpeg", "pegawai");
  REQUIRE(none);
  CHECK_FALSE(none->has_value());

  StorePullSink sink(store, "simpeg", "pegawai");
  REQUIRE(sink.store(batchOf({{"1", "Ahmad"}, {"2", "Siti"}}, "c1")));
  CHECK(sink.counts().inserted == 2);
  REQUIRE(sink.store(batchOf({{"2", "Siti"}, {"3", "Budi"}}, "c2")));
  CHECK(sink.counts().unchanged == 1);
  CHECK(sink.counts().inserted == 3);
  REQUIRE(sink.store(batchOf({{"1", "Ahmad Yani"}}, "c3")));
  CHECK(sink.counts().changed == 1);
  CHECK(store.cursor("simpeg", "pegawai")->value() == "c3");

  // A failing transaction leaves neither the rows nor the cursor behind.
  Status failed = store.transaction("test", [&](soci::session& sql) -> Status {
    REQUIRE(StateStore::saveCursor(sql, "simpeg", "pegawai", "c4"));
    sql << "INSERT INTO cursors (connector, stream, cursor, updated_at) VALUES ('x', 'y', 'z', 0)";
    return Error::io("disk full");
  });
  CHECK_FALSE(failed);
  CHECK(store.cursor("simpeg", "pegawai")->value() == "c3");
  CHECK_FALSE(store.cursor("x", "y")->has_value());

  // An exception inside the transaction is an error naming what was being done.
  Status thrown = store.transaction("writing junk", [&](soci::session& sql) -> Status {
    sql << "INSERT INTO no_such_table VALUES (1)";
    return {};
  });
  REQUIRE_FALSE(thrown);
  CHECK(thrown.error().message.find("writing junk") != std::string::npos);

  int rows = 0;
  store.session() << "SELECT COUNT(*) FROM source_records", soci::into(rows);
  CHECK(rows == 3);

  // The change history refuses rewrites.
  store.session() << "INSERT INTO change_history (at, actor, entity, entity_key, prev_hash, "
                     "hash) VALUES (1, 'test', 'employee', '1', '', 'h1')";
  CHECK_THROWS(store.session() << "UPDATE change_history SET actor = 'mallory'");
  CHECK_THROWS(store.session() << "DELETE FROM change_history");
}

}  // namespace

TEST_CASE("SQLite state store: migrations, cursors with their rows, append-only history",
          "[store]") {
  TempDir dir;
  StoreOptions o;
  o.connect = (dir.path / "state.db").string();
  {
    auto store = StateStore::open(o);
    REQUIRE(store);
    exerciseStore(**store);
  }
  SECTION("reopening keeps state and applies no migration twice") {
    auto again = StateStore::open(o);
    REQUIRE(again);
    CHECK((*again)->cursor("simpeg", "pegawai")->value() == "c3");
    int migrations = 0;
    (*again)->session() << "SELECT COUNT(*) FROM schema_migrations", soci::into(migrations);
    CHECK(migrations == StateStore::latestSchemaVersion());
  }
  SECTION("a database from a newer sinkron is refused") {
    {
      auto s = StateStore::open(o);
      REQUIRE(s);
      (*s)->session() << "INSERT INTO schema_migrations (version, description, applied_at) "
                         "VALUES (999, 'future', 0)";
    }
    auto newer = StateStore::open(o);
    REQUIRE_FALSE(newer);
    CHECK(newer.error().message.find("newer sinkron") != std::string::npos);
  }
}

TEST_CASE("State store rejects bad options clearly", "[store]") {
  StoreOptions o;
  CHECK_FALSE(StateStore::open(o));
  o.connect = "/no/such/folder/state.db";
  auto missing = StateStore::open(o);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message.find("/no/such/folder") != std::string::npos);
  CHECK_FALSE(parseBackend("oracle"));
  CHECK(parseBackend("postgres").value() == Backend::kPostgreSql);
}

TEST_CASE("PostgreSQL state store behaves like SQLite", "[store][db]") {
  auto server = test::TestDatabaseServer::start(test::TestDatabaseServer::Kind::kPostgreSql);
  REQUIRE(server);
  StoreOptions o;
  o.backend = Backend::kPostgreSql;
  o.connect = (*server)->sociConnectString();
  auto store = StateStore::open(o);
  REQUIRE(store);
  exerciseStore(**store);
  auto again = StateStore::open(o);
  REQUIRE(again);
  CHECK((*again)->cursor("simpeg", "pegawai")->value() == "c3");
}
