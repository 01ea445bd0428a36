#pragma once
// A streaming RFC 4180 CSV parser: any one-byte delimiter, double-quote quoting with "" escapes,
// quoted fields spanning lines, CRLF or LF, a UTF-8 BOM skipped. Reads in large blocks; a field is
// a view into the parser's buffer, valid until the next call to nextRow().
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "sinkron/file_handle.hpp"
#include "sinkron/result.hpp"

namespace sinkron::connectors {

class CsvParser {
 public:
  // Opens `file`. delimiter 0 = detect from the first line (the most frequent of , ; | tab).
  static Result<CsvParser> open(const std::filesystem::path& file, char delimiter = 0,
                                char quote = '"');
  CsvParser(CsvParser&&) noexcept = default;
  CsvParser& operator=(CsvParser&&) noexcept = default;

  // Next row into `fields`. Returns false at end of input. A malformed row (an unterminated
  // quote, text after a closing quote) is an Error of kind kParse naming file and line; the
  // parser resynchronises at the next line so the caller may go on.
  Result<bool> nextRow(std::vector<std::string_view>& fields);

  std::uint64_t rowLine() const { return rowLine_; }  // 1-based line where the last row began
  // The last row's bytes (without its line break); its fields are views inside it.
  std::string_view rowText() const { return rowText_; }
  std::uint64_t bytesRead() const { return consumed_; }
  char delimiter() const { return delimiter_; }
  const std::string& path() const { return path_; }

 private:
  CsvParser() = default;
  bool fill();  // reads more input; false at EOF

  FileHandle file_;
  std::string path_;
  std::vector<char> buf_;
  std::size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
  char delimiter_ = ',';
  char quote_ = '"';
  std::uint64_t line_ = 1;
  std::uint64_t rowLine_ = 0;
  std::string_view rowText_;
  std::uint64_t consumed_ = 0;
};

}  // namespace sinkron::connectors
