#pragma once
// The CLI's client of the admin API of a running `sinkron serve`: where it is (--url,
// SINKRON_URL, or the admin: section of the config), the bearer token (--token-file,
// SINKRON_TOKEN_FILE or SINKRON_TOKEN; never a flag with the token itself), and requests whose
// failures carry the exit code a script can act on.
#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "sinkron/result.hpp"

namespace sinkron::daemon::cli {

struct ConnectionOptions {
  std::string url;         // --url
  std::string configFile;  // --config (for the admin: section)
  std::string tokenFile;   // --token-file
  std::string caFile;      // --ca-file: a PEM bundle to trust for https
  double timeoutSeconds = 30;
  bool json = false;  // --json: print the API's JSON instead of a table
};

// Adds --url, --token-file, --ca-file, --timeout and (unless the command has its own) --config
// and --json to `cmd`.
void addConnectionOptions(CLI::App* cmd, ConnectionOptions& options, bool withConfigAndJson = true);

struct ApiReply {
  long status = 0;
  std::string body;
};

// A failed request: the message a person reads (names the URL and the API's error.message) and
// the exit code (exit_codes.hpp).
struct ApiFailure {
  int exitCode = 1;
  std::string message;
};

class AdminClient {
 public:
  // Resolves URL and token; a missing one is an ApiFailure saying how to give it.
  static std::variant<std::unique_ptr<AdminClient>, ApiFailure> connect(
      const ConnectionOptions& options);
  ~AdminClient();

  // 2xx → the reply; anything else → an ApiFailure.
  std::variant<ApiReply, ApiFailure> get(const std::string& pathAndQuery);
  std::variant<ApiReply, ApiFailure> post(const std::string& path, const std::string& jsonBody);

  const std::string& baseUrl() const { return baseUrl_; }

 private:
  AdminClient(std::string baseUrl, std::string token, ConnectionOptions options);
  std::variant<ApiReply, ApiFailure> send(const std::string& method, const std::string& path,
                                          const std::string& body);
  std::string baseUrl_, token_;
  ConnectionOptions options_;
};

// Percent-encodes a query value.
std::string queryValue(std::string_view value);

}  // namespace sinkron::daemon::cli
