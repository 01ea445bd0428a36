#pragma once
// Router: method + path pattern -> handler. A pattern segment "{name}" captures one path segment
// (into HttpRequest::params); everything else matches literally. Unknown path -> 404, known path
// with another method -> 405, both as JSON.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sinkron/sim/http_message.hpp"

namespace sinkron::sim {

using Handler = std::function<HttpResponse(const HttpRequest&)>;

class Router {
 public:
  void add(std::string method, std::string pattern, Handler handler);
  // Fills request.params and calls the handler. `routeOut` (if given) receives the matched
  // pattern, which is what fault rules name.
  HttpResponse dispatch(HttpRequest& request, std::string* routeOut = nullptr) const;
  // The pattern that `path` would match (any method), or empty.
  std::string routeOf(std::string_view path) const;

 private:
  struct Route {
    std::string method, pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace sinkron::sim
