#include "source_loader.hpp"

#include <algorithm>
#include <array>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <span>
#include <thread>

namespace sinkron::daemon {

using mappings::Field;

Result<std::unique_ptr<LoadedSource>> openSource(std::string side,
                                                 const std::filesystem::path& file,
                                                 const std::filesystem::path& mappingFile) {
  auto mapping = mappings::Mapping::load(mappingFile);
  if (!mapping) return mapping.error();
  auto reader = connectors::openRecordReader(file, *mapping);
  if (!reader) return reader.error();
  auto fields = mapping->mappedFields();
  auto src =
      std::unique_ptr<LoadedSource>(new LoadedSource{std::move(side),
                                                     file,
                                                     std::move(*mapping),
                                                     std::move(*reader),
                                                     mappings::RecordTable(std::move(fields)),
                                                     {},
                                                     {},
                                                     0});
  std::error_code ec;
  auto size = std::filesystem::file_size(file, ec);
  if (!ec) src->table.reserve(size / 80 + 1024, size + 4096);  // reserved, not touched
  return src;
}

namespace {

// Records read but not yet mapped: up to kBatchRecords records copied out of the reader's
// buffer so that reading and mapping can run on different threads.
constexpr std::size_t kBatchRecords = 2048;
constexpr std::size_t kBatches = 6;

struct RawBatch {
  struct Span {
    std::uint32_t offset, size;
  };
  std::vector<char> bytes;  // grown, never shrunk: [0, used) holds this batch's records
  std::size_t used = 0;
  std::vector<Span> spans;  // per record, per slot: where its value is in `bytes`
  std::vector<std::uint64_t> lines, rows;
  void clear() {
    used = 0;
    spans.clear();
    lines.clear();
    rows.clear();
  }
  // Copies the record's text in one move and points the slots into the copy; only values
  // outside the text (none, for the CSV and flat JSON readers) are copied one by one.
  void append(const connectors::RawRecord& raw) {
    const std::string_view text = raw.text;
    const std::size_t base = put(text);
    const std::size_t first = spans.size();
    spans.resize(first + raw.slots.size());
    Span* span = spans.data() + first;
    const auto textStart = reinterpret_cast<std::uintptr_t>(text.data());
    for (const std::string_view v : raw.slots) {
      const std::size_t at = reinterpret_cast<std::uintptr_t>(v.data()) - textStart;
      const std::size_t offset =
          at <= text.size() && v.size() <= text.size() - at ? base + at : put(v);
      *span++ = {static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(v.size())};
    }
  }
  std::string_view slot(std::size_t i) const {
    return {bytes.data() + spans[i].offset, spans[i].size};
  }

 private:
  std::size_t put(std::string_view v) {
    if (bytes.size() < used + v.size()) bytes.resize(std::max(bytes.size() * 2, used + v.size()));
    if (!v.empty()) std::memcpy(bytes.data() + used, v.data(), v.size());
    used += v.size();
    return used - v.size();
  }
};

// A bounded hand-over of batches between the reading and the mapping thread. Batches circulate
// between a free list and a full list, so their memory is allocated once.
class BatchPipe {
 public:
  BatchPipe() {
    for (auto& b : pool_) free_.push_back(&b);
  }
  RawBatch* takeFree() { return take(free_); }
  void giveFree(RawBatch* b) { give(free_, b); }
  RawBatch* takeFull() { return take(full_); }  // nullptr once closed and drained
  void giveFull(RawBatch* b) { give(full_, b); }
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    changed_.notify_all();
  }

 private:
  RawBatch* take(std::deque<RawBatch*>& from) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !from.empty() || (closed_ && &from == &full_); });
    if (from.empty()) return nullptr;
    RawBatch* b = from.front();
    from.pop_front();
    return b;
  }
  void give(std::deque<RawBatch*>& to, RawBatch* b) {
    std::lock_guard lock(mutex_);
    to.push_back(b);
    changed_.notify_all();
  }
  std::array<RawBatch, kBatches> pool_;
  std::deque<RawBatch*> free_, full_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool closed_ = false;
};

}  // namespace

namespace {

// Maps one raw record, stores it and writes its anomalies.
class RecordLoader {
 public:
  RecordLoader(LoadedSource& s, const mappings::AnomalyOptions& options, CsvWriter& out)
      : s_(s), options_(options), out_(out), keySlot_(s.mapping.keySlot()) {}

  void load(std::span<const std::string_view> slots, std::uint64_t line, std::uint64_t row) {
    issues_.clear();
    // The record's values point into `slots`, the mapping and the arena: all stay put until
    // the next record.
    s_.mapping.apply(slots, record_, arena_, issues_);
    record_.line = line;
    record_.row = row;
    if (!keySlot_) {
      rowNumber_ = std::to_string(record_.row);
      record_.key = rowNumber_;
    } else if (record_.key.empty()) {
      keyErrors_.push_back({record_.line, s_.file.string() + ":" + std::to_string(record_.line) +
                                              ": key field '" + s_.mapping.keyField() +
                                              "' is empty"});
      return;
    }
    s_.table.add(record_);
    for (const auto& issue : issues_) {
      ++s_.anomalyCounts["nilai_tidak_valid"];
      out_.field(s_.side).field(record_.key).field(record_.line).field("nilai_tidak_valid");
      out_.field(mappings::fieldName(issue.field)).field(issue.value);
      out_.field(issue.sourceField + ": " + issue.message).endRow();
    }
    anomalies_.clear();
    mappings::checkAnomalies(record_, options_, anomalies_);
    for (const auto& a : anomalies_) {
      ++s_.anomalyCounts[a.code];
      out_.field(s_.side).field(record_.key).field(record_.line).field(a.code);
      out_.field(mappings::fieldName(a.field))
          .field(record_.get(a.field))
          .field(a.message)
          .endRow();
    }
  }

  std::vector<connectors::RowError>& keyErrors() { return keyErrors_; }

 private:
  LoadedSource& s_;
  const mappings::AnomalyOptions& options_;
  CsvWriter& out_;
  const std::optional<std::size_t> keySlot_;
  mappings::RecordView record_;
  mappings::ValueArena arena_;
  std::vector<mappings::FieldIssue> issues_;
  std::vector<mappings::Anomaly> anomalies_;
  std::vector<connectors::RowError> keyErrors_;
  std::string rowNumber_;
};

// Reading (I/O, CSV or JSON parsing) on its own thread, mapping and storing on this one.
Status readThenMap(LoadedSource& s, RecordLoader& loader,
                   std::vector<connectors::RowError>& readErrors) {
  const std::size_t slotCount = s.mapping.inputFields().size();
  BatchPipe pipe;
  Status readStatus;
  std::thread reader([&] {
    connectors::RawRecord raw;
    RawBatch* batch = pipe.takeFree();
    batch->clear();
    for (;;) {
      auto more = s.reader->next(raw, readErrors);
      if (!more) {
        readStatus = more.error();
        break;
      }
      if (!*more) break;
      batch->append(raw);
      batch->lines.push_back(raw.line);
      batch->rows.push_back(raw.row);
      if (batch->lines.size() == kBatchRecords) {
        pipe.giveFull(batch);
        batch = pipe.takeFree();
        batch->clear();
      }
    }
    pipe.giveFull(batch);
    pipe.close();
  });
  std::vector<std::string_view> slots(slotCount);
  while (RawBatch* batch = pipe.takeFull()) {
    for (std::size_t r = 0; r < batch->lines.size(); ++r) {
      for (std::size_t k = 0; k < slotCount; ++k) slots[k] = batch->slot(r * slotCount + k);
      loader.load(slots, batch->lines[r], batch->rows[r]);
    }
    pipe.giveFree(batch);
  }
  reader.join();
  return readStatus;
}

}  // namespace

Status loadSource(LoadedSource& s, const mappings::AnomalyOptions& options, CsvWriter& out) {
  RecordLoader loader(s, options, out);
  std::vector<connectors::RowError> readErrors;
  Status status = readThenMap(s, loader, readErrors);
  if (!status) return status.error();
  s.errors = std::move(readErrors);
  s.errors.insert(s.errors.end(), loader.keyErrors().begin(), loader.keyErrors().end());
  std::sort(
      s.errors.begin(), s.errors.end(),
      [](const connectors::RowError& a, const connectors::RowError& b) { return a.line < b.line; });
  s.bytes = s.reader->bytesRead();
  return {};
}

}  // namespace sinkron::daemon
