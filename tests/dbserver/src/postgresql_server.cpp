// A private PostgreSQL: initdb in a temporary folder (as `postgres` when we are root), the
// postmaster as our child on 127.0.0.1:<free port> with its socket in that folder, password
// (SCRAM) authentication on loopback, then a role and a database for the tests.
#include <pwd.h>
#include <unistd.h>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "server_recipes.hpp"
#include "server_support.hpp"

namespace sinkron::test {

namespace {

constexpr int kPortAttempts = 5;
constexpr const char* kPackageHint =
    "install the Debian package postgresql (deploy/setup-debian.sh does)";

// The newest /usr/lib/postgresql/<version>/bin holding initdb and postgres.
std::filesystem::path findBinDir(const DatabaseServerOptions& options) {
  std::vector<std::filesystem::path> dirs;
  if (!options.binDir.empty()) {
    dirs.push_back(options.binDir);
  } else {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", ec))
      dirs.push_back(entry.path() / "bin");
    auto version = [](const std::filesystem::path& bin) {
      return std::strtol(bin.parent_path().filename().c_str(), nullptr, 10);
    };
    std::sort(dirs.begin(), dirs.end(),
              [&](const auto& a, const auto& b) { return version(a) > version(b); });
    dirs.emplace_back("/usr/local/pgsql/bin");
    dirs.emplace_back("/usr/bin");
  }
  for (const auto& d : dirs)
    if (!firstExecutable({d / "initdb"}).empty() && !firstExecutable({d / "postgres"}).empty())
      return d;
  return {};
}

std::string connectString(std::uint16_t port, const std::string& db, const std::string& user,
                          const std::string& password) {
  return "host=127.0.0.1 port=" + std::to_string(port) + " dbname=" + db + " user=" + user +
         " password=" + password + " connect_timeout=5";
}

}  // namespace

Result<StartedServer> startPostgreSql(const DatabaseServerOptions& options) {
  std::filesystem::path bin = findBinDir(options);
  if (bin.empty())
    return Error::notFound("PostgreSQL server programs (initdb, postgres) not found in " +
                           (options.binDir.empty() ? std::string("/usr/lib/postgresql/*/bin")
                                                   : options.binDir.string()) +
                           ": " + kPackageHint);
  std::optional<RunAs> runAs;
  if (::geteuid() == 0) {  // initdb and postgres refuse to run as root
    const passwd* pw = ::getpwnam("postgres");
    if (!pw)
      return Error::notFound(std::string("no user 'postgres' to run PostgreSQL as: ") +
                             kPackageHint);
    runAs = RunAs{pw->pw_uid, pw->pw_gid};
  }

  Result<std::filesystem::path> folder = makeTempFolder("sinkron-pg-");
  if (!folder) return folder.error();
  FolderGuard guard(*folder);
  StartedServer s;
  s.folder = *folder;
  s.backend = &soci::postgresql;
  s.stopSignal = SIGQUIT;  // immediate shutdown: the postmaster takes its backends down
  s.user = "sinkron";
  s.database = "sinkron";
  s.password = randomSecret();
  const std::string superPassword = randomSecret();
  const std::filesystem::path data = s.folder / "data", pwfile = s.folder / "pwfile",
                              initLog = s.folder / "initdb.log", log = s.folder / "server.log";
  {
    std::ofstream out(pwfile);
    out << superPassword << '\n';
  }
  if (runAs) {
    for (const auto& p : {s.folder, pwfile})
      if (::chown(p.c_str(), runAs->uid, runAs->gid) != 0)
        return Error::io("cannot give " + p.string() + " to the postgres user");
  }

  Result<int> init =
      runChild({{(bin / "initdb").string(), "-D", data.string(), "-U", "postgres",
                 "--pwfile=" + pwfile.string(), "--auth-local=trust", "--auth-host=scram-sha-256",
                 "-E", "UTF8", "--no-locale", "--no-sync"},
                initLog,
                s.folder,
                runAs},
               options.startTimeout);
  std::filesystem::remove(pwfile);
  if (!init) return init.error();
  if (*init != 0)
    return Error::io("initdb failed (exit " + std::to_string(*init) + "): " + logTail(initLog));

  std::string lastError;
  for (int attempt = 1; attempt <= kPortAttempts; ++attempt) {
    Result<std::uint16_t> port = freeLoopbackPort();
    if (!port) return port.error();
    Result<ChildProcess> child = ChildProcess::spawn(
        {{(bin / "postgres").string(), "-D", data.string(), "-p", std::to_string(*port), "-k",
          s.folder.string(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c",
          "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "shared_buffers=64MB", "-c",
          "max_connections=40"},
         log,
         s.folder,
         runAs});
    if (!child) return child.error();
    std::string admin = connectString(*port, "postgres", "postgres", superPassword);
    WaitOutcome outcome =
        waitUntilConnects(soci::postgresql, admin, *child, options.startTimeout, &lastError);
    if (outcome == WaitOutcome::kExited) continue;  // most likely the port was taken meanwhile
    if (outcome == WaitOutcome::kTimedOut)
      return Error::io("PostgreSQL did not accept connections within " +
                       std::to_string(options.startTimeout.count()) + " s (" + lastError +
                       "): " + logTail(log));
    s.port = *port;
    s.adminConnect = admin;
    s.process.emplace(std::move(*child));
    break;
  }
  if (!s.process)
    return Error::io("PostgreSQL could not start after " + std::to_string(kPortAttempts) +
                     " ports: " + logTail(log));

  Status setup = runSql(soci::postgresql, s.adminConnect,
                        {"CREATE ROLE " + s.user + " LOGIN PASSWORD '" + s.password + "'",
                         "CREATE DATABASE " + s.database + " OWNER " + s.user});
  if (!setup) return setup.error();
  guard.release();
  return s;
}

}  // namespace sinkron::test
