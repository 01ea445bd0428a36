#include "source_loader.hpp"

#include <filesystem>

namespace sinkron::daemon {

using mappings::EmployeeRecord;
using mappings::Field;

Result<std::unique_ptr<LoadedSource>> openSource(std::string side,
                                                 const std::filesystem::path& file,
                                                 const std::filesystem::path& mappingFile) {
  auto mapping = mappings::Mapping::load(mappingFile);
  if (!mapping) return mapping.error();
  auto reader = connectors::openRecordReader(file, *mapping);
  if (!reader) return reader.error();
  auto fields = mapping->mappedFields();
  auto src =
      std::unique_ptr<LoadedSource>(new LoadedSource{std::move(side),
                                                     file,
                                                     std::move(*mapping),
                                                     std::move(*reader),
                                                     mappings::RecordTable(std::move(fields)),
                                                     {},
                                                     {},
                                                     0});
  std::error_code ec;
  auto size = std::filesystem::file_size(file, ec);
  if (!ec) src->table.reserve(size / 80 + 1024, size + 4096);  // reserved, not touched
  return src;
}

Status loadSource(LoadedSource& s, const mappings::AnomalyOptions& options, CsvWriter& out) {
  connectors::RawRecord raw;
  EmployeeRecord record;
  std::vector<mappings::FieldIssue> issues;
  std::vector<mappings::Anomaly> anomalies;
  const auto keySlot = s.mapping.keySlot();
  for (;;) {
    auto more = s.reader->next(raw, s.errors);
    if (!more) return more.error();
    if (!*more) break;
    issues.clear();
    s.mapping.apply(raw.slots, record, issues);
    record.line = raw.line;
    record.row = raw.row;
    if (!keySlot) {
      record.key = std::to_string(raw.row);
    } else if (record.key.empty()) {
      s.errors.push_back({raw.line, s.file.string() + ":" + std::to_string(raw.line) +
                                        ": key field '" + s.mapping.keyField() + "' is empty"});
      continue;
    }
    s.table.add(record);
    for (const auto& issue : issues) {
      ++s.anomalyCounts["nilai_tidak_valid"];
      out.field(s.side).field(record.key).field(record.line).field("nilai_tidak_valid");
      out.field(mappings::fieldName(issue.field)).field(issue.value);
      out.field(issue.sourceField + ": " + issue.message).endRow();
    }
    anomalies.clear();
    mappings::checkAnomalies(record, options, anomalies);
    for (const auto& a : anomalies) {
      ++s.anomalyCounts[a.code];
      out.field(s.side).field(record.key).field(record.line).field(a.code);
      out.field(mappings::fieldName(a.field)).field(record.get(a.field)).field(a.message).endRow();
    }
  }
  s.bytes = s.reader->bytesRead();
  return {};
}

}  // namespace sinkron::daemon
