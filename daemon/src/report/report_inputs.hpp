#pragma once
// What the reconcile job leaves in DIR: summary.json (read whole, it is small) and the CSV lists
// (streamed row by row, columns found by header name).
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sinkron/connectors/csv_parser.hpp"
#include "sinkron/result.hpp"

namespace sinkron::report {

struct SourceInfo {
  std::string name, file;
  std::uint64_t records = 0, badRows = 0;
};

using Counts = std::vector<std::pair<std::string, std::uint64_t>>;
// field -> owner -> number of differences (gathered from differences.csv).
using OwnersByField =
    std::map<std::string, std::map<std::string, std::uint64_t, std::less<>>, std::less<>>;

struct Summary {
  SourceInfo left, right;
  Counts situations;          // the six known situations first, in their fixed order
  Counts differencesByField;  // largest first
  Counts anomaliesByCode;     // largest first
  std::map<std::string, std::string, std::less<>> anomalyDescriptions;
  std::string generatedAt, asOf;
  std::vector<std::pair<std::string, double>> thresholds;

  std::uint64_t situation(std::string_view name) const;
  std::uint64_t persons() const;  // sum over situations
  std::string_view description(std::string_view code) const;
};

Result<Summary> readSummary(const std::filesystem::path& dir);

// One CSV list of DIR. Columns are looked up by header name, so the job may add columns.
class CsvTable {
 public:
  static Result<CsvTable> open(const std::filesystem::path& dir, std::string_view fileName,
                               std::initializer_list<std::string_view> columns);

  // Next data row; false at the end. A row whose width differs from the header is an Error
  // naming file:line. Blank lines are skipped.
  Result<bool> next();
  // Field of the i-th column asked for in open(); valid until the next call to next().
  std::string_view operator[](std::size_t i) const { return fields_[index_[i]]; }
  std::uint64_t rows() const { return rows_; }
  const std::string& path() const { return path_; }
  std::string fileName() const;

 private:
  CsvTable(connectors::CsvParser parser, std::string path)
      : parser_(std::move(parser)), path_(std::move(path)) {}

  connectors::CsvParser parser_;
  std::string path_;
  std::vector<std::string_view> fields_;
  std::vector<std::size_t> index_;
  std::size_t width_ = 0;
  std::uint64_t rows_ = 0;
};

// Writes `content` to `target` through a temporary file and a rename, so a reader never sees
// half a report.
Status writeFileAtomically(const std::filesystem::path& target, std::string_view content);

}  // namespace sinkron::report
