#include "remote_call.hpp"

#include <cstdio>

#include "exit_codes.hpp"
#include "messages.hpp"
#include "sinkron/daemon/cli.hpp"

namespace sinkron::daemon::cli {
namespace {

std::optional<rapidjson::Document> parsed(RemoteCall& call,
                                          std::variant<ApiReply, ApiFailure> reply,
                                          const std::string& path, std::string* raw) {
  if (auto* f = std::get_if<ApiFailure>(&reply)) {
    call.fail(f->exitCode, f->message);
    return std::nullopt;
  }
  auto& r = std::get<ApiReply>(reply);
  rapidjson::Document d;
  d.Parse(r.body.c_str(), r.body.size());
  if (d.HasParseError()) {
    call.fail(kExitFailure, say("client.not_json", call.client->baseUrl() + path));
    return std::nullopt;
  }
  if (raw) *raw = std::move(r.body);
  return d;
}

}  // namespace

bool RemoteCall::connect(const ConnectionOptions& options) {
  auto c = AdminClient::connect(options);
  if (auto* f = std::get_if<ApiFailure>(&c)) {
    fail(f->exitCode, f->message);
    return false;
  }
  client = std::move(std::get<std::unique_ptr<AdminClient>>(c));
  return true;
}

std::optional<rapidjson::Document> RemoteCall::get(const std::string& path, std::string* raw) {
  return parsed(*this, client->get(path), path, raw);
}

std::optional<rapidjson::Document> RemoteCall::post(const std::string& path,
                                                    const std::string& body, std::string* raw) {
  return parsed(*this, client->post(path, body), path, raw);
}

std::optional<std::string> RemoteCall::getRaw(const std::string& path) {
  auto reply = client->get(path);
  if (auto* f = std::get_if<ApiFailure>(&reply)) {
    fail(f->exitCode, f->message);
    return std::nullopt;
  }
  return std::move(std::get<ApiReply>(reply).body);
}

std::optional<rapidjson::Document> RemoteCall::request(const ConnectionOptions& options,
                                                       const std::string& path,
                                                       const std::optional<std::string>& body,
                                                       std::string* raw) {
  if (!connect(options)) return std::nullopt;
  return body ? post(path, *body, raw) : get(path, raw);
}

std::optional<rapidjson::Document> RemoteCall::show(const ConnectionOptions& options,
                                                    const std::string& path, int& exitCode) {
  std::string raw;
  auto d = request(options, path, std::nullopt, &raw);
  if (!d) {
    exitCode = this->exitCode;
    return std::nullopt;
  }
  exitCode = kExitOk;
  if (options.json) {
    std::fwrite(raw.data(), 1, raw.size(), stdout);
    std::fputc('\n', stdout);
    return std::nullopt;
  }
  return d;
}

void RemoteCall::fail(int code, const std::string& message) {
  std::fprintf(stderr, "sinkron %s: %s\n", command.c_str(), message.c_str());
  exitCode = code;
}

void addLocalFlag(CLI::App* cmd, bool& local, const std::string& help) {
  cmd->add_flag("--local", local, help);
  if (auto* config = cmd->get_option_no_throw("--config"))
    config->description(
        "The daemon's config file: for the admin API address, or with --local for the state "
        "store (default /etc/sinkron/sinkron.yaml)");
}

bool refuseJsonLocally(const std::string& command, bool json, int& exitCode) {
  if (!json) return false;
  std::fprintf(stderr, "sinkron %s: %s\n", command.c_str(),
               std::string(text("local.no_json")).c_str());
  exitCode = kExitFailure;
  return true;
}

}  // namespace sinkron::daemon::cli
