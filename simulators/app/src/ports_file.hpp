#pragma once
// The ports file: where each simulated system listens, for tests and the demo to find them.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "sinkron/result.hpp"

namespace sinkron::simapp {

// Writes {"siasn":"http://127.0.0.1:P",...} (keys in the given order) to `path` through a
// temporary file renamed over it, so a reader never sees half a file. Errors name the path.
Status writePortsFile(const std::filesystem::path& path,
                      const std::vector<std::pair<std::string, std::string>>& urls);

}  // namespace sinkron::simapp
