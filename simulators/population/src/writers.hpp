#pragma once
// Streaming output: a file with a large write buffer, and the encoders of the three formats
// (SIMPEG CSV with ';', SIASN JSON Lines, truth.csv).
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "sinkron/population/person.hpp"
#include "sinkron/result.hpp"

namespace sinkron::population {

class BufferedFile {
 public:
  BufferedFile() = default;
  ~BufferedFile();
  BufferedFile(const BufferedFile&) = delete;
  BufferedFile& operator=(const BufferedFile&) = delete;

  Status open(const std::filesystem::path& path);
  // The buffer to append to; call maybeFlush() after each record.
  std::string& buffer() { return buffer_; }
  Status maybeFlush() { return buffer_.size() >= kFlushAt ? flush() : Status{}; }
  Status close();

 private:
  static constexpr std::size_t kFlushAt = std::size_t{1} << 20;
  Status flush();

  std::FILE* file_ = nullptr;
  std::filesystem::path path_;
  std::string buffer_;
};

extern const std::string_view kSimpegHeader;  // with the UTF-8 BOM and the newline
extern const std::string_view kTruthHeader;

void appendSimpegRow(std::string& out, const SimpegRow& row);
void appendSiasnRecord(std::string& out, const SiasnRecord& rec);
void appendTruth(std::string& out, std::string_view side, std::string_view key,
                 std::uint64_t person);

}  // namespace sinkron::population
