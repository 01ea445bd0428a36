#pragma once
// Splits an HTTP request target ("/runs/7?limit=10&state=open") into a percent-decoded path and
// query parameters.
#include <map>
#include <string>
#include <string_view>

namespace sinkron::admin {

struct RequestTarget {
  std::string path;
  std::map<std::string, std::string> query;
};

// False when the target is not an absolute path or has a bad percent escape.
bool parseRequestTarget(std::string_view target, RequestTarget& out);

}  // namespace sinkron::admin
