// Mapping: loading entry points, accessors and apply(), the per-row hot path. apply() looks
// nothing up by name and writes only into the record's reused strings (and `issues` on a
// problem); it is const and safe to call from several threads on different records.
#include "sinkron/mappings/mapping.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "mapping_impl.hpp"
#include "sinkron/mappings/name_normalizer.hpp"

namespace sinkron::mappings {
namespace {

// Runs the rule's transforms over `value` in order. Empty values skip every step but `default`.
bool runChain(const Rule& rule, std::string& value, std::string& problem) {
  for (const Step& step : rule.steps) {
    if (value.empty() && !step.runsOnEmpty) continue;
    if (!step.run(step, value, problem)) return false;
  }
  return true;
}

void assignJoined(const Rule& rule, std::span<const std::string_view> slots, std::string& value) {
  for (const std::size_t slot : rule.slots) {
    const std::string_view part = slot < slots.size() ? trimView(slots[slot]) : std::string_view();
    if (part.empty()) continue;
    if (!value.empty()) value.append(rule.text);
    value.append(part);
  }
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
  const MappingImpl& m = *impl_;
  const auto at = [slots](std::size_t i) {
    return i < slots.size() ? slots[i] : std::string_view();
  };
  const std::uint64_t line = out.line;
  const std::uint64_t row = out.row;
  out.clear();
  out.line = line;
  out.row = row;
  if (m.keySlot) {
    const std::string_view key = trimView(at(*m.keySlot));
    out.key.assign(key.data(), key.size());
  }

  std::string problem;  // empty std::string: no allocation unless a step reports a problem
  FieldIssue pending{};
  for (const Rule& rule : m.rules) {
    std::string& value = out.mut(rule.field);
    switch (rule.kind) {
      case Rule::Kind::kSlot: {
        const std::string_view v = at(rule.slot);
        value.assign(v.data(), v.size());
        break;
      }
      case Rule::Kind::kJoin:
        assignJoined(rule, slots, value);
        break;
      case Rule::Kind::kConstant:
        value.assign(rule.text);
        break;
    }
    // `pending` lives outside the loop: an empty std::optional<FieldIssue> per rule cost a
    // 100-byte clear on every field of every row.
    bool hasIssue = false;
    if (!runChain(rule, value, problem)) {
      pending = FieldIssue{rule.field, rule.label, value, std::move(problem)};
      hasIssue = true;
      value.clear();
    }
    if (value.empty() && rule.fallbackSlot) {
      const std::string_view v = at(*rule.fallbackSlot);
      value.assign(v.data(), v.size());
      if (!runChain(rule, value, problem)) {
        if (!hasIssue) pending = FieldIssue{rule.field, rule.label, value, std::move(problem)};
        hasIssue = true;
        value.clear();
      } else if (!value.empty()) {
        hasIssue = false;
      }
    }
    if (hasIssue) {
      issues.push_back(std::move(pending));
      continue;
    }
    if (rule.splitName && !value.empty()) {
      const SplitName split = splitTitledName(value);
      if (rule.splitGelarDepan) out.set(Field::kGelarDepan, split.gelarDepan);
      if (rule.splitGelarBelakang) out.set(Field::kGelarBelakang, split.gelarBelakang);
      value.assign(split.nama);
    }
  }
}

}  // namespace sinkron::mappings
