// Loads a mapping file: YAML -> validated, compiled MappingImpl. Every key the format knows is
// declared in a table below; anything else is rejected with file:line:column and a hint.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "mapping_impl.hpp"

namespace sinkron::mappings {
namespace {

struct KeySpec {
  std::string_view key;
  std::string_view type;
  std::string_view fallback;  // default when absent; "required" when it must be given
  std::string_view description;
};

constexpr KeySpec kTopLevelKeys[] = {
    {"source", "name [a-z0-9_-]+", "required", "source name used in provenance and logs"},
    {"format", "csv | json", "required", "how the reader decodes records"},
    {"csv", "map", "", "CSV options (format csv only): delimiter, quote, header"},
    {"json", "map", "", "JSON options (format json only): root"},
    {"key", "source field", "row number", "source field whose value identifies a row"},
    {"tables", "map name -> {from: to}", "", "inline code tables for lookup"},
    {"fields", "map canonical field -> rule", "required", "what fills each canonical field"},
};

constexpr KeySpec kCsvKeys[] = {
    {"delimiter", "one char | tab | auto", "auto", "field delimiter; auto detects , ; | tab"},
    {"quote", "one char", "\"", "quote character"},
    {"header", "bool", "true", "first line names the columns; else from: is a column number"},
};

constexpr KeySpec kJsonKeys[] = {
    {"root", "name", "data", "wrapper object holding the record ({\"data\":{...}})"},
};

constexpr KeySpec kRuleKeys[] = {
    {"from", "source field | list of fields", "", "where the value comes from (a list joins)"},
    {"constant", "text", "", "a fixed value instead of from"},
    {"transform", "name | {name: arg} | list", "", "transforms applied in order"},
    {"join", "text", "\" \"", "separator when from is a list (empty parts are skipped)"},
    {"fallback", "source field", "", "used when the value from `from` is empty or fails"},
};

std::string keyList(std::span<const KeySpec> specs) {
  std::string out;
  for (const KeySpec& s : specs) {
    if (!out.empty()) out += ", ";
    out += s.key;
  }
  return out;
}

struct Entry {
  std::string key;
  YAML::Mark keyMark;
  YAML::Node value;
  // Where to point for a problem with the value (a null value has no useful mark of its own).
  YAML::Mark mark() const { return value.IsDefined() && !value.IsNull() ? value.Mark() : keyMark; }
};

bool isSourceName(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

bool isColumnNumber(std::string_view s) {
  return !s.empty() && s.size() < 6 && s.front() != '0' &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string_view> keyNames(std::span<const KeySpec> specs) {
  std::vector<std::string_view> names;
  for (const KeySpec& s : specs) names.push_back(s.key);
  return names;
}

class Loader {
 public:
  Loader(std::string_view origin, MappingImpl& impl)
      : origin_(origin), impl_(impl), ctx_(origin, impl.tables) {}

  void run(const YAML::Node& root);

 private:
  // The entries of a map node, keys checked against `specs` (nullptr: any key) and for
  // duplicates. `what` names the map in messages ("mapping file", "csv", "rule for 'nip'").
  std::vector<Entry> entries(const YAML::Node& map, const YAML::Mark& mark, std::string_view what,
                             std::span<const KeySpec> specs, bool checkKeys = true) const;
  static const Entry* find(const std::vector<Entry>& es, std::string_view key);
  const Entry& require(const std::vector<Entry>& es, std::string_view key, const YAML::Mark& mark,
                       std::string_view hint) const;

  void loadCsv(const Entry& e);
  void loadJson(const Entry& e);
  void loadTables(const Entry& e);
  void loadFields(const Entry& e);
  Rule compileRule(Field field, const Entry& e);
  void compileFrom(Rule& rule, const Entry& from, const Entry* join);
  void compileChain(Rule& rule, const Entry& transform);
  void compileStep(Rule& rule, const YAML::Node& item, bool last);
  std::size_t slotFor(const std::string& name, const YAML::Mark& mark);
  void finish();

  std::string_view origin_;
  MappingImpl& impl_;
  LoadContext ctx_;
};

std::vector<Entry> Loader::entries(const YAML::Node& map, const YAML::Mark& mark,
                                   std::string_view what, std::span<const KeySpec> specs,
                                   bool checkKeys) const {
  if (!map.IsMap()) ctx_.fail(mark, fmt::format("{} must be a map of keys", what));
  std::vector<Entry> out;
  const std::vector<std::string_view> valid = keyNames(specs);
  for (auto it = map.begin(); it != map.end(); ++it) {
    const YAML::Mark keyMark = it->first.Mark();
    Entry e{ctx_.scalar(it->first, keyMark, "a key"), keyMark, it->second};
    if (checkKeys && std::find(valid.begin(), valid.end(), e.key) == valid.end()) {
      ctx_.fail(keyMark,
                fmt::format("unknown key '{}' in {}{}", e.key, what, nameHint(e.key, valid)));
    }
    if (const Entry* first = find(out, e.key)) {
      ctx_.fail(keyMark, fmt::format("duplicate key '{}' in {} (first given at line {})", e.key,
                                     what, first->keyMark.line + 1));
    }
    out.push_back(std::move(e));
  }
  return out;
}

const Entry* Loader::find(const std::vector<Entry>& es, std::string_view key) {
  for (const Entry& e : es)
    if (e.key == key) return &e;
  return nullptr;
}

const Entry& Loader::require(const std::vector<Entry>& es, std::string_view key,
                             const YAML::Mark& mark, std::string_view hint) const {
  const Entry* e = find(es, key);
  if (e == nullptr) ctx_.fail(mark, fmt::format("missing required key '{}' ({})", key, hint));
  return *e;
}

void Loader::run(const YAML::Node& root) {
  if (!root.IsDefined() || root.IsNull()) {
    ctx_.fail(YAML::Mark(),
              fmt::format("empty mapping file (expected keys: {})", keyList(kTopLevelKeys)));
  }
  const std::vector<Entry> top = entries(root, root.Mark(), "mapping file", kTopLevelKeys);

  const Entry& source = require(top, "source", root.Mark(), "the source name, e.g. simpeg");
  impl_.source = ctx_.scalar(source.value, source.mark(), "source");
  if (!isSourceName(impl_.source)) {
    ctx_.fail(source.mark(), fmt::format("bad source name '{}' (use lower case letters, digits, "
                                         "'_' and '-', e.g. simpeg)",
                                         impl_.source));
  }

  const Entry& format = require(top, "format", root.Mark(), "csv or json");
  const std::string formatName = ctx_.scalar(format.value, format.mark(), "format");
  if (formatName == "csv") {
    impl_.format = SourceFormat::kCsv;
  } else if (formatName == "json") {
    impl_.format = SourceFormat::kJson;
  } else {
    ctx_.fail(format.mark(), fmt::format("unknown format '{}' (valid: csv, json)", formatName));
  }

  if (const Entry* csv = find(top, "csv")) loadCsv(*csv);
  if (const Entry* json = find(top, "json")) loadJson(*json);
  if (const Entry* tables = find(top, "tables")) loadTables(*tables);
  if (const Entry* key = find(top, "key")) {
    impl_.keyField = ctx_.scalar(key->value, key->mark(), "key");
    impl_.keySlot = slotFor(impl_.keyField, key->mark());
  }
  loadFields(require(top, "fields", root.Mark(), "a map of canonical field -> source field"));
}

void Loader::loadCsv(const Entry& e) {
  if (impl_.format != SourceFormat::kCsv) {
    ctx_.fail(e.keyMark, "'csv' section on a json mapping (remove it, or set format: csv)");
  }
  for (const Entry& opt : entries(e.value, e.mark(), "csv", kCsvKeys)) {
    const std::string text = ctx_.scalar(opt.value, opt.mark(), opt.key);
    if (opt.key == "delimiter") {
      if (text == "auto") {
        impl_.csv.delimiter = 0;
      } else if (text == "tab" || text == "\t") {
        impl_.csv.delimiter = '\t';
      } else if (text.size() == 1 && text != "\n" && text != "\r") {
        impl_.csv.delimiter = text[0];
      } else {
        ctx_.fail(opt.mark(), fmt::format("bad delimiter '{}' (one character, \"tab\" or "
                                          "\"auto\")",
                                          text));
      }
    } else if (opt.key == "quote") {
      if (text.size() != 1) {
        ctx_.fail(opt.mark(), fmt::format("bad quote '{}' (one character, e.g. '\"')", text));
      }
      impl_.csv.quote = text[0];
    } else if (opt.key == "header") {
      try {
        impl_.csv.header = opt.value.as<bool>();
      } catch (const YAML::Exception&) {
        ctx_.fail(opt.mark(), fmt::format("bad header '{}' (true or false)", text));
      }
    }
  }
  if (impl_.csv.delimiter != 0 && impl_.csv.delimiter == impl_.csv.quote) {
    ctx_.fail(e.mark(), "csv delimiter and quote are the same character (choose different ones)");
  }
}

void Loader::loadJson(const Entry& e) {
  if (impl_.format != SourceFormat::kJson) {
    ctx_.fail(e.keyMark, "'json' section on a csv mapping (remove it, or set format: json)");
  }
  for (const Entry& opt : entries(e.value, e.mark(), "json", kJsonKeys)) {
    impl_.json.root = ctx_.scalar(opt.value, opt.mark(), "root");  // only key: root
  }
}

void Loader::loadTables(const Entry& e) {
  for (const Entry& t : entries(e.value, e.mark(), "tables", {}, false)) {
    if (builtinCodeTable(t.key) != nullptr) {
      ctx_.fail(t.keyMark, fmt::format("table '{}' has the name of a builtin table (builtin: {}; "
                                       "choose another name)",
                                       t.key, builtinCodeTableNames()));
    }
    InlineTable table{t.key, {}};
    const std::string what = fmt::format("table '{}'", t.key);
    for (const Entry& row : entries(t.value, t.mark(), what, {}, false)) {
      table.entries.emplace_back(row.key, ctx_.scalar(row.value, row.mark(), "a table value"));
    }
    std::sort(table.entries.begin(), table.entries.end());
    impl_.tables.emplace(t.key, std::move(table));
  }
}

void Loader::loadFields(const Entry& e) {
  const std::vector<Entry> rules = entries(e.value, e.mark(), "fields", {}, false);
  if (rules.empty()) ctx_.fail(e.mark(), "fields is empty (map at least one canonical field)");
  for (const Entry& r : rules) {
    const std::optional<Field> field = fieldByName(r.key);
    if (!field) {
      ctx_.fail(r.keyMark,
                fmt::format("unknown canonical field '{}'{}", r.key, nameHint(r.key, kFieldNames)));
    }
    impl_.rules.push_back(compileRule(*field, r));
  }
  finish();
}

Rule Loader::compileRule(Field field, const Entry& e) {
  Rule rule;
  rule.field = field;
  if (!e.value.IsDefined() || e.value.IsNull()) {
    ctx_.fail(e.keyMark, fmt::format("rule for '{}' is empty (write a source field, e.g. {}: "
                                     "column)",
                                     e.key, e.key));
  }
  if (e.value.IsScalar()) {  // short form: just the source field
    compileFrom(rule, e, nullptr);
    return rule;
  }
  const std::string what = fmt::format("rule for '{}'", e.key);
  if (!e.value.IsMap()) {
    ctx_.fail(e.mark(), fmt::format("{} must be a source field or a map with from/constant "
                                    "(e.g. {}: {{ from: column, transform: trim }})",
                                    what, e.key));
  }
  const std::vector<Entry> keys = entries(e.value, e.mark(), what, kRuleKeys);
  const Entry* from = find(keys, "from");
  const Entry* constant = find(keys, "constant");
  const Entry* join = find(keys, "join");
  const Entry* fallback = find(keys, "fallback");
  if (from != nullptr && constant != nullptr) {
    ctx_.fail(constant->keyMark, fmt::format("{} has both 'from' and 'constant' (use one)", what));
  }
  if (from == nullptr && constant == nullptr) {
    ctx_.fail(e.mark(), fmt::format("{} needs 'from' (a source field) or 'constant'", what));
  }
  if (constant != nullptr) {
    if (join != nullptr) ctx_.fail(join->keyMark, "'join' needs 'from' to be a list of fields");
    if (fallback != nullptr)
      ctx_.fail(fallback->keyMark, "'fallback' needs 'from', not 'constant'");
    rule.kind = Rule::Kind::kConstant;
    rule.text = ctx_.scalar(constant->value, constant->mark(), "constant");
    rule.label = "constant";
  } else {
    compileFrom(rule, *from, join);
  }
  if (fallback != nullptr) {
    if (rule.kind != Rule::Kind::kSlot) {
      ctx_.fail(fallback->keyMark, "'fallback' needs 'from' to be one field, not a list");
    }
    const std::string name = ctx_.scalar(fallback->value, fallback->mark(), "fallback");
    rule.fallbackSlot = slotFor(name, fallback->mark());
    rule.label += " (or " + name + ")";
  }
  if (const Entry* transform = find(keys, "transform")) compileChain(rule, *transform);
  return rule;
}

void Loader::compileFrom(Rule& rule, const Entry& from, const Entry* join) {
  if (from.value.IsSequence()) {
    rule.kind = Rule::Kind::kJoin;
    rule.text = join != nullptr ? ctx_.scalar(join->value, join->mark(), "join") : " ";
    for (const YAML::Node& item : from.value) {
      const std::string name = ctx_.scalar(item, item.Mark(), "each 'from' entry");
      rule.slots.push_back(slotFor(name, item.Mark()));
      if (!rule.label.empty()) rule.label += '+';
      rule.label += name;
    }
    if (rule.slots.empty()) ctx_.fail(from.mark(), "'from' list is empty (name source fields)");
    return;
  }
  if (join != nullptr) {
    ctx_.fail(join->keyMark, "'join' needs 'from' to be a list of fields (from: [a, b])");
  }
  const std::string name = ctx_.scalar(from.value, from.mark(), "'from' (a source field)");
  rule.kind = Rule::Kind::kSlot;
  rule.slot = slotFor(name, from.mark());
  rule.label = name;
}

void Loader::compileChain(Rule& rule, const Entry& transform) {
  const YAML::Node& node = transform.value;
  if (node.IsSequence()) {
    if (node.size() == 0) ctx_.fail(transform.mark(), "transform list is empty (remove it)");
    for (std::size_t i = 0; i < node.size(); ++i) compileStep(rule, node[i], i + 1 == node.size());
  } else if (node.IsScalar() || node.IsMap()) {
    compileStep(rule, node, true);
  } else {
    ctx_.fail(transform.mark(), fmt::format("transform must be a name, {{name: argument}} or a "
                                            "list of these (valid: {})",
                                            fmt::join(transformNames(), ", ")));
  }
}

void Loader::compileStep(Rule& rule, const YAML::Node& item, bool last) {
  const std::vector<std::string_view> names = transformNames();
  const TransformDef* def = nullptr;
  YAML::Mark mark = item.Mark();
  YAML::Node arg;
  if (item.IsScalar()) {
    const std::string name = item.Scalar();
    def = findTransform(name);
    if (def == nullptr) {
      ctx_.fail(mark, fmt::format("unknown transform '{}'{}", name, nameHint(name, names)));
    }
    if (def->takesArgument) {
      ctx_.fail(mark, fmt::format("transform '{}' needs an argument: {}", name, def->summary));
    }
  } else if (item.IsMap()) {
    const std::vector<Entry> keys = entries(item, mark, "transform", {}, false);
    if (keys.empty()) ctx_.fail(mark, "empty transform map (write {name: argument})");
    const Entry* named = nullptr;
    for (const Entry& k : keys) {
      if (findTransform(k.key) == nullptr) continue;
      if (named != nullptr) {
        ctx_.fail(k.keyMark, fmt::format("two transforms '{}' and '{}' in one map (write a list "
                                         "for a chain: [a, b])",
                                         named->key, k.key));
      }
      named = &k;
    }
    if (named == nullptr) {
      ctx_.fail(keys.front().keyMark, fmt::format("unknown transform '{}'{}", keys.front().key,
                                                  nameHint(keys.front().key, names)));
    }
    def = findTransform(named->key);
    if (!def->takesArgument) {
      ctx_.fail(named->keyMark, fmt::format("transform '{}' takes no argument (write it as a "
                                            "plain name: {})",
                                            def->name, def->name));
    }
    for (const Entry& k : keys) {
      if (&k == named) continue;
      if (std::find(def->options.begin(), def->options.end(), k.key) == def->options.end()) {
        ctx_.fail(k.keyMark,
                  fmt::format("unknown option '{}' for transform '{}'{}", k.key, def->name,
                              def->options.empty() ? std::string(" (it takes none)")
                                                   : nameHint(k.key, def->options)));
      }
    }
    mark = named->mark();
    arg = named->value;
  } else {
    ctx_.fail(mark, fmt::format("a transform must be a name or {{name: argument}} (valid: {})",
                                fmt::join(names, ", ")));
  }

  if (def->run == nullptr) {  // split_name
    if (rule.field != Field::kNama) {
      ctx_.fail(mark, fmt::format("split_name only applies to the 'nama' field, not '{}' (it fills "
                                  "nama, gelar_depan and gelar_belakang)",
                                  fieldName(rule.field)));
    }
    if (!last) ctx_.fail(mark, "split_name must be the last transform of the chain");
    rule.splitName = true;
    return;
  }
  Step step;
  step.run = def->run;
  if (def->compile != nullptr) def->compile(arg, item, mark, ctx_, step);
  rule.steps.push_back(std::move(step));
}

std::size_t Loader::slotFor(const std::string& name, const YAML::Mark& mark) {
  if (name.empty()) ctx_.fail(mark, "empty source field name");
  if (impl_.format == SourceFormat::kCsv && !impl_.csv.header && !isColumnNumber(name)) {
    ctx_.fail(mark, fmt::format("source field '{}' must be a 1-based column number because the "
                                "csv has no header (header: false)",
                                name));
  }
  const auto it = std::find(impl_.inputs.begin(), impl_.inputs.end(), name);
  if (it != impl_.inputs.end()) return static_cast<std::size_t>(it - impl_.inputs.begin());
  impl_.inputs.push_back(name);
  return impl_.inputs.size() - 1;
}

void Loader::finish() {
  std::array<bool, kFieldCount> explicitRule{};
  for (const Rule& r : impl_.rules) explicitRule[index(r.field)] = true;
  for (Rule& r : impl_.rules) {
    if (r.splitName) r.label += " (split_name)";
    impl_.mapped.push_back(r.field);
    impl_.sourceOf[index(r.field)] = r.label;
    if (!r.splitName) continue;
    r.splitGelarDepan = !explicitRule[index(Field::kGelarDepan)];
    r.splitGelarBelakang = !explicitRule[index(Field::kGelarBelakang)];
    if (r.splitGelarDepan) impl_.conditionalFields.push_back(Field::kGelarDepan);
    if (r.splitGelarBelakang) impl_.conditionalFields.push_back(Field::kGelarBelakang);
    for (const Field extra : {Field::kGelarDepan, Field::kGelarBelakang}) {
      if (explicitRule[index(extra)]) continue;
      impl_.mapped.push_back(extra);
      impl_.sourceOf[index(extra)] = r.label;
    }
  }
}

}  // namespace

std::optional<std::string_view> InlineTable::find(std::string_view text) const {
  const auto it = std::lower_bound(
      entries.begin(), entries.end(), text,
      [](const std::pair<std::string, std::string>& e, std::string_view t) { return e.first < t; });
  if (it == entries.end() || it->first != text) return std::nullopt;
  return std::string_view(it->second);
}

void LoadContext::fail(const YAML::Mark& mark, std::string_view what) const {
  const int line = mark.line < 0 ? 1 : mark.line + 1;
  const int column = mark.column < 0 ? 1 : mark.column + 1;
  throw MappingLoadError{Error::invalid(fmt::format("{}:{}:{}: {}", origin_, line, column, what))};
}

std::string LoadContext::scalar(const YAML::Node& node, const YAML::Mark& mark,
                                std::string_view what) const {
  if (!node.IsScalar()) {
    fail(mark, fmt::format("{} must be text{}", what,
                           node.IsNull() ? " (it is empty; quote \"\" for an empty text)" : ""));
  }
  return node.Scalar();
}

std::string nameHint(std::string_view got, std::span<const std::string_view> valid) {
  const auto distance = [](std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      std::size_t diagonal = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j) {
        const std::size_t up = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
        diagonal = up;
      }
    }
    return row[b.size()];
  };
  std::size_t best = SIZE_MAX;
  std::string_view closest;
  for (const std::string_view v : valid) {
    const std::size_t d = distance(got, v);
    if (d < best) best = d, closest = v;
  }
  const std::size_t limit = std::clamp<std::size_t>(got.size() / 3, 1, 3);
  if (best <= limit) return fmt::format(" (did you mean '{}'?)", closest);
  return fmt::format(" (valid: {})", fmt::join(valid, ", "));
}

Result<std::unique_ptr<MappingImpl>> loadMappingImpl(std::string_view yaml,
                                                     std::string_view origin) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    return Error::parse(
        fmt::format("{}:{}:{}: YAML syntax error: {} (check indentation, "
                    "quotes and brackets near this place)",
                    origin, e.mark.line + 1, e.mark.column + 1, e.msg));
  }
  auto impl = std::make_unique<MappingImpl>();
  impl->origin = std::string(origin);
  try {
    Loader(impl->origin, *impl).run(root);
  } catch (const MappingLoadError& e) {
    return e.error;
  } catch (const YAML::Exception& e) {
    return Error::invalid(
        fmt::format("{}:{}:{}: {}", origin, e.mark.line + 1, e.mark.column + 1, e.msg));
  }
  return impl;
}

}  // namespace sinkron::mappings
