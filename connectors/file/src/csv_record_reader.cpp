#include "csv_record_reader.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace sinkron::connectors {
namespace {
bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}
std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
}  // namespace

Result<std::unique_ptr<RecordReader>> CsvRecordReader::open(const std::filesystem::path& file,
                                                            const mappings::Mapping& mapping) {
  const auto& opts = mapping.csv();
  auto parser = CsvParser::open(file, opts.delimiter, opts.quote);
  if (!parser) return parser.error();
  std::unique_ptr<CsvRecordReader> r(new CsvRecordReader(std::move(*parser)));
  const auto& wanted = mapping.inputFields();
  r->columnOf_.resize(wanted.size());
  r->slots_.resize(wanted.size());

  if (opts.header) {
    std::vector<std::string_view> header;
    for (;;) {
      auto row = r->parser_.nextRow(header);
      if (!row) return row.error();
      if (!*row) return Error::parse(file.string() + ": empty file, expected a header line");
      if (!(header.size() == 1 && trimmed(header[0]).empty())) break;
    }
    r->columns_ = header.size();
    for (std::size_t s = 0; s < wanted.size(); ++s) {
      auto it = std::find_if(header.begin(), header.end(), [&](std::string_view h) {
        return equalsIgnoreCase(trimmed(h), wanted[s]);
      });
      if (it == header.end()) {
        std::string found;
        for (auto h : header) found += (found.empty() ? "" : ", ") + std::string(trimmed(h));
        return Error::notFound(file.string() + ":" + std::to_string(r->parser_.rowLine()) +
                               ": column '" + wanted[s] + "' named by mapping " + mapping.origin() +
                               " is not in the header (found: " + found + "; delimiter '" +
                               std::string(1, r->parser_.delimiter()) + "')");
      }
      r->columnOf_[s] = static_cast<std::size_t>(it - header.begin());
    }
  } else {
    for (std::size_t s = 0; s < wanted.size(); ++s) {
      char* end = nullptr;
      long n = std::strtol(wanted[s].c_str(), &end, 10);
      if (*end != '\0' || n < 1)
        return Error::invalid(mapping.origin() + ": without a CSV header, fields are named by " +
                              "1-based column number, got '" + wanted[s] + "'");
      r->columnOf_[s] = static_cast<std::size_t>(n - 1);
    }
  }
  return std::unique_ptr<RecordReader>(std::move(r));
}

Result<bool> CsvRecordReader::next(RawRecord& out, std::vector<RowError>& errors) {
  for (;;) {
    auto row = parser_.nextRow(fields_);
    if (!row) {
      errors.push_back({parser_.rowLine(), row.error().message});
      continue;
    }
    if (!*row) return false;
    if (fields_.size() == 1 && trimmed(fields_[0]).empty()) continue;  // blank line
    if (columns_ == 0) columns_ = fields_.size();
    if (fields_.size() != columns_) {
      errors.push_back({parser_.rowLine(), parser_.path() + ":" +
                                               std::to_string(parser_.rowLine()) + ": expected " +
                                               std::to_string(columns_) + " columns, found " +
                                               std::to_string(fields_.size())});
      continue;
    }
    for (std::size_t s = 0; s < columnOf_.size(); ++s) {
      std::size_t c = columnOf_[s];
      slots_[s] = c < fields_.size() ? fields_[c] : std::string_view{};
    }
    out.line = parser_.rowLine();
    out.row = ++row_;
    out.slots = slots_;
    out.text = parser_.rowText();
    return true;
  }
}

}  // namespace sinkron::connectors
