#pragma once
// What both private servers need: a temporary folder, a free loopback port, a random password,
// the server programs, and waiting until the server accepts a connection.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "sinkron/result.hpp"

namespace soci {
class backend_factory;
}

namespace sinkron::test {

// A new, empty, private (0700) folder under the temporary directory.
Result<std::filesystem::path> makeTempFolder(const std::string& prefix);
// A port that was free on 127.0.0.1 a moment ago (callers retry when the server cannot bind).
Result<std::uint16_t> freeLoopbackPort();
// 24 random hex characters.
std::string randomSecret();
// The first existing executable among `candidates`; empty when none.
std::filesystem::path firstExecutable(const std::vector<std::filesystem::path>& candidates);

enum class WaitOutcome { kReady, kExited, kTimedOut };
// Connects with SOCI every 50 ms until it works, the child exits or `timeout` passes.
// `lastError` gets the last connection error.
WaitOutcome waitUntilConnects(const soci::backend_factory& backend, const std::string& connect,
                              ChildProcess& child, std::chrono::seconds timeout,
                              std::string* lastError);
// Runs SQL statements on a new connection; errors name the statement.
Status runSql(const soci::backend_factory& backend, const std::string& connect,
              std::initializer_list<std::string> statements);

}  // namespace sinkron::test
