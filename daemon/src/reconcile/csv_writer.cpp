#include "sinkron/daemon/csv_writer.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
  // Zeroed once, so that the block reads of needsQuotes never see uninitialized bytes.
  std::unique_ptr<char[]> bigger(new char[capacity]());
  if (size_ != 0) std::memcpy(bigger.get(), buf_.get(), size_);
  buf_ = std::move(bigger);
  capacity_ = capacity;
  return buf_.get() + size_;
}

namespace {

// Whether the n bytes at p hold the delimiter, a quote or a line break. Reads whole 16-byte
// blocks: the caller guarantees 15 readable bytes after p + n.
bool needsQuotes(const char* p, std::size_t n) {
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"');
  const __m128i cr = _mm_set1_epi8('\r'), lf = _mm_set1_epi8('\n');
  for (std::size_t i = 0; i < n; i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i hit =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, comma), _mm_cmpeq_epi8(x, quote)),
                     _mm_or_si128(_mm_cmpeq_epi8(x, cr), _mm_cmpeq_epi8(x, lf)));
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
    if (n - i < 16) mask &= (1u << (n - i)) - 1;
    if (mask != 0) return true;
  }
  return false;
#else
  for (std::size_t i = 0; i < n; ++i)
    if (p[i] == ',' || p[i] == '"' || p[i] == '\r' || p[i] == '\n') return true;
  return false;
#endif
}

}  // namespace

CsvWriter& CsvWriter::field(std::string_view v) {
  // Room for a comma, quotes and every byte doubled, plus what needsQuotes may over-read.
  char* p = room(2 * v.size() + 3 + 16);
  if (!first_) *p++ = ',';
  first_ = false;
  // Copy first, then look at the copy: one pass over the source, whole blocks in the buffer.
  if (!v.empty()) std::memcpy(p, v.data(), v.size());
  if (!needsQuotes(p, v.size())) {
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

Status CsvWriter::appendFile(const std::filesystem::path& from) {
  const FileHandle in(std::fopen(from.string().c_str(), "rb"));
  if (!in) return Error::io("cannot reopen " + from.string() + ": " + std::strerror(errno));
  if (!file_) return Error::io("appending to " + path_ + " after it was closed");
  if (size_ != 0 && std::fwrite(buf_.get(), 1, size_, file_.get()) != size_) failed_ = true;
  size_ = 0;
  if (std::fflush(file_.get()) != 0) failed_ = true;
  const int src = fileno(in.get()), dst = fileno(file_.get());
  bool copied = false;
  for (;;) {
    const ssize_t n = copy_file_range(src, nullptr, dst, nullptr, std::size_t{1} << 30, 0);
    if (n > 0) {
      copied = true;
      continue;
    }
    if (n == 0) break;
    // Not supported here (another file system, an old kernel): copy through user space,
    // from where the kernel copy stopped.
    if (!copied && (errno == EXDEV || errno == ENOSYS || errno == EINVAL || errno == EOPNOTSUPP)) {
      std::string chunk(1 << 20, '\0');
      ssize_t got;
      while ((got = read(src, chunk.data(), chunk.size())) > 0)
        if (std::fwrite(chunk.data(), 1, static_cast<std::size_t>(got), file_.get()) !=
            static_cast<std::size_t>(got))
          failed_ = true;
      if (got < 0) failed_ = true;
      break;
    }
    failed_ = true;
    break;
  }
  // The stream's idea of the position must follow the bytes the kernel wrote.
  if (std::fflush(file_.get()) != 0 || std::fseek(file_.get(), 0, SEEK_END) != 0) failed_ = true;
  if (failed_)
    return Error::io("appending " + from.string() + " to " + path_ +
                     " failed: " + std::strerror(errno));
  return {};
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
