#pragma once
// A fresh temporary folder per test, removed afterwards unless SINKRON_E2E_KEEP is set (then its
// path is printed so a failure can be inspected).
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace sinkron::test::sync {

class TempDir {
 public:
  explicit TempDir(const std::string& prefix) {
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "_XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr)
      throw std::runtime_error("mkdtemp failed for " + pattern);
    path = pattern;
  }
  ~TempDir() {
    if (std::getenv("SINKRON_E2E_KEEP") != nullptr) {
      std::fprintf(stderr, "kept %s\n", path.c_str());
      return;
    }
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::filesystem::path path;
};

}  // namespace sinkron::test::sync
