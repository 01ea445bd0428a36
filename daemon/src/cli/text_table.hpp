#pragma once
// A human table: headings and rows of text, columns padded to the widest cell (in characters,
// not bytes, so "Jakarta Timur · Kec." lines up). The last column is never padded.
#include <cstdio>
#include <string>
#include <vector>

namespace sinkron::daemon::cli {

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> headings);
  // Columns whose cells are numbers are right-aligned.
  TextTable& alignRight(std::size_t column);
  void add(std::vector<std::string> row);
  std::string render() const;
  void print(std::FILE* out = stdout) const;
  std::size_t rows() const { return rows_.size(); }

 private:
  std::vector<std::string> headings_;
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
};

// Characters (UTF-8 code points) in `s`.
std::size_t displayWidth(const std::string& s);

}  // namespace sinkron::daemon::cli
