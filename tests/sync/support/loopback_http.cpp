#include "loopback_http.hpp"

#include <curl/curl.h>

namespace sinkron::test::sync {
namespace {

std::size_t appendBody(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

}  // namespace

LoopbackHttp::LoopbackHttp(std::chrono::seconds timeout)
    : curl_(curl_easy_init()), timeout_(timeout) {}

LoopbackHttp::~LoopbackHttp() {
  if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

Result<HttpReply> LoopbackHttp::get(const std::string& url,
                                    const std::vector<std::string>& headers) {
  CURL* c = static_cast<CURL*>(curl_);
  if (c == nullptr) return Error::internal("curl_easy_init failed");
  HttpReply reply;
  curl_slist* list = nullptr;
  for (const std::string& h : headers) list = curl_slist_append(list, h.c_str());
  curl_easy_reset(c);
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(timeout_.count()));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, appendBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &reply.body);
  CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(list);
  if (rc != CURLE_OK) return Error::unavailable("GET " + url + ": " + curl_easy_strerror(rc));
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

}  // namespace sinkron::test::sync
