#include "admin_client.hpp"

#include <curl/curl.h>
#include <rapidjson/document.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "exit_codes.hpp"
#include "messages.hpp"
#include "sinkron/daemon/sync/daemon_config.hpp"

namespace sinkron::daemon::cli {
namespace {

constexpr const char* kDefaultConfig = "/etc/sinkron/sinkron.yaml";
constexpr std::size_t kMaxReplyBytes = 64u << 20;

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  return s.substr(i);
}

// The URL from the config's admin: section, or a failure naming the file.
std::variant<std::string, ApiFailure> urlFromConfig(const std::string& file) {
  auto cfg = sync::loadDaemonConfig(file, /*withSecrets=*/false);
  if (!cfg) return ApiFailure{kExitFailure, cfg.error().message};
  const auto& a = cfg->admin;
  if (!a.enabled || a.port == 0)
    return ApiFailure{kExitFailure, say("client.config_no_admin", file)};
  std::string host = a.bind;
  if (host.empty() || host == "0.0.0.0") host = "127.0.0.1";
  if (host == "::") host = "::1";
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  const bool tls = !a.tlsCertificate.empty();
  return std::string(tls ? "https://" : "http://") + host + ":" + std::to_string(a.port);
}

std::variant<std::string, ApiFailure> resolveUrl(const ConnectionOptions& o) {
  std::string url = o.url.empty() ? env("SINKRON_URL") : o.url;
  if (url.empty()) {
    std::string file = o.configFile;
    if (file.empty() && std::filesystem::exists(kDefaultConfig)) file = kDefaultConfig;
    if (file.empty()) return ApiFailure{kExitFailure, std::string(text("client.no_url"))};
    auto fromConfig = urlFromConfig(file);
    if (auto* f = std::get_if<ApiFailure>(&fromConfig)) return *f;
    url = std::get<std::string>(fromConfig);
  }
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (!url.starts_with("http://") && !url.starts_with("https://"))
    return ApiFailure{kExitFailure, say("client.bad_url", url)};
  return url;
}

std::variant<std::string, ApiFailure> resolveToken(const ConnectionOptions& o) {
  std::string file = o.tokenFile.empty() ? env("SINKRON_TOKEN_FILE") : o.tokenFile;
  if (!file.empty()) {
    std::ifstream in(file);
    if (!in) return ApiFailure{kExitFailure, say("client.token_file_unreadable", file)};
    std::stringstream ss;
    ss << in.rdbuf();
    std::string token = trimmed(ss.str());
    if (token.empty()) return ApiFailure{kExitRefused, say("client.token_file_empty", file)};
    return token;
  }
  std::string token = trimmed(env("SINKRON_TOKEN"));
  if (token.empty()) return ApiFailure{kExitRefused, std::string(text("client.no_token"))};
  return token;
}

std::size_t collect(char* data, std::size_t size, std::size_t n, void* user) {
  auto* out = static_cast<std::string*>(user);
  if (out->size() + size * n > kMaxReplyBytes) return 0;  // aborts the transfer
  out->append(data, size * n);
  return size * n;
}

// error.message of the API's {"error":{"code","message"}}, else the start of the body.
std::string apiMessage(const std::string& body) {
  rapidjson::Document d;
  d.Parse(body.c_str(), body.size());
  if (!d.HasParseError() && d.IsObject() && d.HasMember("error") && d["error"].IsObject() &&
      d["error"].HasMember("message") && d["error"]["message"].IsString())
    return d["error"]["message"].GetString();
  return body.substr(0, 200);
}

}  // namespace

void addConnectionOptions(CLI::App* cmd, ConnectionOptions& o, bool withConfigAndJson) {
  cmd->add_option("--url", o.url,
                  "Admin API of the daemon, e.g. http://127.0.0.1:8470 (default: SINKRON_URL, "
                  "else the admin: section of --config)");
  if (withConfigAndJson)
    cmd->add_option("--config", o.configFile,
                    "The daemon's config file, for the admin API address (default "
                    "/etc/sinkron/sinkron.yaml)");
  cmd->add_option("--token-file", o.tokenFile,
                  "File holding the bearer token (default: SINKRON_TOKEN_FILE, else the "
                  "SINKRON_TOKEN variable)");
  cmd->add_option("--ca-file", o.caFile, "PEM bundle to trust for an https admin API");
  cmd->add_option("--timeout", o.timeoutSeconds, "Seconds to wait for an answer")
      ->check(CLI::Range(1.0, 3600.0));
  if (withConfigAndJson) cmd->add_flag("--json", o.json, "Print the API's JSON instead of a table");
}

std::variant<std::unique_ptr<AdminClient>, ApiFailure> AdminClient::connect(
    const ConnectionOptions& o) {
  auto url = resolveUrl(o);
  if (auto* f = std::get_if<ApiFailure>(&url)) return *f;
  auto token = resolveToken(o);
  if (auto* f = std::get_if<ApiFailure>(&token)) return *f;
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  return std::unique_ptr<AdminClient>(
      new AdminClient(std::get<std::string>(url), std::get<std::string>(token), o));
}

AdminClient::AdminClient(std::string baseUrl, std::string token, ConnectionOptions options)
    : baseUrl_(std::move(baseUrl)), token_(std::move(token)), options_(std::move(options)) {}

AdminClient::~AdminClient() = default;

std::variant<ApiReply, ApiFailure> AdminClient::get(const std::string& pathAndQuery) {
  return send("GET", pathAndQuery, "");
}

std::variant<ApiReply, ApiFailure> AdminClient::post(const std::string& path,
                                                     const std::string& jsonBody) {
  return send("POST", path, jsonBody);
}

std::variant<ApiReply, ApiFailure> AdminClient::send(const std::string& method,
                                                     const std::string& path,
                                                     const std::string& body) {
  const std::string url = baseUrl_ + path;
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return ApiFailure{kExitFailure, "libcurl could not start"};
  std::string authorization = "Authorization: Bearer " + token_;
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, authorization.c_str());
  headers = curl_slist_append(headers, "Accept: application/json");
  if (method == "POST") headers = curl_slist_append(headers, "Content-Type: application/json");
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> headerGuard(headers, curl_slist_free_all);
  ApiReply reply;
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_PROXY, "");  // the environment's proxy never sees the token
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeoutSeconds * 1000));
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options_.caFile.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, options_.caFile.c_str());
  curl_easy_setopt(c, CURLOPT_USERAGENT, "sinkron-cli/0.1");
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &reply.body);
  if (method == "POST") {
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  CURLcode code = curl_easy_perform(c);
  if (code != CURLE_OK)
    return ApiFailure{kExitUnreachable,
                      say("client.unreachable", method, url, curl_easy_strerror(code))};
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply.status);
  if (reply.status >= 200 && reply.status < 300) return reply;
  const std::string message = apiMessage(reply.body);
  switch (reply.status) {
    case 401:
      return ApiFailure{kExitRefused, say("client.unauthorized", method, url, message)};
    case 403:
      return ApiFailure{kExitRefused, say("client.forbidden", method, url, message)};
    case 404:
      return ApiFailure{kExitNotFound, say("client.http_error", method, url, 404, message)};
    case 400:
    case 409:
    case 422:
      return ApiFailure{kExitInputErrors,
                        say("client.http_error", method, url, reply.status, message)};
    case 429:
    case 502:
    case 503:
    case 504:
      return ApiFailure{kExitUnreachable,
                        say("client.http_error", method, url, reply.status, message)};
    default:
      return ApiFailure{kExitFailure, say("client.http_error", method, url, reply.status, message)};
  }
}

std::string queryValue(std::string_view value) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : value) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += hex[ch >> 4];
      out += hex[ch & 15];
    }
  }
  return out;
}

}  // namespace sinkron::daemon::cli
