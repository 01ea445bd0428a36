#include "sinkron/connectors/record_reader.hpp"

#include "csv_record_reader.hpp"
#include "json_record_reader.hpp"

namespace sinkron::connectors {

Result<std::unique_ptr<RecordReader>> openRecordReader(const std::filesystem::path& file,
                                                       const mappings::Mapping& mapping) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    return Error::notFound("input file " + file.string() + " does not exist or is not a file");
  if (mapping.format() == mappings::SourceFormat::kCsv) return CsvRecordReader::open(file, mapping);
  return JsonRecordReader::open(file, mapping);
}

}  // namespace sinkron::connectors
