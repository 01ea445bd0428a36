#pragma once
// Loads one source file through its mapping into a RecordTable, writing the source's anomalies
// and bad rows as it streams.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "sinkron/connectors/record_reader.hpp"
#include "sinkron/daemon/csv_writer.hpp"
#include "sinkron/mappings/anomalies.hpp"
#include "sinkron/mappings/mapping.hpp"
#include "sinkron/mappings/record_table.hpp"

namespace sinkron::daemon {

struct LoadedSource {
  std::string side;  // "left" / "right"
  std::filesystem::path file;
  mappings::Mapping mapping;
  std::unique_ptr<connectors::RecordReader> reader;
  mappings::RecordTable table;
  std::vector<connectors::RowError> errors;
  std::unordered_map<std::string_view, std::uint64_t> anomalyCounts;  // codes are static
  std::uint64_t bytes = 0;
};

// Opens the mapping and the file (fails fast on either).
Result<std::unique_ptr<LoadedSource>> openSource(std::string side,
                                                 const std::filesystem::path& file,
                                                 const std::filesystem::path& mappingFile);

// Streams every record into source.table; anomalies go to `anomalies` (no header written).
Status loadSource(LoadedSource& source, const mappings::AnomalyOptions& options,
                  CsvWriter& anomalies);

}  // namespace sinkron::daemon
