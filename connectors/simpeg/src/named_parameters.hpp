#pragma once
// The named parameters (":email") of an SQL statement, in order of first appearance. Quoted text
// ('...', "...", `...`) and PostgreSQL casts ("::date") are not parameters.
#include <string>
#include <string_view>
#include <vector>

namespace sinkron::connectors::simpeg {

std::vector<std::string> namedParameters(std::string_view sql);

}  // namespace sinkron::connectors::simpeg
