#pragma once
// Buffered RFC 4180 CSV output: quotes a field only when it holds the delimiter, a quote or a
// line break. One large fwrite per 1 MiB.
#include <cstdio>
#include <filesystem>
#include <initializer_list>
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
  Status close();  // flushes and reports any write error

 private:
  CsvWriter() = default;
  void flushIfFull();
  FileHandle file_;
  std::string path_;
  std::string buf_;
  bool first_ = true;
  bool failed_ = false;
};

}  // namespace sinkron::daemon
