#pragma once
// One remote command's boilerplate: connect, request, parse the JSON answer; on failure the
// message goes to stderr as "sinkron <command>: ..." and the exit code is returned.
#include <rapidjson/document.h>

#include <optional>
#include <string>

#include "admin_client.hpp"

namespace sinkron::daemon::cli {

struct RemoteCall {
  explicit RemoteCall(std::string name) : command(std::move(name)) {}
  std::string command;  // "status", "runs", ... for messages
  int exitCode = 0;     // set on failure
  std::unique_ptr<AdminClient> client;

  // False (message printed, exitCode set) when the URL or token cannot be resolved.
  bool connect(const ConnectionOptions& options);
  // The reply's body parsed, or nullopt (message printed, exitCode set). `raw` gets the body.
  std::optional<rapidjson::Document> get(const std::string& path, std::string* raw = nullptr);
  std::optional<rapidjson::Document> post(const std::string& path, const std::string& body,
                                          std::string* raw = nullptr);
  // A GET whose answer is not JSON (a report file): the body as it came, or nullopt (message
  // printed, exitCode set).
  std::optional<std::string> getRaw(const std::string& path);
  // connect() and one request: a GET, or a POST of `body` when given.
  std::optional<rapidjson::Document> request(const ConnectionOptions& options,
                                             const std::string& path,
                                             const std::optional<std::string>& body,
                                             std::string* raw);
  // For commands that show an answer: request() a GET; the exit code is set either way. With
  // --json the body is printed and nullopt returned (nothing left to do); else the answer.
  std::optional<rapidjson::Document> show(const ConnectionOptions& options, const std::string& path,
                                          int& exitCode);
  void fail(int code, const std::string& message);
};

// Adds --local (help: what it does for this command) and says on --config that it names the
// store then.
void addLocalFlag(CLI::App* cmd, bool& local, const std::string& help);

// The local path's guard: --json prints the API's JSON, so it needs the API.
bool refuseJsonLocally(const std::string& command, bool json, int& exitCode);

}  // namespace sinkron::daemon::cli
