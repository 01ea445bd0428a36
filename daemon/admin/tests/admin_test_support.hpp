#pragma once
// Test helpers: a fresh temp folder, a SQLite state store in it, and a small libcurl client that
// keeps its connection between requests (for keep-alive checks).
#include <curl/curl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sinkron/store/state_store.hpp"

namespace sinkron::admin::apitest {

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    static int counter = 0;
    path = std::filesystem::temp_directory_path() /
           ("sinkron-admin-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

inline std::unique_ptr<store::StateStore> openSqliteStore(const TempDir& dir) {
  store::StoreOptions o;
  o.connect = (dir.path / "state.db").string();
  auto s = store::StateStore::open(o);
  if (!s) return nullptr;
  return std::move(*s);
}

struct HttpAnswer {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names lower-case
  long newConnections = 0;

  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

class HttpClient {
 public:
  explicit HttpClient(std::string caFile = {}) : caFile_(std::move(caFile)) {
    static const bool initialized = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    (void)initialized;
    easy_ = curl_easy_init();
  }
  ~HttpClient() { curl_easy_cleanup(easy_); }
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpAnswer request(const std::string& method, const std::string& url,
                     const std::vector<std::string>& headers = {},
                     const std::string* body = nullptr) {
    HttpAnswer answer;
    curl_easy_reset(easy_);
    curl_easy_setopt(easy_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(easy_, CURLOPT_CUSTOMREQUEST, method.c_str());
    curl_easy_setopt(easy_, CURLOPT_TIMEOUT_MS, 20000L);
    curl_easy_setopt(easy_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy_, CURLOPT_WRITEFUNCTION, &HttpClient::onBody);
    curl_easy_setopt(easy_, CURLOPT_WRITEDATA, &answer);
    curl_easy_setopt(easy_, CURLOPT_HEADERFUNCTION, &HttpClient::onHeader);
    curl_easy_setopt(easy_, CURLOPT_HEADERDATA, &answer);
    if (!caFile_.empty()) curl_easy_setopt(easy_, CURLOPT_CAINFO, caFile_.c_str());
    if (body) {
      curl_easy_setopt(easy_, CURLOPT_POSTFIELDS, body->data());
      curl_easy_setopt(easy_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
    }
    struct curl_slist* list = nullptr;
    for (const std::string& h : headers) list = curl_slist_append(list, h.c_str());
    curl_easy_setopt(easy_, CURLOPT_HTTPHEADER, list);
    answer.code = curl_easy_perform(easy_);
    curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &answer.status);
    curl_easy_getinfo(easy_, CURLINFO_NUM_CONNECTS, &answer.newConnections);
    curl_slist_free_all(list);
    return answer;
  }

  HttpAnswer get(const std::string& url, const std::string& token = {}) {
    std::vector<std::string> headers;
    if (!token.empty()) headers.push_back("Authorization: Bearer " + token);
    return request("GET", url, headers);
  }

 private:
  static size_t onBody(char* data, size_t size, size_t n, void* user) {
    static_cast<HttpAnswer*>(user)->body.append(data, size * n);
    return size * n;
  }
  static size_t onHeader(char* data, size_t size, size_t n, void* user) {
    std::string line(data, size * n);
    auto* answer = static_cast<HttpAnswer*>(user);
    if (line.rfind("HTTP/", 0) == 0) answer->headers.clear();  // a new response (after 100)
    std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      std::string value = line.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
      while (!value.empty() &&
             (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
        value.pop_back();
      answer->headers[name] = value;
    }
    return size * n;
  }

  std::string caFile_;
  CURL* easy_ = nullptr;
};

}  // namespace sinkron::admin::apitest
