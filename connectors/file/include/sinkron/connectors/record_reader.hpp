#pragma once
// Streaming readers for record files: CSV (any delimiter, quotes, UTF-8 BOM) and JSON (one array,
// or JSON Lines; objects bare or wrapped as {"data":{...}}). A reader delivers, per record, the
// values of the fields a mapping asked for, in slot order, without building a document.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sinkron/mappings/mapping.hpp"
#include "sinkron/result.hpp"

namespace sinkron::connectors {

// A record that could not be read; the reader skips it and goes on.
struct RowError {
  std::uint64_t line = 0;  // 1-based line where the bad record starts
  std::string message;     // "expected 22 columns, found 21"
};

struct RawRecord {
  std::uint64_t line = 0;                   // 1-based line where the record starts
  std::uint64_t row = 0;                    // 1-based data row number
  std::span<const std::string_view> slots;  // valid until the next call to next()
  // The record's bytes in the reader's buffer, when it has them in one piece (may be empty).
  // Slots usually point inside it, so a consumer keeping the record may copy it in one move.
  std::string_view text;
};

class RecordReader {
 public:
  virtual ~RecordReader() = default;
  // Reads the next good record into `out`. Bad records are appended to `errors` and skipped.
  // Returns false at end of input; a fatal I/O error is returned as Error.
  virtual Result<bool> next(RawRecord& out, std::vector<RowError>& errors) = 0;
  // Bytes consumed so far (for progress and throughput figures).
  virtual std::uint64_t bytesRead() const = 0;
};

// Opens `file` for the mapping's format and binds the mapping's input fields (for CSV: checks
// the header names them all, else an error naming the missing column and the header found).
Result<std::unique_ptr<RecordReader>> openRecordReader(const std::filesystem::path& file,
                                                       const mappings::Mapping& mapping);

}  // namespace sinkron::connectors
