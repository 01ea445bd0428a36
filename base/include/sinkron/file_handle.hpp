#pragma once
// An owned C stdio file: closed on destruction, movable, not copyable.
#include <cstdio>
#include <memory>

namespace sinkron {

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f) std::fclose(f);
  }
};
using FileHandle = std::unique_ptr<std::FILE, FileCloser>;

}  // namespace sinkron
