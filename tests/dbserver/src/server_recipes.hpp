#pragma once
// How each kind of server is initialised, started and given a database and a user.
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "child_process.hpp"
#include "sinkron/result.hpp"
#include "sinkron/test/database_server.hpp"

namespace soci {
class backend_factory;
}

namespace sinkron::test {

struct StartedServer {
  std::filesystem::path folder;
  std::uint16_t port = 0;
  std::string user, password, database;
  std::string adminConnect;  // SOCI connect string of the superuser
  const soci::backend_factory* backend = nullptr;
  std::optional<ChildProcess> process;
  int stopSignal = SIGKILL;  // the data is thrown away: no clean shutdown needed
};

// On failure the folder is removed and any started process killed.
Result<StartedServer> startPostgreSql(const DatabaseServerOptions& options);
Result<StartedServer> startMariaDb(const DatabaseServerOptions& options);

// Removes a folder unless released (the error paths of the recipes).
class FolderGuard {
 public:
  explicit FolderGuard(std::filesystem::path folder) : folder_(std::move(folder)) {}
  ~FolderGuard() {
    std::error_code ec;
    if (!folder_.empty()) std::filesystem::remove_all(folder_, ec);
  }
  void release() { folder_.clear(); }

 private:
  std::filesystem::path folder_;
};

}  // namespace sinkron::test
