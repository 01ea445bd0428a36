#include "sinkron/daemon/csv_writer.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

#include "sinkron/fixed_format.hpp"

namespace sinkron::daemon {

namespace {
constexpr std::size_t kFlushAt = 1 << 20;
}  // namespace

Result<CsvWriter> CsvWriter::create(const std::filesystem::path& path) {
  CsvWriter w;
  w.path_ = path.string();
  w.file_.reset(std::fopen(w.path_.c_str(), "wb"));
  if (!w.file_) return Error::io("cannot create " + w.path_ + ": " + std::strerror(errno));
  w.grow(kFlushAt + (64 << 10));
  return w;
}

char* CsvWriter::grow(std::size_t n) {
  const std::size_t capacity = std::max(capacity_ * 2, size_ + n);
  std::unique_ptr<char[]> bigger(new char[capacity]);
  if (size_ != 0) std::memcpy(bigger.get(), buf_.get(), size_);
  buf_ = std::move(bigger);
  capacity_ = capacity;
  return buf_.get() + size_;
}

CsvWriter& CsvWriter::field(std::string_view v) {
  char* p = room(2 * v.size() + 3);  // a comma, quotes and every byte doubled at most
  if (!first_) *p++ = ',';
  first_ = false;
  bool plain = true;
  for (char c : v)  // find_first_of would call memchr once per character
    if (c == ',' || c == '"' || c == '\r' || c == '\n') {
      plain = false;
      break;
    }
  if (plain) {
    if (!v.empty()) std::memcpy(p, v.data(), v.size());
    p += v.size();
  } else {
    *p++ = '"';
    for (char c : v) {
      if (c == '"') *p++ = '"';
      *p++ = c;
    }
    *p++ = '"';
  }
  size_ = static_cast<std::size_t>(p - buf_.get());
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
  *room(1) = '\n';
  ++size_;
  first_ = true;
  flushIfFull();
}

void CsvWriter::row(std::initializer_list<std::string_view> fields) {
  for (auto f : fields) field(f);
  endRow();
}

void CsvWriter::raw(std::string_view bytes) {
  if (!bytes.empty()) std::memcpy(room(bytes.size()), bytes.data(), bytes.size());
  size_ += bytes.size();
  flushIfFull();
}

void CsvWriter::flushIfFull() {
  if (size_ < kFlushAt || !file_) return;
  if (std::fwrite(buf_.get(), 1, size_, file_.get()) != size_) failed_ = true;
  size_ = 0;
}

Status CsvWriter::close() {
  if (!file_) return {};
  if (size_ != 0 && std::fwrite(buf_.get(), 1, size_, file_.get()) != size_) failed_ = true;
  size_ = 0;
  if (std::fclose(file_.release()) != 0) failed_ = true;
  if (failed_) return Error::io("writing " + path_ + " failed: " + std::strerror(errno));
  return {};
}

}  // namespace sinkron::daemon
