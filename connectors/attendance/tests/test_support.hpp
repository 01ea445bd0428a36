#pragma once
// Helpers shared by the attendance tests: a temporary folder per test and the small world.
#include <atomic>
#include <filesystem>
#include <random>
#include <string>

#include <unistd.h>

#include "sinkron/sim/world.hpp"

namespace attendance_test {

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("sinkron-att-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
             std::to_string(std::random_device{}()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline sinkron::sim::WorldOptions smallWorld(std::uint64_t seed = 42) {
  sinkron::sim::WorldOptions o;
  o.population.seed = seed;
  o.population.people = 300;
  return o;
}

}  // namespace attendance_test
