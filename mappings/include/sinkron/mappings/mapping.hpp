#pragma once
// A declarative mapping from one source's columns (CSV) or fields (JSON) to canonical fields.
// Loaded from YAML, validated strictly (unknown keys, fields, tables or transforms are errors
// naming file, line and a hint), then compiled so applying it to a row does no lookups by name.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sinkron/mappings/employee_record.hpp"
#include "sinkron/mappings/field.hpp"
#include "sinkron/mappings/record_view.hpp"
#include "sinkron/result.hpp"

namespace sinkron::mappings {

enum class SourceFormat { kCsv, kJson };

struct CsvOptions {
  char delimiter = 0;  // 0 = detect from the header line (one of , ; | tab)
  char quote = '"';
  bool header = true;  // without a header, `from:` names columns by 1-based number ("3")
};

struct JsonOptions {
  // Objects wrapped as {"data":{...}} are unwrapped automatically; `root` names another wrapper.
  std::string root = "data";
};

// A problem with one field of one row that does not make the row unusable (e.g. a date that
// does not parse). The field is left empty and the issue reported.
struct FieldIssue {
  Field field;
  std::string sourceField;
  std::string value;
  std::string message;
};

class MappingImpl;

class Mapping {
 public:
  // Reads and validates a YAML mapping file.
  static Result<Mapping> load(const std::filesystem::path& file);
  // Same from text; `origin` is used in error messages in place of a file name.
  static Result<Mapping> parse(std::string_view yaml, std::string_view origin);

  Mapping(Mapping&&) noexcept;
  Mapping& operator=(Mapping&&) noexcept;
  ~Mapping();

  const std::string& sourceName() const;  // e.g. "simpeg"
  const std::string& origin() const;      // file path or origin given to parse()
  SourceFormat format() const;
  const CsvOptions& csv() const;
  const JsonOptions& json() const;

  // The distinct source fields a reader must deliver, in slot order: CSV column names (or
  // 1-based numbers without a header) or JSON field paths ("nipBaru", "unor.id").
  const std::vector<std::string>& inputFields() const;
  // Slot of the key field; nullopt when the mapping names none (the key is then the row number).
  std::optional<std::size_t> keySlot() const;
  const std::string& keyField() const;  // empty when none

  // Canonical fields this mapping fills.
  const std::vector<Field>& mappedFields() const;
  // Which source field(s) a canonical value comes from, for provenance ("gelar_depan+nama").
  std::string_view sourceFieldOf(Field f) const;

  // Fills `out` (cleared first, except line/row which the caller sets) from one row's values
  // given in slot order. Field-level problems are appended to `issues`; other fields still fill.
  void apply(std::span<const std::string_view> slots, EmployeeRecord& out,
             std::vector<FieldIssue>& issues) const;
  // The same without copying: values become views into `slots`, the mapping's own texts and
  // code tables, or `arena` (reset first). `out.line` and `out.row` are left as they are.
  void apply(std::span<const std::string_view> slots, RecordView& out, ValueArena& arena,
             std::vector<FieldIssue>& issues) const;

 private:
  explicit Mapping(std::unique_ptr<MappingImpl> impl);
  std::unique_ptr<MappingImpl> impl_;
};

// Where a canonical value of `record` (read through `mapping`) came from: source, line, column.
inline Provenance provenanceOf(const Mapping& mapping, const EmployeeRecord& record, Field f) {
  return {mapping.sourceName(), record.line, mapping.sourceFieldOf(f)};
}

}  // namespace sinkron::mappings
