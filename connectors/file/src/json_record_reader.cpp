#include "json_record_reader.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <cerrno>
#include <cstring>

#include "flat_json_scanner.hpp"

namespace sinkron::connectors {
namespace {
constexpr std::size_t kBlock = 4 << 20;
constexpr std::size_t kMaxRecordBytes = 64 << 20;

// SAX handler: tracks the key path, unwraps {"<root>":{...}}, stores wanted scalar values.
class SlotHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, SlotHandler> {
 public:
  SlotHandler(const JsonFieldIndex& index, std::string_view root,
              std::vector<std::string_view>& slots)
      : index_(index), root_(root), slots_(slots) {}

  bool StartObject() {
    ++depth_;
    if (depth_ == 2 && pendingKey_ == root_ && !unwrapped_) {
      unwrapped_ = true;
      base_ = 2;
      path_.clear();
      return true;
    }
    if (depth_ > 1) pushPath();
    return true;
  }
  bool EndObject(rapidjson::SizeType) {
    if (depth_ > base_) popPath();
    if (depth_ == base_ && base_ == 2) base_ = 1;
    --depth_;
    return true;
  }
  bool StartArray() {
    ++arrays_;
    return true;
  }
  bool EndArray(rapidjson::SizeType) {
    --arrays_;
    return true;
  }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    pendingKey_ = std::string_view(s, n);
    return true;
  }
  bool String(const char* s, rapidjson::SizeType n, bool) { return scalar({s, n}); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) { return scalar({s, n}); }
  bool Bool(bool b) { return scalar(b ? "true" : "false"); }
  bool Null() { return scalar({}); }

 private:
  bool scalar(std::string_view value) {
    if (arrays_ > 0 || depth_ < base_) return true;
    int slot;
    if (path_.empty()) {
      slot = index_.find(pendingKey_);
    } else {
      std::size_t keep = path_.size();
      path_.push_back('.');
      path_.append(pendingKey_);
      slot = index_.find(path_);
      path_.resize(keep);
    }
    if (slot >= 0) slots_[static_cast<std::size_t>(slot)] = value;
    return true;
  }
  void pushPath() {
    if (depth_ - 1 <= base_ - 1) return;
    marks_.push_back(path_.size());
    if (!path_.empty()) path_.push_back('.');
    path_.append(pendingKey_);
  }
  void popPath() {
    if (marks_.empty()) return;
    path_.resize(marks_.back());
    marks_.pop_back();
  }

  const JsonFieldIndex& index_;
  std::string_view root_;
  std::vector<std::string_view>& slots_;
  std::string_view pendingKey_;
  std::string path_;
  std::vector<std::size_t> marks_;
  int depth_ = 0;
  int base_ = 1;  // depth whose keys are top-level fields
  int arrays_ = 0;
  bool unwrapped_ = false;
};

}  // namespace

Result<std::unique_ptr<RecordReader>> JsonRecordReader::open(const std::filesystem::path& file,
                                                             const mappings::Mapping& mapping) {
  std::unique_ptr<JsonRecordReader> r(new JsonRecordReader());
  r->path_ = file.string();
  r->file_.reset(std::fopen(r->path_.c_str(), "rb"));
  if (!r->file_) return Error::notFound("cannot open " + r->path_ + ": " + std::strerror(errno));
  r->root_ = mapping.json().root;
  r->index_ = std::make_unique<JsonFieldIndex>(mapping.inputFields());
  r->slots_.resize(mapping.inputFields().size());
  r->buf_.resize(kBlock + 1);
  r->fill();
  if (r->end_ - r->begin_ >= 3 && std::memcmp(r->buf_.data(), "\xEF\xBB\xBF", 3) == 0) {
    r->begin_ += 3;
    r->consumed_ += 3;
  }
  // The first non-blank byte tells a JSON array from JSON Lines.
  for (std::size_t i = r->begin_; i < r->end_; ++i) {
    char c = r->buf_[i];
    if (c == '\n') ++r->line_;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (c == '[') {
      r->array_ = true;
      r->consumed_ += i + 1 - r->begin_;
      r->begin_ = i + 1;
    } else {
      r->line_ = 1;
    }
    break;
  }
  return std::unique_ptr<RecordReader>(std::move(r));
}

bool JsonRecordReader::fill() {
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ + 1 >= buf_.size()) {
    if (buf_.size() > kMaxRecordBytes) return false;
    buf_.resize(buf_.size() * 2);
  }
  std::size_t n = std::fread(buf_.data() + end_, 1, buf_.size() - 1 - end_, file_.get());
  end_ += n;
  if (n == 0) eof_ = true;
  return n > 0;
}

JsonRecordReader::Scan JsonRecordReader::nextObject(std::size_t& start, std::size_t& end,
                                                    std::string& error) {
  for (;;) {
    char* d = buf_.data();
    std::size_t i = begin_;
    // Skip blanks (and, inside an array, the separators).
    while (i < end_) {
      char c = d[i];
      if (c == '\n') {
        ++line_;
      } else if (!(c == ' ' || c == '\t' || c == '\r' || (array_ && c == ','))) {
        break;
      }
      ++i;
    }
    consumed_ += i - begin_;
    begin_ = i;
    if (i == end_) {
      if (fill()) continue;
      if (array_ && !arrayClosed_) {
        error = "truncated JSON: the array is never closed";
        arrayClosed_ = true;
        return Scan::kError;
      }
      return Scan::kEnd;
    }
    if (array_ && d[i] == ']') {
      arrayClosed_ = true;
      consumed_ += end_ - begin_;
      begin_ = end_;
      return Scan::kEnd;
    }
    start = i;
    if (!array_) {
      // JSON Lines: the record is the line.
      const char* nl = static_cast<const char*>(std::memchr(d + i, '\n', end_ - i));
      if (!nl && !eof_ && fill()) continue;
      end = nl ? static_cast<std::size_t>(nl - d) : end_;
      return Scan::kObject;
    }
    // Array: find the matching brace, aware of strings.
    int depth = 0;
    bool inString = false;
    std::size_t j = i;
    for (; j < end_; ++j) {
      char c = d[j];
      if (inString) {
        if (c == '\\')
          ++j;
        else if (c == '"')
          inString = false;
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (--depth == 0) break;
      }
    }
    if (j >= end_) {
      if (!eof_ && fill()) continue;
      error = "truncated JSON: object is never closed";
      end = end_;
      return Scan::kError;
    }
    end = j + 1;
    return Scan::kObject;
  }
}

Result<bool> JsonRecordReader::next(RawRecord& out, std::vector<RowError>& errors) {
  for (;;) {
    std::size_t start = 0, end = 0;
    std::string scanError;
    std::uint64_t line = line_;
    Scan s = nextObject(start, end, scanError);
    line = line_;
    if (s == Scan::kEnd) return false;
    if (s == Scan::kError) {
      errors.push_back({line, path_ + ":" + std::to_string(line) + ": " + scanError});
      consumed_ += end_ - begin_;
      begin_ = end_;
      return false;
    }
    // Count the newlines inside a multi-line array element for the next record's line number.
    std::uint64_t inner = 0;
    if (array_)
      for (std::size_t k = start; k < end; ++k) inner += buf_[k] == '\n';
    for (auto& v : slots_) v = {};
    if (scanFlatJsonObject({buf_.data() + start, end - start}, root_, *index_, slots_)) {
      std::size_t next = end;
      if (!array_ && next < end_) ++next;  // the newline
      consumed_ += next - begin_;
      begin_ = next;
      line_ += inner + (array_ ? 0 : 1);
      out.line = line;
      out.row = ++row_;
      out.slots = slots_;
      out.text = std::string_view(buf_.data() + start, end - start);
      return true;
    }
    for (auto& v : slots_) v = {};
    char saved = buf_[end];
    buf_[end] = '\0';
    SlotHandler handler(*index_, root_, slots_);
    rapidjson::InsituStringStream stream(buf_.data() + start);
    rapidjson::Reader reader;
    constexpr unsigned kFlags = rapidjson::kParseInsituFlag |
                                rapidjson::kParseNumbersAsStringsFlag |
                                rapidjson::kParseStopWhenDoneFlag;
    auto ok = reader.Parse<kFlags>(stream, handler);
    buf_[end] = saved;  // the byte after the object belongs to what comes next
    std::size_t next = end;
    if (!array_ && next < end_) ++next;  // the newline
    consumed_ += next - begin_;
    begin_ = next;
    line_ += inner + (array_ ? 0 : 1);
    if (ok.IsError()) {
      errors.push_back({line, path_ + ":" + std::to_string(line) + ": malformed JSON at byte " +
                                  std::to_string(ok.Offset() + 1) + ": " +
                                  rapidjson::GetParseError_En(ok.Code())});
      continue;
    }
    if (buf_[start] != '{') {
      errors.push_back({line, path_ + ":" + std::to_string(line) + ": expected a JSON object"});
      continue;
    }
    out.line = line;
    out.row = ++row_;
    out.slots = slots_;
    return true;
  }
}

}  // namespace sinkron::connectors
