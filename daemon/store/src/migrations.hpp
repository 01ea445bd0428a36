#pragma once
// The schema, as ordered migrations. Each is a list of statements (SQLite prepares one
// statement at a time), written once with {ID}-style placeholders filled per backend.
#include <string>
#include <vector>

#include "sinkron/store/state_store.hpp"

namespace sinkron::store::detail {

struct Migration {
  int version;
  const char* description;
  std::vector<std::string> statements;
};

std::vector<Migration> migrations(Backend backend);

}  // namespace sinkron::store::detail
