#include "sql_script.hpp"

namespace sinkron::sim::simpeg {

namespace {

bool blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

std::vector<std::string> splitSqlStatements(std::string_view script) {
  std::vector<std::string> out;
  std::string current;
  std::size_t at = 0;
  while (at < script.size()) {
    std::size_t end = script.find('\n', at);
    if (end == std::string_view::npos) end = script.size();
    std::string_view line = script.substr(at, end - at);
    at = end + 1;
    line = line.substr(0, line.find("--"));
    for (char c : line) {
      if (c != ';') {
        current.push_back(c);
        continue;
      }
      if (!blank(current)) out.push_back(current);
      current.clear();
    }
    current.push_back('\n');
  }
  if (!blank(current)) out.push_back(current);
  return out;
}

}  // namespace sinkron::sim::simpeg
