#include <soci/mysql/soci-mysql.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <thread>
#include <vector>

#include "sinkron/test/database_server.hpp"

using sinkron::test::DatabaseServerOptions;
using sinkron::test::TestDatabaseServer;

namespace {

const soci::backend_factory& backendOf(const TestDatabaseServer& server) {
  if (server.sociBackend() == "postgresql") return soci::postgresql;
  return soci::mysql;
}

// Start, connect as the test user, create a table in a second database, stop: folder removed and
// the port no longer answers.
void selfTest(TestDatabaseServer::Kind kind) {
  auto started = TestDatabaseServer::start(kind);
  INFO((started ? std::string() : started.error().message));
  REQUIRE(started);
  std::unique_ptr<TestDatabaseServer> server = std::move(*started);
  CHECK(server->host() == "127.0.0.1");
  CHECK(server->port() != 0);
  CHECK(server->port() != 5432);
  CHECK(server->port() != 3306);
  CHECK(server->password().size() >= 16);
  std::filesystem::path folder = server->folder();
  REQUIRE(std::filesystem::is_directory(folder));

  {
    soci::session sql(backendOf(*server), server->sociConnectString());
    int one = 0;
    sql << "SELECT 1", soci::into(one);
    CHECK(one == 1);
    sql << "CREATE TABLE probe (id INTEGER PRIMARY KEY, name VARCHAR(20))";
    sql << "INSERT INTO probe (id, name) VALUES (7, 'tujuh')";
    std::string name;
    sql << "SELECT name FROM probe WHERE id = 7", soci::into(name);
    CHECK(name == "tujuh");
  }
  {
    auto second = server->createDatabase("kedua");
    INFO((second ? std::string() : second.error().message));
    REQUIRE(second);
    soci::session sql(backendOf(*server), *second);
    sql << "CREATE TABLE t (id INTEGER)";
    int count = -1;
    sql << "SELECT COUNT(*) FROM t", soci::into(count);
    CHECK(count == 0);
  }
  CHECK_FALSE(server->createDatabase("Bad-Name"));

  std::string connect = server->sociConnectString();
  const soci::backend_factory& backend = backendOf(*server);
  server.reset();
  CHECK_FALSE(std::filesystem::exists(folder));
  CHECK_THROWS(soci::session(backend, connect));
}

}  // namespace

TEST_CASE("TestDatabaseServer runs a private PostgreSQL and removes it", "[db][dbserver]") {
  selfTest(TestDatabaseServer::Kind::kPostgreSql);
}

TEST_CASE("TestDatabaseServer runs a private MariaDB and removes it", "[db][dbserver]") {
  selfTest(TestDatabaseServer::Kind::kMariaDb);
}

TEST_CASE("TestDatabaseServer names the package when the programs are missing", "[db][dbserver]") {
  DatabaseServerOptions options;
  options.binDir = "/nonexistent/sinkron/bin";
  auto pg = TestDatabaseServer::start(TestDatabaseServer::Kind::kPostgreSql, options);
  REQUIRE_FALSE(pg);
  CHECK(pg.error().message.find("package postgresql") != std::string::npos);
  auto maria = TestDatabaseServer::start(TestDatabaseServer::Kind::kMariaDb, options);
  REQUIRE_FALSE(maria);
  CHECK(maria.error().message.find("package mariadb-server") != std::string::npos);
}

TEST_CASE("Servers started from short-lived threads run side by side", "[db][dbserver]") {
  using Kind = TestDatabaseServer::Kind;
  const Kind kinds[] = {Kind::kPostgreSql, Kind::kPostgreSql, Kind::kMariaDb, Kind::kMariaDb};
  std::unique_ptr<TestDatabaseServer> servers[4];
  std::string errors[4];
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < 4; ++i)
    threads.emplace_back([&, i] {
      auto started = TestDatabaseServer::start(kinds[i]);
      if (started)
        servers[i] = std::move(*started);
      else
        errors[i] = started.error().message;
    });
  for (std::thread& t : threads) t.join();  // the starting threads are gone: servers stay up
  for (std::size_t i = 0; i < 4; ++i) {
    INFO(errors[i]);
    REQUIRE(servers[i]);
  }
  CHECK(servers[0]->port() != servers[1]->port());
  CHECK(servers[2]->port() != servers[3]->port());
  CHECK(servers[0]->folder() != servers[1]->folder());
  for (auto& s : servers) {
    soci::session sql(backendOf(*s), s->sociConnectString());
    int one = 0;
    sql << "SELECT 1", soci::into(one);
    CHECK(one == 1);
  }
}
