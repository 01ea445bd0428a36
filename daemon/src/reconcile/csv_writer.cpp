#include "sinkron/daemon/csv_writer.hpp"

#include <cerrno>
#include <charconv>
#include <cstring>

#include "sinkron/fixed_format.hpp"

namespace sinkron::daemon {

Result<CsvWriter> CsvWriter::create(const std::filesystem::path& path) {
  CsvWriter w;
  w.path_ = path.string();
  w.file_.reset(std::fopen(w.path_.c_str(), "wb"));
  if (!w.file_) return Error::io("cannot create " + w.path_ + ": " + std::strerror(errno));
  w.buf_.reserve(1 << 20);
  return w;
}

CsvWriter& CsvWriter::field(std::string_view v) {
  if (!first_) buf_.push_back(',');
  first_ = false;
  bool plain = true;
  for (char c : v)  // find_first_of would call memchr once per character
    if (c == ',' || c == '"' || c == '\r' || c == '\n') {
      plain = false;
      break;
    }
  if (plain) {
    buf_.append(v);
    return *this;
  }
  buf_.push_back('"');
  for (char c : v) {
    if (c == '"') buf_.push_back('"');
    buf_.push_back(c);
  }
  buf_.push_back('"');
  return *this;
}

CsvWriter& CsvWriter::field(double v, int decimals) {
  char tmp[64];
  char* end = formatFixed(tmp, tmp + sizeof tmp, v, decimals);
  return field(std::string_view(tmp, static_cast<std::size_t>(end - tmp)));
}

CsvWriter& CsvWriter::field(std::uint64_t v) {
  char tmp[24];
  auto res = std::to_chars(tmp, tmp + sizeof tmp, v);
  return field(std::string_view(tmp, static_cast<std::size_t>(res.ptr - tmp)));
}

void CsvWriter::endRow() {
  buf_.push_back('\n');
  first_ = true;
  flushIfFull();
}

void CsvWriter::row(std::initializer_list<std::string_view> fields) {
  for (auto f : fields) field(f);
  endRow();
}

void CsvWriter::raw(std::string_view bytes) {
  buf_.append(bytes);
  flushIfFull();
}

void CsvWriter::flushIfFull() {
  if (buf_.size() < (1 << 20) || !file_) return;
  if (std::fwrite(buf_.data(), 1, buf_.size(), file_.get()) != buf_.size()) failed_ = true;
  buf_.clear();
}

Status CsvWriter::close() {
  if (!file_) return {};
  if (!buf_.empty() && std::fwrite(buf_.data(), 1, buf_.size(), file_.get()) != buf_.size())
    failed_ = true;
  buf_.clear();
  if (std::fclose(file_.release()) != 0) failed_ = true;
  if (failed_) return Error::io("writing " + path_ + " failed: " + std::strerror(errno));
  return {};
}

}  // namespace sinkron::daemon
