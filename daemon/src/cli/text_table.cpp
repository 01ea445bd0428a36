#include "text_table.hpp"

#include <algorithm>

namespace sinkron::daemon::cli {

std::size_t displayWidth(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

TextTable::TextTable(std::vector<std::string> headings)
    : headings_(std::move(headings)), right_(headings_.size(), false) {}

TextTable& TextTable::alignRight(std::size_t column) {
  if (column < right_.size()) right_[column] = true;
  return *this;
}

void TextTable::add(std::vector<std::string> row) {
  row.resize(headings_.size());
  rows_.push_back(std::move(row));
}

std::string TextTable::render() const {
  std::vector<std::size_t> width(headings_.size(), 0);
  for (std::size_t i = 0; i < headings_.size(); ++i) width[i] = displayWidth(headings_[i]);
  for (const auto& r : rows_)
    for (std::size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], displayWidth(r[i]));
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    std::string l;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const std::size_t pad = width[i] - displayWidth(cells[i]);
      const bool last = i + 1 == cells.size();
      if (i) l += "  ";
      if (right_[i]) l.append(pad, ' ');
      l += cells[i];
      if (!right_[i] && !last) l.append(pad, ' ');
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l + "\n";
  };
  line(headings_);
  for (const auto& r : rows_) line(r);
  return out;
}

void TextTable::print(std::FILE* out) const {
  const std::string s = render();
  std::fwrite(s.data(), 1, s.size(), out);
}

}  // namespace sinkron::daemon::cli
