#pragma once
// Private to the mapping implementation: the compiled form of a mapping file (rules of slot
// indices and transform steps) and the transform table the loader compiles from.
#include <yaml-cpp/yaml.h>

#include <array>
#include <atomic>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sinkron/mappings/civil_date.hpp"
#include "sinkron/mappings/code_tables.hpp"
#include "sinkron/mappings/field.hpp"
#include "sinkron/mappings/mapping.hpp"
#include "sinkron/mappings/record_view.hpp"
#include "sinkron/result.hpp"

namespace sinkron::mappings {

// An inline code table from the mapping file: exact text (trimmed) -> replacement.
struct InlineTable {
  std::string name;
  std::vector<std::pair<std::string, std::string>> entries;  // sorted by key

  std::optional<std::string_view> find(std::string_view text) const;
};

struct Step;
// Rewrites `value`: narrows it, points it at other lasting text, or writes new bytes into
// `arena`. On a problem returns false, leaves `value` unchanged and sets `problem` (the only
// place a step may allocate).
using StepFn = bool (*)(const Step& step, std::string_view& value, ValueArena& arena,
                        std::string& problem);

// One compiled transform. Fields not used by a transform keep their defaults.
struct Step {
  StepFn run = nullptr;
  bool runsOnEmpty = false;  // only `default`: every other step passes an empty value through
  DateFormat dateFormat = DateFormat::kAuto;
  const CodeTable* builtin = nullptr;
  const InlineTable* table = nullptr;
  bool keepUnknown = false;
  std::uint64_t lookupId = 0;       // lookup: unique for the process's lifetime (keys the memo)
  std::vector<std::string> texts;   // null_if: the texts; default: the one text
  std::uint64_t nullIfLengths = 0;  // null_if: bit min(size, 63) set for each text's size
};

// How one canonical field is filled.
struct Rule {
  enum class Kind { kSlot, kJoin, kConstant };

  Field field = Field::kCount;
  Kind kind = Kind::kSlot;
  std::size_t slot = 0;                     // kSlot
  std::vector<std::size_t> slots;           // kJoin
  std::string text;                         // kJoin: separator; kConstant: the value
  std::optional<std::size_t> fallbackSlot;  // chain re-run on it when the value is empty or fails
  std::vector<Step> steps;
  bool splitName = false;        // nama: split inline titles after the chain
  bool splitGelarDepan = false;  // ... and fill gelar_depan (no explicit rule for it)
  bool splitGelarBelakang = false;
  std::string label;  // provenance: "nip_baru", "a+b", "constant", "nama (split_name)"
};

class MappingImpl {
 public:
  MappingImpl() : id(++lastId) {}
  inline static std::atomic<std::uint64_t> lastId{0};
  const std::uint64_t id;  // never reused in a process (RecordView::filledBy)
  std::string source;
  std::string origin;
  SourceFormat format = SourceFormat::kCsv;
  CsvOptions csv;
  JsonOptions json;
  std::vector<std::string> inputs;
  std::optional<std::size_t> keySlot;
  std::string keyField;
  std::vector<Field> mapped;
  std::array<std::string, kFieldCount> sourceOf;
  std::map<std::string, InlineTable, std::less<>> tables;
  std::vector<Rule> rules;
  std::vector<Field> conditionalFields;  // filled by some rules only sometimes (split titles)
};

// Reads a mapping from YAML text. Errors start with "origin:line:column:".
Result<std::unique_ptr<MappingImpl>> loadMappingImpl(std::string_view yaml,
                                                     std::string_view origin);

// ---- Shared between the loader and the transform table ----

// Thrown inside the loader only; turned into Result at Mapping::parse.
struct MappingLoadError {
  Error error;
};

class LoadContext {
 public:
  LoadContext(std::string_view origin, const std::map<std::string, InlineTable, std::less<>>& t)
      : origin_(origin), tables_(t) {}

  // Throws MappingLoadError with "origin:line:column: what".
  [[noreturn]] void fail(const YAML::Mark& mark, std::string_view what) const;
  // Text of a scalar node, or fails with "`what` must be text".
  std::string scalar(const YAML::Node& node, const YAML::Mark& mark, std::string_view what) const;
  const std::map<std::string, InlineTable, std::less<>>& tables() const { return tables_; }

 private:
  std::string_view origin_;
  const std::map<std::string, InlineTable, std::less<>>& tables_;
};

// " (did you mean 'x'?)" when one valid name is close to `got`, else " (valid: a, b, c)".
std::string nameHint(std::string_view got, std::span<const std::string_view> valid);

// Inline: it runs on every value of every row, mostly on values with nothing to trim.
inline std::string_view trimView(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

// The transform table: one entry per transform name.
struct TransformDef {
  std::string_view name;
  bool takesArgument;                         // written { name: arg }, else as a plain name
  std::span<const std::string_view> options;  // further keys allowed beside the argument
  StepFn run;                                 // nullptr for split_name (handled by the rule)
  // Validates the argument (and options in `whole`) and fills `step`. May be nullptr.
  void (*compile)(const YAML::Node& arg, const YAML::Node& whole, const YAML::Mark& mark,
                  const LoadContext& ctx, Step& step);
  std::string_view summary;
};

std::span<const TransformDef> transformTable();
const TransformDef* findTransform(std::string_view name);
std::vector<std::string_view> transformNames();

}  // namespace sinkron::mappings
