#include "report_inputs.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <system_error>

#include "text_format.hpp"

namespace sinkron::report {
namespace {

namespace fs = std::filesystem;

std::uint64_t lineOfOffset(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<std::uint64_t>(std::count(text.begin(), text.begin() + offset, '\n'));
}

Result<std::uint64_t> countOf(const rapidjson::Value& v, const std::string& where) {
  if (v.IsUint64()) return v.GetUint64();
  if (v.IsNumber() && v.GetDouble() >= 0) return static_cast<std::uint64_t>(v.GetDouble());
  return Error::parse(where + ": expected a non-negative number");
}

Result<SourceInfo> readSource(const rapidjson::Value& root, const char* side,
                              const std::string& file) {
  auto it = root.FindMember(side);
  if (it == root.MemberEnd() || !it->value.IsObject())
    return Error::parse(file + ": missing object \"" + side + "\" (the source summary)");
  SourceInfo info;
  const auto& obj = it->value;
  const std::string where = file + ": " + side;
  if (auto m = obj.FindMember("name"); m != obj.MemberEnd() && m->value.IsString())
    info.name = m->value.GetString();
  else
    info.name = side;
  if (auto m = obj.FindMember("file"); m != obj.MemberEnd() && m->value.IsString())
    info.file = m->value.GetString();
  if (auto m = obj.FindMember("records"); m != obj.MemberEnd()) {
    auto n = countOf(m->value, where + ".records");
    if (!n) return n.error();
    info.records = *n;
  }
  if (auto m = obj.FindMember("bad_rows"); m != obj.MemberEnd()) {
    auto n = countOf(m->value, where + ".bad_rows");
    if (!n) return n.error();
    info.badRows = *n;
  }
  return info;
}

// An optional {"name": count} object, largest count first (ties by name).
Result<Counts> readCounts(const rapidjson::Value& root, const char* key, const std::string& file,
                          bool sortByCount) {
  Counts out;
  auto it = root.FindMember(key);
  if (it == root.MemberEnd() || it->value.IsNull()) return out;
  if (!it->value.IsObject()) return Error::parse(file + ": \"" + key + "\" must be an object");
  for (const auto& m : it->value.GetObject()) {
    std::string name(m.name.GetString(), m.name.GetStringLength());
    auto n = countOf(m.value, file + ": " + key + "." + name);
    if (!n) return n.error();
    out.emplace_back(std::move(name), *n);
  }
  if (sortByCount) {
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
  }
  return out;
}

std::string optionalString(const rapidjson::Value& root, const char* key) {
  auto it = root.FindMember(key);
  return it != root.MemberEnd() && it->value.IsString() ? it->value.GetString() : std::string();
}

}  // namespace

std::uint64_t Summary::situation(std::string_view name) const {
  for (const auto& [k, n] : situations)
    if (k == name) return n;
  return 0;
}

std::uint64_t Summary::persons() const {
  std::uint64_t total = 0;
  for (const auto& s : situations) total += s.second;
  return total;
}

std::string_view Summary::description(std::string_view code) const {
  auto it = anomalyDescriptions.find(code);
  return it == anomalyDescriptions.end() ? std::string_view() : std::string_view(it->second);
}

Result<Summary> readSummary(const fs::path& dir) {
  const fs::path path = dir / "summary.json";
  const std::string file = path.string();
  std::error_code ec;
  if (!fs::exists(path, ec))
    return Error::notFound(file +
                           ": not found (the reconcile job writes it; run `sinkron reconcile` "
                           "with this folder as output first)");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::io(file + ": cannot open for reading");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();

  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  if (doc.HasParseError()) {
    return Error::parse(file + ":" + std::to_string(lineOfOffset(text, doc.GetErrorOffset())) +
                        ": invalid JSON: " + rapidjson::GetParseError_En(doc.GetParseError()));
  }
  if (!doc.IsObject()) return Error::parse(file + ": expected a JSON object at the top");

  Summary s;
  auto left = readSource(doc, "left", file);
  if (!left) return left.error();
  auto right = readSource(doc, "right", file);
  if (!right) return right.error();
  s.left = std::move(*left);
  s.right = std::move(*right);

  auto situations = readCounts(doc, "situations", file, false);
  if (!situations) return situations.error();
  for (std::string_view known : kSituations) {
    auto it = std::find_if(situations->begin(), situations->end(),
                           [&](const auto& p) { return p.first == known; });
    s.situations.emplace_back(std::string(known), it == situations->end() ? 0 : it->second);
  }
  for (auto& p : *situations)  // situations a newer job may add
    if (std::find(kSituations.begin(), kSituations.end(), p.first) == kSituations.end())
      s.situations.push_back(std::move(p));

  auto diffs = readCounts(doc, "differences_by_field", file, true);
  if (!diffs) return diffs.error();
  s.differencesByField = std::move(*diffs);
  auto anomalies = readCounts(doc, "anomalies_by_code", file, true);
  if (!anomalies) return anomalies.error();
  s.anomaliesByCode = std::move(*anomalies);

  if (auto it = doc.FindMember("anomaly_descriptions");
      it != doc.MemberEnd() && it->value.IsObject()) {
    for (const auto& m : it->value.GetObject())
      if (m.value.IsString())
        s.anomalyDescriptions.emplace(m.name.GetString(), m.value.GetString());
  }
  s.generatedAt = optionalString(doc, "generated_at");
  s.asOf = optionalString(doc, "as_of");
  if (auto it = doc.FindMember("thresholds"); it != doc.MemberEnd() && it->value.IsObject()) {
    for (const auto& m : it->value.GetObject())
      if (m.value.IsNumber()) s.thresholds.emplace_back(m.name.GetString(), m.value.GetDouble());
  }
  return s;
}

Result<CsvTable> CsvTable::open(const fs::path& dir, std::string_view fileName,
                                std::initializer_list<std::string_view> columns) {
  const fs::path path = dir / fileName;
  std::string file = path.string();
  std::error_code ec;
  if (!fs::exists(path, ec))
    return Error::notFound(file +
                           ": not found (the reconcile job writes it; rerun `sinkron "
                           "reconcile` with this folder as output)");
  auto parser = connectors::CsvParser::open(path, ',');
  if (!parser) return parser.error();
  CsvTable table(std::move(*parser), std::move(file));

  auto header = table.parser_.nextRow(table.fields_);
  if (!header) return header.error();
  if (!*header) return Error::parse(table.path_ + ":1: empty file, expected a header line");
  table.width_ = table.fields_.size();
  for (std::string_view column : columns) {
    auto it = std::find(table.fields_.begin(), table.fields_.end(), column);
    if (it == table.fields_.end()) {
      return Error::parse(table.path_ + ":" + std::to_string(table.parser_.rowLine()) +
                          ": header has no column \"" + std::string(column) + "\"");
    }
    table.index_.push_back(static_cast<std::size_t>(it - table.fields_.begin()));
  }
  return table;
}

Result<bool> CsvTable::next() {
  for (;;) {
    auto more = parser_.nextRow(fields_);
    if (!more) return more.error();
    if (!*more) return false;
    if (fields_.size() == 1 && fields_[0].empty()) continue;
    if (fields_.size() != width_) {
      return Error::parse(path_ + ":" + std::to_string(parser_.rowLine()) + ": expected " +
                          std::to_string(width_) + " columns, found " +
                          std::to_string(fields_.size()));
    }
    ++rows_;
    return true;
  }
}

std::string CsvTable::fileName() const {
  return fs::path(path_).filename().string();
}

Status writeFileAtomically(const fs::path& target, std::string_view content) {
  fs::path tmp = target;
  tmp += ".tmp";
  std::FILE* f = std::fopen(tmp.string().c_str(), "wb");
  if (!f) return Error::io(tmp.string() + ": cannot open for writing");
  const bool written = std::fwrite(content.data(), 1, content.size(), f) == content.size();
  const bool closed = std::fclose(f) == 0;
  std::error_code ec;
  if (!written || !closed) {
    fs::remove(tmp, ec);
    return Error::io(tmp.string() + ": write failed (disk full?)");
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Error::io(target.string() + ": cannot replace: " + ec.message());
  }
  return {};
}

}  // namespace sinkron::report
