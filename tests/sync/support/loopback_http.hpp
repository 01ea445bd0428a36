#pragma once
// LoopbackHttp: a blocking HTTP client for the simulators' admin and API routes in tests. One
// libcurl handle, so consecutive requests reuse the connection; every request has a timeout.
#include <chrono>
#include <string>
#include <vector>

#include "sinkron/result.hpp"

namespace sinkron::test::sync {

struct HttpReply {
  long status = 0;
  std::string body;
};

class LoopbackHttp {
 public:
  explicit LoopbackHttp(std::chrono::seconds timeout = std::chrono::seconds(30));
  ~LoopbackHttp();
  LoopbackHttp(const LoopbackHttp&) = delete;
  LoopbackHttp& operator=(const LoopbackHttp&) = delete;

  // `url` is a full http://127.0.0.1:port/... URL; `headers` as "Name: value".
  Result<HttpReply> get(const std::string& url, const std::vector<std::string>& headers = {});

 private:
  void* curl_;
  std::chrono::seconds timeout_;
};

}  // namespace sinkron::test::sync
