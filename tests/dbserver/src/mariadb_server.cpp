// A private MariaDB: mariadb-install-db into a temporary folder, mariadbd as our child with
// --no-defaults (the machine's my.cnf is never read) on 127.0.0.1:<free port> and a socket in that
// folder, root given a password, then a database and a password user for the tests.
#include <unistd.h>

#include <soci/mysql/soci-mysql.h>
#include <soci/soci.h>

#include "server_recipes.hpp"
#include "server_support.hpp"

namespace sinkron::test {

namespace {

constexpr int kPortAttempts = 5;
constexpr const char* kPackageHint =
    "install the Debian package mariadb-server (deploy/setup-debian.sh does)";

std::filesystem::path program(const DatabaseServerOptions& options,
                              std::initializer_list<const char*> names,
                              std::initializer_list<const char*> debianPaths) {
  std::vector<std::filesystem::path> candidates;
  if (!options.binDir.empty()) {
    for (const char* n : names) candidates.push_back(options.binDir / n);
  } else {
    for (const char* p : debianPaths) candidates.emplace_back(p);
  }
  return firstExecutable(candidates);
}

}  // namespace

Result<StartedServer> startMariaDb(const DatabaseServerOptions& options) {
  std::filesystem::path server = program(
      options, {"mariadbd", "mysqld"},
      {"/usr/sbin/mariadbd", "/usr/sbin/mysqld", "/usr/bin/mariadbd", "/usr/libexec/mariadbd"});
  std::filesystem::path install =
      program(options, {"mariadb-install-db", "mysql_install_db"},
              {"/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db",
               "/usr/scripts/mariadb-install-db"});
  if (server.empty() || install.empty())
    return Error::notFound(
        "MariaDB programs (mariadbd, mariadb-install-db) not found in " +
        (options.binDir.empty() ? std::string("/usr/sbin, /usr/bin") : options.binDir.string()) +
        ": " + kPackageHint);
  bool root = ::geteuid() == 0;

  Result<std::filesystem::path> folder = makeTempFolder("sinkron-mariadb-");
  if (!folder) return folder.error();
  FolderGuard guard(*folder);
  StartedServer s;
  s.folder = *folder;
  s.backend = &soci::mysql;
  s.user = "sinkron";
  s.database = "sinkron";
  s.password = randomSecret();
  const std::string rootPassword = randomSecret();
  const std::filesystem::path data = s.folder / "data", socket = s.folder / "m.sock",
                              initLog = s.folder / "install.log", log = s.folder / "server.log",
                              tmp = s.folder / "tmp";
  // Concurrent bootstraps collide on temporary tables in a shared /tmp: each server has its own.
  std::filesystem::create_directory(tmp);

  std::vector<std::string> installArgs = {install.string(),
                                          "--no-defaults",
                                          "--datadir=" + data.string(),
                                          "--auth-root-authentication-method=normal",
                                          "--skip-test-db",
                                          "--skip-name-resolve",
                                          "--tmpdir=" + tmp.string()};
  if (root) installArgs.push_back("--user=root");
  Result<int> init = runChild({installArgs, initLog, s.folder, std::nullopt}, options.startTimeout);
  if (!init) return init.error();
  if (*init != 0)
    return Error::io("mariadb-install-db failed (exit " + std::to_string(*init) +
                     "): " + logTail(initLog));

  const std::string socketAdmin = "unix_socket=" + socket.string() + " db=mysql user=root";
  std::string lastError;
  for (int attempt = 1; attempt <= kPortAttempts; ++attempt) {
    Result<std::uint16_t> port = freeLoopbackPort();
    if (!port) return port.error();
    std::vector<std::string> args = {server.string(),
                                     "--no-defaults",
                                     "--datadir=" + data.string(),
                                     "--tmpdir=" + tmp.string(),
                                     "--port=" + std::to_string(*port),
                                     "--bind-address=127.0.0.1",
                                     "--socket=" + socket.string(),
                                     "--pid-file=" + (s.folder / "m.pid").string(),
                                     "--log-error=" + log.string(),
                                     "--skip-name-resolve",
                                     "--skip-log-bin",
                                     "--innodb-buffer-pool-size=64M",
                                     "--innodb-flush-log-at-trx-commit=0",
                                     "--skip-innodb-doublewrite",
                                     "--max-connections=40"};
    if (root) args.push_back("--user=root");
    Result<ChildProcess> child = ChildProcess::spawn({args, s.folder / "stdout.log", s.folder, {}});
    if (!child) return child.error();
    WaitOutcome outcome =
        waitUntilConnects(soci::mysql, socketAdmin, *child, options.startTimeout, &lastError);
    if (outcome == WaitOutcome::kExited) continue;  // most likely the port was taken meanwhile
    if (outcome == WaitOutcome::kTimedOut)
      return Error::io("MariaDB did not accept connections within " +
                       std::to_string(options.startTimeout.count()) + " s (" + lastError +
                       "): " + logTail(log));
    s.port = *port;
    s.process.emplace(std::move(*child));
    break;
  }
  if (!s.process)
    return Error::io("MariaDB could not start after " + std::to_string(kPortAttempts) +
                     " ports: " + logTail(log));

  const std::string user = "'" + s.user + "'@'127.0.0.1'", local = "'" + s.user + "'@'localhost'";
  Status setup = runSql(soci::mysql, socketAdmin,
                        {"DROP USER IF EXISTS 'root'@'127.0.0.1', 'root'@'::1'",
                         "CREATE DATABASE `" + s.database + "` CHARACTER SET utf8mb4",
                         "CREATE USER " + user + " IDENTIFIED BY '" + s.password + "'",
                         "CREATE USER " + local + " IDENTIFIED BY '" + s.password + "'",
                         "GRANT ALL PRIVILEGES ON `" + s.database + "`.* TO " + user + ", " + local,
                         "ALTER USER 'root'@'localhost' IDENTIFIED BY '" + rootPassword + "'"});
  if (!setup) return setup.error();
  s.adminConnect = socketAdmin + " password=" + rootPassword;
  guard.release();
  return s;
}

}  // namespace sinkron::test
