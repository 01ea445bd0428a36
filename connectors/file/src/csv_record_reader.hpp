#pragma once
#include "sinkron/connectors/csv_parser.hpp"
#include "sinkron/connectors/record_reader.hpp"

namespace sinkron::connectors {

// Binds a mapping's input fields to CSV columns by header name (case-insensitive) or number.
class CsvRecordReader final : public RecordReader {
 public:
  static Result<std::unique_ptr<RecordReader>> open(const std::filesystem::path& file,
                                                    const mappings::Mapping& mapping);
  Result<bool> next(RawRecord& out, std::vector<RowError>& errors) override;
  std::uint64_t bytesRead() const override { return parser_.bytesRead(); }

 private:
  explicit CsvRecordReader(CsvParser parser) : parser_(std::move(parser)) {}
  CsvParser parser_;
  std::vector<std::size_t> columnOf_;  // slot -> column
  std::vector<std::string_view> fields_;
  std::vector<std::string_view> slots_;
  std::size_t columns_ = 0;
  std::uint64_t row_ = 0;
};

}  // namespace sinkron::connectors
