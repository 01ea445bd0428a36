#include "sinkron/sim/router.hpp"

namespace sinkron::sim {
namespace {

std::vector<std::string_view> splitPath(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    std::size_t end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(i, end - i));
    i = end;
  }
  return out;
}

bool isCapture(std::string_view seg) {
  return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler) {
  Route r;
  r.method = std::move(method);
  for (std::string_view seg : splitPath(pattern)) r.segments.emplace_back(seg);
  r.pattern = std::move(pattern);
  r.handler = std::move(handler);
  routes_.push_back(std::move(r));
}

HttpResponse Router::dispatch(HttpRequest& request, std::string* routeOut) const {
  std::vector<std::string_view> segs = splitPath(request.path);
  bool pathMatched = false;
  for (const Route& r : routes_) {
    if (r.segments.size() != segs.size()) continue;
    bool match = true;
    for (std::size_t i = 0; i < segs.size() && match; ++i)
      match = isCapture(r.segments[i]) ? !segs[i].empty() : r.segments[i] == segs[i];
    if (!match) continue;
    pathMatched = true;
    if (r.method != request.method) continue;
    request.params.clear();
    for (std::size_t i = 0; i < segs.size(); ++i)
      if (isCapture(r.segments[i]))
        request.params.emplace_back(r.segments[i].substr(1, r.segments[i].size() - 2),
                                    std::string(segs[i]));
    if (routeOut) *routeOut = r.pattern;
    return r.handler(request);
  }
  if (routeOut) routeOut->clear();
  if (pathMatched) return HttpResponse::json(405, R"({"code":0,"message":"method not allowed"})");
  return HttpResponse::json(404, R"({"code":0,"data":"Data tidak ditemukan"})");
}

std::string Router::routeOf(std::string_view path) const {
  std::vector<std::string_view> segs = splitPath(path);
  for (const Route& r : routes_) {
    if (r.segments.size() != segs.size()) continue;
    bool match = true;
    for (std::size_t i = 0; i < segs.size() && match; ++i)
      match = isCapture(r.segments[i]) ? !segs[i].empty() : r.segments[i] == segs[i];
    if (match) return r.pattern;
  }
  return {};
}

}  // namespace sinkron::sim
