#include "sinkron/connectors/csv_parser.hpp"

#include <cerrno>
#include <cstring>
#include <string>

namespace sinkron::connectors {
namespace {
constexpr std::size_t kBlock = 1 << 20;
constexpr std::size_t kMaxRowBytes = 64 << 20;

char detectDelimiter(std::string_view firstLine, char quote) {
  const char candidates[] = {',', ';', '|', '\t'};
  std::size_t counts[4] = {0, 0, 0, 0};
  bool inQuotes = false;
  for (char c : firstLine) {
    if (c == quote) inQuotes = !inQuotes;
    if (inQuotes) continue;
    for (int i = 0; i < 4; ++i)
      if (c == candidates[i]) ++counts[i];
  }
  int best = 0;
  for (int i = 1; i < 4; ++i)
    if (counts[i] > counts[best]) best = i;
  return candidates[best];
}
}  // namespace

Result<CsvParser> CsvParser::open(const std::filesystem::path& file, char delimiter, char quote) {
  CsvParser p;
  p.path_ = file.string();
  p.file_.reset(std::fopen(p.path_.c_str(), "rb"));
  if (!p.file_) return Error::notFound("cannot open " + p.path_ + ": " + std::strerror(errno));
  p.quote_ = quote;
  p.buf_.resize(kBlock);
  p.fill();
  if (p.end_ - p.begin_ >= 3 && std::memcmp(p.buf_.data() + p.begin_, "\xEF\xBB\xBF", 3) == 0) {
    p.begin_ += 3;
    p.consumed_ += 3;
  }
  if (delimiter == 0) {
    std::string_view rest(p.buf_.data() + p.begin_, p.end_ - p.begin_);
    p.delimiter_ = detectDelimiter(rest.substr(0, rest.find('\n')), quote);
  } else {
    p.delimiter_ = delimiter;
  }
  return p;
}

bool CsvParser::fill() {
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buf_.size()) {
    if (buf_.size() >= kMaxRowBytes) return false;
    buf_.resize(buf_.size() * 2);
  }
  std::size_t n = std::fread(buf_.data() + end_, 1, buf_.size() - end_, file_.get());
  end_ += n;
  if (n == 0) eof_ = true;
  return n > 0;
}

Result<bool> CsvParser::nextRow(std::vector<std::string_view>& fields) {
  fields.clear();
  for (;;) {
    // Find the end of the row: the first newline outside quotes.
    char* data = buf_.data();
    std::size_t pos = begin_;
    bool inQuotes = false;
    bool sawQuote = false;
    std::size_t rowEnd = std::string::npos;
    std::size_t newlines = 0;
    std::size_t closedAt = std::string::npos;  // just past the last closing quote
    while (pos < end_) {
      if (!inQuotes) {
        const char* nl = static_cast<const char*>(std::memchr(data + pos, '\n', end_ - pos));
        std::size_t stop = nl ? static_cast<std::size_t>(nl - data) : end_;
        const char* q = static_cast<const char*>(std::memchr(data + pos, quote_, stop - pos));
        if (!q) {
          if (nl) rowEnd = stop;
          pos = stop;
          break;
        }
        std::size_t at = static_cast<std::size_t>(q - data);
        pos = at + 1;
        // Only a quote at the start of a field opens a quoted field; a stray quote inside an
        // unquoted field ("Siti "Anis" Aminah") is text, and must not swallow the next rows.
        // (A quote right after a closing quote is the second half of a "" escape.)
        if (at != begin_ && data[at - 1] != delimiter_ && at != closedAt) continue;
        sawQuote = true;
        inQuotes = true;
      } else {
        const char* q = static_cast<const char*>(std::memchr(data + pos, quote_, end_ - pos));
        std::size_t stop = q ? static_cast<std::size_t>(q - data) : end_;
        for (std::size_t i = pos; i < stop; ++i) newlines += data[i] == '\n';
        if (!q) {
          pos = end_;
          break;
        }
        inQuotes = false;
        pos = stop + 1;
        closedAt = pos;
      }
    }
    if (rowEnd == std::string::npos) {
      if (!eof_ && fill()) continue;
      if (begin_ >= end_) return false;  // clean end of input
      if (inQuotes) {
        // Unterminated quote: report it and resynchronise at the line after the row start.
        rowLine_ = line_;
        std::string_view rest(buf_.data() + begin_, end_ - begin_);
        auto nl = rest.find('\n');
        std::size_t skip = nl == std::string_view::npos ? rest.size() : nl + 1;
        begin_ += skip;
        consumed_ += skip;
        line_ += 1;
        return Error::parse(path_ + ":" + std::to_string(rowLine_) + ": unterminated quoted field");
      }
      rowEnd = end_;  // last row without a trailing newline
    }

    rowLine_ = line_;
    line_ += newlines + 1;
    std::size_t next = rowEnd < end_ ? rowEnd + 1 : rowEnd;
    std::size_t stop = rowEnd;
    if (stop > begin_ && data[stop - 1] == '\r') --stop;
    consumed_ += next - begin_;
    std::size_t start = begin_;
    begin_ = next;
    rowText_ = std::string_view(data + start, stop - start);

    if (!sawQuote) {
      std::size_t f = start;
      for (;;) {
        const char* d = static_cast<const char*>(std::memchr(data + f, delimiter_, stop - f));
        if (!d) {
          fields.emplace_back(data + f, stop - f);
          break;
        }
        std::size_t at = static_cast<std::size_t>(d - data);
        fields.emplace_back(data + f, at - f);
        f = at + 1;
      }
      return true;
    }

    // Quoted row: unescape in place (the unescaped text is never longer than the raw text).
    std::size_t i = start;
    for (;;) {
      if (i < stop && data[i] == quote_) {
        std::size_t out = i + 1, rd = i + 1, fieldStart = i + 1;
        bool closed = false;
        while (rd < stop) {
          if (data[rd] == quote_) {
            if (rd + 1 < stop && data[rd + 1] == quote_) {
              data[out++] = quote_;
              rd += 2;
              continue;
            }
            closed = true;
            ++rd;
            break;
          }
          data[out++] = data[rd++];
        }
        if (!closed || (rd < stop && data[rd] != delimiter_)) {
          fields.clear();
          return Error::parse(path_ + ":" + std::to_string(rowLine_) +
                              ": text after the closing quote of field " +
                              std::to_string(fields.size() + 1));
        }
        fields.emplace_back(data + fieldStart, out - fieldStart);
        if (rd >= stop) break;
        i = rd + 1;
        if (i == stop) {
          fields.emplace_back();
          break;
        }
      } else {
        std::size_t f = i;
        while (f < stop && data[f] != delimiter_) ++f;
        fields.emplace_back(data + i, f - i);
        if (f >= stop) break;
        i = f + 1;
        if (i == stop) {
          fields.emplace_back();
          break;
        }
      }
    }
    return true;
  }
}

}  // namespace sinkron::connectors
