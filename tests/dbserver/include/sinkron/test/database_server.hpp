#pragma once
// TestDatabaseServer: a private PostgreSQL or MariaDB server for tests — never the machine's own
// service. It gets a fresh temporary folder (data, socket, logs), listens on a free port on
// 127.0.0.1 only, has a database and a user with a password, and is stopped and its folder removed
// when the object is destroyed. Several may run at once (each test process, each thread).
//
// As root the PostgreSQL server runs as the `postgres` user (initdb refuses root), MariaDB as
// root with --user=root. The server is a child process that is killed when the test process dies
// (from any thread: start() may be called from short-lived threads), so a crashed test leaves no
// server behind, only its temporary folder (/tmp/sinkron-pg-* or /tmp/sinkron-mariadb-*).
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "sinkron/result.hpp"

namespace sinkron::test {

struct DatabaseServerOptions {
  // Where the server programs are; empty = the Debian 12 locations (/usr/lib/postgresql/<v>/bin,
  // /usr/sbin/mariadbd and /usr/bin/mariadb-install-db) with fallbacks.
  std::filesystem::path binDir;
  std::chrono::seconds startTimeout{60};  // initialising + starting + first connection
};

class TestDatabaseServer {
 public:
  enum class Kind { kPostgreSql, kMariaDb };

  // Errors say what failed with the tail of the server's log, or which Debian package to install
  // when a program is missing.
  static Result<std::unique_ptr<TestDatabaseServer>> start(
      Kind kind, const DatabaseServerOptions& options = {});
  ~TestDatabaseServer();  // stops the server, removes its folder
  TestDatabaseServer(const TestDatabaseServer&) = delete;
  TestDatabaseServer& operator=(const TestDatabaseServer&) = delete;

  Kind kind() const;
  std::string host() const;  // "127.0.0.1"
  std::uint16_t port() const;
  std::string user() const;
  std::string password() const;
  std::string database() const;
  // SOCI backend name: "postgresql" or "mysql".
  std::string sociBackend() const;
  // "host=127.0.0.1 port=P dbname=D user=U password=W" (PostgreSQL) or "... db=D ..." (MySQL).
  std::string sociConnectString() const;
  // Creates another empty database on this server that user() owns; returns its connect string.
  Result<std::string> createDatabase(const std::string& name);
  const std::filesystem::path& folder() const;

 private:
  struct Impl;
  explicit TestDatabaseServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sinkron::test
