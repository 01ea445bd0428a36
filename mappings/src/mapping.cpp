// Mapping: loading entry points, accessors and apply(), the per-row hot path. apply() looks
// nothing up by name and copies only values whose bytes a transform changes (into the arena);
// it is const and safe to call from several threads on different records.
#include "sinkron/mappings/mapping.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "mapping_impl.hpp"
#include "sinkron/mappings/name_normalizer.hpp"

namespace sinkron::mappings {
namespace {

// Runs the rule's transforms over `value` in order. Empty values skip every step but `default`.
bool runChain(const Rule& rule, std::string_view& value, ValueArena& arena, std::string& problem) {
  for (const Step& step : rule.steps) {
    if (value.empty() && !step.runsOnEmpty) continue;
    if (!step.run(step, value, arena, problem)) return false;
  }
  return true;
}

std::string_view joined(const Rule& rule, std::span<const std::string_view> slots,
                        ValueArena& arena) {
  std::size_t bound = 0;
  for (const std::size_t slot : rule.slots)
    if (slot < slots.size()) bound += slots[slot].size() + rule.text.size();
  char* const begin = arena.take(bound);
  char* out = begin;
  for (const std::size_t slot : rule.slots) {
    const std::string_view part = slot < slots.size() ? trimView(slots[slot]) : std::string_view();
    if (part.empty()) continue;
    if (out != begin) out = std::copy(rule.text.begin(), rule.text.end(), out);
    out = std::copy(part.begin(), part.end(), out);
  }
  return {begin, static_cast<std::size_t>(out - begin)};
}

}  // namespace

Mapping::Mapping(std::unique_ptr<MappingImpl> impl) : impl_(std::move(impl)) {}
Mapping::Mapping(Mapping&&) noexcept = default;
Mapping& Mapping::operator=(Mapping&&) noexcept = default;
Mapping::~Mapping() = default;

Result<Mapping> Mapping::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    const int err = errno;
    std::string message = fmt::format("cannot open mapping file {}: {}", file.string(),
                                      err != 0 ? std::strerror(err) : "unreadable");
    return err == ENOENT ? Error::notFound(std::move(message)) : Error::io(std::move(message));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Error::io(fmt::format("cannot read mapping file {}", file.string()));
  return parse(text.str(), file.string());
}

Result<Mapping> Mapping::parse(std::string_view yaml, std::string_view origin) {
  auto impl = loadMappingImpl(yaml, origin);
  if (!impl) return impl.error();
  return Mapping(std::move(impl).value());
}

const std::string& Mapping::sourceName() const {
  return impl_->source;
}
const std::string& Mapping::origin() const {
  return impl_->origin;
}
SourceFormat Mapping::format() const {
  return impl_->format;
}
const CsvOptions& Mapping::csv() const {
  return impl_->csv;
}
const JsonOptions& Mapping::json() const {
  return impl_->json;
}
const std::vector<std::string>& Mapping::inputFields() const {
  return impl_->inputs;
}
std::optional<std::size_t> Mapping::keySlot() const {
  return impl_->keySlot;
}
const std::string& Mapping::keyField() const {
  return impl_->keyField;
}
const std::vector<Field>& Mapping::mappedFields() const {
  return impl_->mapped;
}
std::string_view Mapping::sourceFieldOf(Field f) const {
  return f < Field::kCount ? std::string_view(impl_->sourceOf[index(f)]) : std::string_view();
}

void Mapping::apply(std::span<const std::string_view> slots, EmployeeRecord& out,
                    std::vector<FieldIssue>& issues) const {
  thread_local ValueArena arena;
  RecordView view;
  view.line = out.line;
  view.row = out.row;
  apply(slots, view, arena, issues);
  view.copyTo(out);
}

void Mapping::apply(std::span<const std::string_view> slots, RecordView& out, ValueArena& arena,
                    std::vector<FieldIssue>& issues) const {
  const MappingImpl& m = *impl_;
  const auto at = [slots](std::size_t i) {
    return i < slots.size() ? slots[i] : std::string_view();
  };
  arena.reset();
  if (out.filledBy != m.id) {
    out.values = {};
    out.filledBy = m.id;
  }
  // Every rule assigns its own field below; only the titles split from a name may stay unset.
  for (const Field f : m.conditionalFields) out.set(f, {});
  out.key = m.keySlot ? trimView(at(*m.keySlot)) : std::string_view();

  std::string problem;  // empty std::string: no allocation unless a step reports a problem
  // Outside the loop: constructing an empty FieldIssue per rule costs on every field of every row.
  FieldIssue pending;
  for (const Rule& rule : m.rules) {
    std::string_view value;
    switch (rule.kind) {
      case Rule::Kind::kSlot:
        value = at(rule.slot);
        break;
      case Rule::Kind::kJoin:
        value = joined(rule, slots, arena);
        break;
      case Rule::Kind::kConstant:
        value = rule.text;
        break;
    }
    bool hasIssue = false;
    if (!runChain(rule, value, arena, problem)) {
      pending = FieldIssue{rule.field, rule.label, std::string(value), std::move(problem)};
      hasIssue = true;
      value = {};
    }
    if (value.empty() && rule.fallbackSlot) {
      value = at(*rule.fallbackSlot);
      if (!runChain(rule, value, arena, problem)) {
        if (!hasIssue)
          pending = FieldIssue{rule.field, rule.label, std::string(value), std::move(problem)};
        hasIssue = true;
        value = {};
      } else if (!value.empty()) {
        hasIssue = false;
      }
    }
    if (hasIssue) {
      out.set(rule.field, {});
      issues.push_back(std::move(pending));
      continue;
    }
    if (rule.splitName && !value.empty()) {
      const SplitName split = splitTitledName(value);
      if (rule.splitGelarDepan) out.set(Field::kGelarDepan, arena.copy(split.gelarDepan));
      if (rule.splitGelarBelakang) out.set(Field::kGelarBelakang, arena.copy(split.gelarBelakang));
      value = arena.copy(split.nama);
    }
    out.set(rule.field, value);
  }
}

}  // namespace sinkron::mappings
