#include "sinkron/admin/admin_router.hpp"

#include <algorithm>
#include <set>

namespace sinkron::admin {
namespace {

std::vector<std::string> splitPath(std::string_view path) {
  std::vector<std::string> out;
  std::size_t i = 1;  // past the leading '/'
  while (i <= path.size()) {
    std::size_t slash = path.find('/', i);
    if (slash == std::string_view::npos) slash = path.size();
    out.emplace_back(path.substr(i, slash - i));
    i = slash + 1;
  }
  if (!out.empty() && out.back().empty() && out.size() == 1) out.clear();  // "/"
  return out;
}

bool isParam(const std::string& segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

// How many literal segments matched: a higher score is a more specific route.
int matchScore(const AdminRouter::Route& route, const std::vector<std::string>& parts,
               std::map<std::string, std::string>* params) {
  if (route.segments.size() != parts.size()) return -1;
  int literals = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& seg = route.segments[i];
    if (isParam(seg)) {
      if (parts[i].empty()) return -1;
      if (params) (*params)[seg.substr(1, seg.size() - 2)] = parts[i];
    } else if (seg == parts[i]) {
      ++literals;
    } else {
      return -1;
    }
  }
  return literals;
}

}  // namespace

bool RouteAccess::allows(Role role) const {
  return isPublic || std::find(roles.begin(), roles.end(), role) != roles.end();
}

Status AdminRouter::add(std::string method, std::string pattern, RouteAccess access,
                        AdminHandler handler) {
  std::string where = "route " + method + " " + pattern;
  if (pattern.empty() || pattern.front() != '/')
    return Error::invalid(where + ": the pattern must start with '/'");
  if (method.empty()) return Error::invalid(where + ": no method");
  if (!access.isPublic && access.roles.empty())
    return Error::invalid(where + ": a non-public route needs at least one role");
  if (!handler) return Error::invalid(where + ": no handler");
  Route route{std::move(method), std::move(pattern), {}, std::move(access), std::move(handler)};
  route.segments = splitPath(route.pattern);
  std::set<std::string> names;
  for (const std::string& seg : route.segments) {
    if (seg.find_first_of("{}") == std::string::npos) continue;
    if (!isParam(seg) || seg.size() == 2)
      return Error::invalid(where + ": bad parameter segment '" + seg + "'");
    if (!names.insert(seg).second)
      return Error::invalid(where + ": parameter " + seg + " appears twice");
  }
  for (const Route& r : routes_)
    if (r.method == route.method && r.segments == route.segments)
      return Error::invalid(where + ": registered twice");
  routes_.push_back(std::move(route));
  return {};
}

AdminRouter::Match AdminRouter::match(std::string_view method, std::string_view path) const {
  Match m;
  if (path.empty() || path.front() != '/') return m;
  std::vector<std::string> parts = splitPath(path);
  int best = -1;
  std::vector<std::string> allowed;
  for (const Route& r : routes_) {
    int score = matchScore(r, parts, nullptr);
    if (score < 0) continue;
    if (r.method != method) {
      if (std::find(allowed.begin(), allowed.end(), r.method) == allowed.end())
        allowed.push_back(r.method);
      continue;
    }
    if (score > best) {
      best = score;
      m.route = &r;
    }
  }
  if (m.route) {
    m.kind = Match::Kind::kFound;
    matchScore(*m.route, parts, &m.params);
    return m;
  }
  if (!allowed.empty()) {
    m.kind = Match::Kind::kWrongMethod;
    for (const std::string& a : allowed) m.allow += (m.allow.empty() ? "" : ", ") + a;
  }
  return m;
}

}  // namespace sinkron::admin
