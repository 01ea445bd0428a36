#pragma once
#include <cstdio>
#include <string>

#include "json_field_index.hpp"
#include "sinkron/connectors/record_reader.hpp"
#include "sinkron/file_handle.hpp"

namespace sinkron::connectors {

// JSON Lines (one object per line) or one JSON array of objects. Flat objects are scanned
// directly (flat_json_scanner.hpp); any other object is parsed in place with RapidJSON's SAX
// reader. Only the mapping's fields are kept, as views into the buffer.
class JsonRecordReader final : public RecordReader {
 public:
  static Result<std::unique_ptr<RecordReader>> open(const std::filesystem::path& file,
                                                    const mappings::Mapping& mapping);
  Result<bool> next(RawRecord& out, std::vector<RowError>& errors) override;
  std::uint64_t bytesRead() const override { return consumed_; }

 private:
  JsonRecordReader() = default;
  bool fill();
  // Finds the next object in the buffer: [start, end) and the line it starts on.
  enum class Scan { kObject, kEnd, kError };
  Scan nextObject(std::size_t& start, std::size_t& end, std::string& error);

  FileHandle file_;
  std::string path_;
  std::string root_;
  std::vector<char> buf_;
  std::size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
  bool array_ = false;  // a JSON array file rather than JSON Lines
  bool arrayClosed_ = false;
  std::uint64_t line_ = 1;
  std::uint64_t consumed_ = 0;
  std::uint64_t row_ = 0;
  std::vector<std::string_view> slots_;
  std::unique_ptr<JsonFieldIndex> index_;
};

}  // namespace sinkron::connectors
