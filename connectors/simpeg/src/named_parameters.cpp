#include "named_parameters.hpp"

#include <algorithm>

namespace sinkron::connectors::simpeg {

namespace {
bool nameChar(char c, bool first) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         (!first && c >= '0' && c <= '9');
}
}  // namespace

std::vector<std::string> namedParameters(std::string_view sql) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (c == '\'' || c == '"' || c == '`') {
      std::size_t close = sql.find(c, i + 1);
      if (close == std::string_view::npos) break;
      i = close;
      continue;
    }
    if (c != ':') continue;
    if (i + 1 < sql.size() && sql[i + 1] == ':') {  // "::type" cast
      ++i;
      continue;
    }
    if (i > 0 && sql[i - 1] == ':') continue;
    std::size_t end = i + 1;
    while (end < sql.size() && nameChar(sql[end], end == i + 1)) ++end;
    if (end == i + 1) continue;
    std::string name(sql.substr(i + 1, end - i - 1));
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    i = end - 1;
  }
  return names;
}

}  // namespace sinkron::connectors::simpeg
