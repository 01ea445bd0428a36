#include "sinkron/test/database_server.hpp"

#include <soci/mysql/soci-mysql.h>
#include <soci/postgresql/soci-postgresql.h>

#include "server_recipes.hpp"
#include "server_support.hpp"

namespace sinkron::test {

struct TestDatabaseServer::Impl {
  Kind kind = Kind::kPostgreSql;
  StartedServer server;

  std::string connectFor(const std::string& database) const {
    std::string c = "host=127.0.0.1 port=" + std::to_string(server.port);
    c += kind == Kind::kPostgreSql ? " dbname=" : " db=";
    c += database + " user=" + server.user + " password=" + server.password;
    return c;
  }
};

TestDatabaseServer::TestDatabaseServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<TestDatabaseServer>> TestDatabaseServer::start(
    Kind kind, const DatabaseServerOptions& options) {
  Result<StartedServer> started =
      kind == Kind::kPostgreSql ? startPostgreSql(options) : startMariaDb(options);
  if (!started) return started.error();
  auto impl = std::make_unique<Impl>();
  impl->kind = kind;
  impl->server = std::move(*started);
  return std::unique_ptr<TestDatabaseServer>(new TestDatabaseServer(std::move(impl)));
}

TestDatabaseServer::~TestDatabaseServer() {
  StartedServer& s = impl_->server;
  if (s.process) s.process->stop(s.stopSignal, std::chrono::seconds(10));
  std::error_code ec;
  std::filesystem::remove_all(s.folder, ec);
}

TestDatabaseServer::Kind TestDatabaseServer::kind() const {
  return impl_->kind;
}
std::string TestDatabaseServer::host() const {
  return "127.0.0.1";
}
std::uint16_t TestDatabaseServer::port() const {
  return impl_->server.port;
}
std::string TestDatabaseServer::user() const {
  return impl_->server.user;
}
std::string TestDatabaseServer::password() const {
  return impl_->server.password;
}
std::string TestDatabaseServer::database() const {
  return impl_->server.database;
}
std::string TestDatabaseServer::sociBackend() const {
  return impl_->kind == Kind::kPostgreSql ? "postgresql" : "mysql";
}
std::string TestDatabaseServer::sociConnectString() const {
  return impl_->connectFor(impl_->server.database);
}
const std::filesystem::path& TestDatabaseServer::folder() const {
  return impl_->server.folder;
}

Result<std::string> TestDatabaseServer::createDatabase(const std::string& name) {
  bool plain = !name.empty() && name.size() <= 48;
  for (char c : name)
    plain = plain && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  if (!plain)
    return Error::invalid("createDatabase: name '" + name + "' must be 1..48 of [a-z0-9_]");
  const StartedServer& s = impl_->server;
  Status created =
      impl_->kind == Kind::kPostgreSql
          ? runSql(*s.backend, s.adminConnect, {"CREATE DATABASE " + name + " OWNER " + s.user})
          : runSql(*s.backend, s.adminConnect,
                   {"CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4",
                    "GRANT ALL PRIVILEGES ON `" + name + "`.* TO '" + s.user + "'@'127.0.0.1', '" +
                        s.user + "'@'localhost'"});
  if (!created) return created.error();
  return impl_->connectFor(name);
}

}  // namespace sinkron::test
