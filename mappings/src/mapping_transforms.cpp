// The mapping transforms: one table maps each name to its argument parser and its step function.
// Step functions rewrite the value in place and allocate only to describe a problem.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>

#include "mapping_impl.hpp"
#include "swar_digits.hpp"

namespace sinkron::mappings {
namespace {

// Steps narrow the view, point it at other text (a table entry, a step's text) or, only when
// the bytes themselves change, write the new value into the arena.

bool runTrim(const Step&, std::string_view& value, ValueArena&, std::string&) {
  value = trimView(value);
  return true;
}

// ASCII only, as std::toupper/tolower in the "C" locale the program runs in (no call per byte).
template <char From, char To>
void foldCase(std::string_view& value, ValueArena& arena) {
  const auto needs = [](char c) { return c >= From && c <= To; };
  const auto first = std::find_if(value.begin(), value.end(), needs);
  if (first == value.end()) return;  // nothing to change: keep pointing at the source
  char* out = arena.take(value.size());
  std::copy(value.begin(), value.end(), out);
  for (char* c = out + (first - value.begin()); c != out + value.size(); ++c)
    if (needs(*c)) *c = static_cast<char>(*c ^ 0x20);
  value = std::string_view(out, value.size());
}

bool runUpper(const Step&, std::string_view& value, ValueArena& arena, std::string&) {
  foldCase<'a', 'z'>(value, arena);
  return true;
}

bool runLower(const Step&, std::string_view& value, ValueArena& arena, std::string&) {
  foldCase<'A', 'Z'>(value, arena);
  return true;
}

bool runDigits(const Step&, std::string_view& value, ValueArena& arena, std::string&) {
  const auto other = [](char c) { return c < '0' || c > '9'; };
  const auto first = std::find_if(value.begin(), value.end(), other);
  if (first == value.end()) return true;
  char* const out = arena.take(value.size());
  char* end = std::copy(value.begin(), first, out);
  end = std::copy_if(first, value.end(), end, [&](char c) { return !other(c); });
  value = std::string_view(out, static_cast<std::size_t>(end - out));
  return true;
}

bool runDate(const Step& step, std::string_view& value, ValueArena& arena, std::string& problem) {
  const std::string_view text = trimView(value);
  if (text.empty()) {
    value = {};
    return true;
  }
  CivilDate date;
  if (parseFixedDate(text, step.dateFormat, date)) {
    // Checked digits in a fixed layout: the ISO text is the text itself or a rearrangement.
    if (text[4] == '-') {
      value = text;
      return true;
    }
    char* iso = arena.take(10);
    const char order[10] = {text[6], text[7], text[8], text[9], '-',
                            text[3], text[4], '-',     text[0], text[1]};
    std::copy(order, order + 10, iso);
    value = std::string_view(iso, 10);
    return true;
  }
  auto parsed = parseDate(text, step.dateFormat);
  if (!parsed) {
    problem = parsed.error().message;
    return false;
  }
  char* iso = arena.take(10);
  parsed->writeIso(iso);
  value = std::string_view(iso, 10);
  return true;
}

// Code values repeat on almost every row ("III/a", "Aktif", "L"): remember recent answers per
// thread so the table scan runs once per distinct spelling. Answers point into the tables; a
// step's id is never reused, so an answer is only found while its mapping lives.
std::optional<std::string_view> memoizedLookup(const Step& step, std::string_view text) {
  struct Memo {
    std::uint64_t lookupId = 0;
    std::uint64_t head = 0;  // the text's first 8 bytes
    std::uint8_t length = 0;
    char rest[23];  // bytes after the first 8
    bool found = false;
    std::string_view result;
  };
  auto find = [&] {
    return step.builtin != nullptr ? step.builtin->canonical(text) : step.table->find(text);
  };
  if (text.size() > 8 + sizeof(Memo::rest)) return find();
  // Most codes fit in 8 bytes: one integer to hash and compare.
  const std::size_t n = text.size();
  const std::uint64_t head = detail::loadUpTo8(text.data(), n < 8 ? n : 8);
  const std::string_view rest = n > 8 ? text.substr(8) : std::string_view();
  std::uint64_t h = (head ^ n ^ step.lookupId * 0x9e3779b97f4a7c15ull) * 0xbf58476d1ce4e5b9ull;
  for (unsigned char c : rest) h = (h ^ c) * 1099511628211ull;
  // A multiply moves bits only upwards: mix before taking the top bits, or the short texts of
  // one table all land in a few slots and evict each other.
  h ^= h >> 29;
  h *= 0x94d049bb133111ebull;
  thread_local std::array<Memo, 1024> memo;
  Memo& m = memo[h >> 54];
  if (m.lookupId == step.lookupId && m.head == head && m.length == n &&
      (rest.empty() || std::string_view(m.rest, n - 8) == rest))
    return m.found ? std::optional<std::string_view>(m.result) : std::nullopt;
  auto hit = find();
  m.lookupId = step.lookupId;
  m.head = head;
  m.length = static_cast<std::uint8_t>(n);
  std::copy(rest.begin(), rest.end(), m.rest);
  m.found = hit.has_value();
  m.result = hit.value_or(std::string_view{});
  return hit;
}

bool runLookup(const Step& step, std::string_view& value, ValueArena&, std::string& problem) {
  const std::string_view text = trimView(value);
  if (const std::optional<std::string_view> hit = memoizedLookup(step, text)) {
    value = *hit;
    return true;
  }
  if (step.keepUnknown) return true;
  const std::string_view table = step.builtin != nullptr ? step.builtin->name() : step.table->name;
  problem = fmt::format("'{}' is not in code table '{}'", text, table);
  return false;
}

bool runNullIf(const Step& step, std::string_view& value, ValueArena&, std::string&) {
  const std::string_view text = trimView(value);
  if (((step.nullIfLengths >> std::min<std::size_t>(text.size(), 63)) & 1u) == 0) return true;
  for (const std::string& n : step.texts) {
    if (text == n) {
      value = {};
      break;
    }
  }
  return true;
}

bool runDefault(const Step& step, std::string_view& value, ValueArena&, std::string&) {
  if (trimView(value).empty()) value = step.texts.front();
  return true;
}

void compileDate(const YAML::Node& arg, const YAML::Node&, const YAML::Mark& mark,
                 const LoadContext& ctx, Step& step) {
  const std::string name = ctx.scalar(arg, mark, "the date format");
  auto format = parseDateFormat(name);
  if (!format) ctx.fail(mark, format.error().message);  // names the valid formats
  step.dateFormat = *format;
}

void compileLookup(const YAML::Node& arg, const YAML::Node& whole, const YAML::Mark& mark,
                   const LoadContext& ctx, Step& step) {
  static std::atomic<std::uint64_t> lastLookupId{0};
  step.lookupId = ++lastLookupId;
  const std::string name = ctx.scalar(arg, mark, "the lookup table name");
  if (const auto it = ctx.tables().find(name); it != ctx.tables().end()) {
    step.table = &it->second;
  } else if (const CodeTable* builtin = builtinCodeTable(name)) {
    step.builtin = builtin;
  } else {
    std::vector<std::string> owned;
    const std::string_view all = builtinCodeTableNames();
    for (std::size_t pos = 0; pos < all.size();) {
      std::size_t comma = all.find(',', pos);
      if (comma == std::string_view::npos) comma = all.size();
      owned.emplace_back(trimView(all.substr(pos, comma - pos)));
      pos = comma + 1;
    }
    for (const auto& [tableName, table] : ctx.tables()) owned.push_back(tableName);
    std::vector<std::string_view> valid(owned.begin(), owned.end());
    ctx.fail(mark, fmt::format("unknown table '{}'{}", name, nameHint(name, valid)));
  }
  if (const YAML::Node keep = whole["keep_unknown"]) {
    try {
      step.keepUnknown = keep.as<bool>();
    } catch (const YAML::Exception&) {
      ctx.fail(keep.Mark(), "keep_unknown must be true or false");
    }
  }
}

void compileNullIf(const YAML::Node& arg, const YAML::Node&, const YAML::Mark& mark,
                   const LoadContext& ctx, Step& step) {
  if (arg.IsSequence()) {
    for (const YAML::Node& item : arg) {
      step.texts.push_back(ctx.scalar(item, item.Mark(), "each null_if entry"));
    }
  } else {
    step.texts.push_back(ctx.scalar(arg, mark, "null_if (text or a list of texts)"));
  }
  if (step.texts.empty()) ctx.fail(mark, "null_if needs at least one text (e.g. [\"-\", \"0\"])");
  for (const std::string& text : step.texts)
    step.nullIfLengths |= std::uint64_t{1} << std::min<std::size_t>(text.size(), 63);
}

void compileDefault(const YAML::Node& arg, const YAML::Node&, const YAML::Mark& mark,
                    const LoadContext& ctx, Step& step) {
  step.texts.push_back(ctx.scalar(arg, mark, "the default text"));
  step.runsOnEmpty = true;
}

constexpr std::array<std::string_view, 1> kLookupOptions = {"keep_unknown"};

const TransformDef kTransforms[] = {
    {"trim", false, {}, runTrim, nullptr, "remove surrounding white space"},
    {"upper", false, {}, runUpper, nullptr, "ASCII upper case"},
    {"lower", false, {}, runLower, nullptr, "ASCII lower case"},
    {"digits", false, {}, runDigits, nullptr, "keep digits only"},
    {"date", true, {}, runDate, compileDate, "{ date: dd-mm-yyyy|yyyy-mm-dd|dd/mm/yyyy|auto }"},
    {"lookup", true, kLookupOptions, runLookup, compileLookup,
     "{ lookup: table, keep_unknown: false }"},
    {"split_name", false, {}, nullptr, nullptr, "nama only: titles to gelar_depan/_belakang"},
    {"null_if", true, {}, runNullIf, compileNullIf, "{ null_if: [\"-\", \"0\"] } -> empty"},
    {"default", true, {}, runDefault, compileDefault, "{ default: text } when empty"},
};

}  // namespace

std::span<const TransformDef> transformTable() {
  return kTransforms;
}

const TransformDef* findTransform(std::string_view name) {
  for (const TransformDef& def : transformTable())
    if (def.name == name) return &def;
  return nullptr;
}

std::vector<std::string_view> transformNames() {
  std::vector<std::string_view> names;
  for (const TransformDef& def : transformTable()) names.push_back(def.name);
  return names;
}

}  // namespace sinkron::mappings
