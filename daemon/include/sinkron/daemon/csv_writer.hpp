#pragma once
// Buffered RFC 4180 CSV output: quotes a field only when it holds the delimiter, a quote or a
// line break. One large fwrite per 1 MiB.
#include <cstdio>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "sinkron/file_handle.hpp"
#include "sinkron/result.hpp"

namespace sinkron::daemon {

class CsvWriter {
 public:
  static Result<CsvWriter> create(const std::filesystem::path& path);
  CsvWriter(CsvWriter&&) noexcept = default;
  CsvWriter& operator=(CsvWriter&&) noexcept = default;
  ~CsvWriter() { (void)close(); }

  CsvWriter& field(std::string_view v);
  CsvWriter& field(double v, int decimals = 2);
  CsvWriter& field(std::uint64_t v);
  void endRow();
  void row(std::initializer_list<std::string_view> fields);
  // Appends raw bytes (already CSV) — used to splice another CSV's rows in.
  void raw(std::string_view bytes);
  // Appends the whole file `from` (already CSV), copied inside the kernel where it can be
  // (copy_file_range), so part files written by other threads join without a trip through
  // user space. Rows may follow.
  Status appendFile(const std::filesystem::path& from);
  Status close();  // flushes and reports any write error

 private:
  CsvWriter() = default;
  void flushIfFull();
  // Where n more bytes may be written (fields are written through a pointer: a std::string
  // append per value cost a call and a check each).
  char* room(std::size_t n) { return capacity_ - size_ >= n ? buf_.get() + size_ : grow(n); }
  char* grow(std::size_t n);
  FileHandle file_;
  std::string path_;
  std::unique_ptr<char[]> buf_;
  std::size_t size_ = 0, capacity_ = 0;
  bool first_ = true;
  bool failed_ = false;
};

}  // namespace sinkron::daemon
