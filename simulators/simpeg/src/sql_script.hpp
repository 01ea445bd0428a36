#pragma once
// Splits a schema script into statements: `--` comments dropped, statements end with ';'.
// (The shipped scripts have no ';' or "--" inside string literals.)
#include <string>
#include <string_view>
#include <vector>

namespace sinkron::sim::simpeg {

std::vector<std::string> splitSqlStatements(std::string_view script);

}  // namespace sinkron::sim::simpeg
