#include "sinkron/connectors/attendance/attendance_import.hpp"

#include <algorithm>
#include <fstream>
#include <optional>
#include <set>

#include "sinkron/connectors/csv_parser.hpp"
#include "sinkron/security/masking.hpp"

namespace sinkron::connectors::attendance {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Collects punches and stores them batch by batch; counts everything.
class Importer {
 public:
  Importer(const std::filesystem::path& file, PunchStore& store, const ImportOptions& options)
      : file_(file.string()), store_(store), options_(options) {
    deviceSn_ = options.deviceSn.empty() ? "file:" + file.filename().string() : options.deviceSn;
    source_ = "file:" + file.filename().string();
  }

  ImportStats& stats() { return stats_; }
  const std::string& deviceSn() const { return deviceSn_; }

  void bad(std::uint64_t line, const std::string& reason) {
    ++stats_.badLines;
    if (stats_.errors.size() < options_.maxErrorsKept)
      stats_.errors.push_back(file_ + ":" + std::to_string(line) + ": " +
                              security::maskIdsInText(reason));
  }

  // An ATTLOG-shaped line (attlog.dat or CSV punches): swap decided over the first batch.
  Status addLine(AttlogLine line) {
    pendingLines_.push_back(std::move(line));
    if (pendingLines_.size() >= options_.batchSize) return flushLines();
    return {};
  }

  Status add(Punch punch) {
    punch.timeZone = options_.timeZone;
    punch.source = source_;
    batch_.push_back(std::move(punch));
    if (batch_.size() >= options_.batchSize) return flush();
    return {};
  }

  Status finish() {
    if (Status s = flushLines(); !s) return s;
    return flush();
  }

 private:
  Status flushLines() {
    if (pendingLines_.empty()) return {};
    if (!swapped_) {
      if (options_.swappedStatusVerify == SwapMode::kAuto)
        swapped_ = detectSwapped(pendingLines_);
      else
        swapped_ = options_.swappedStatusVerify == SwapMode::kYes;
    }
    const bool swap = swapped_.value_or(false);
    for (AttlogLine& line : pendingLines_) {
      Punch p;
      p.deviceSn = deviceSn_;
      p.pin = std::move(line.pin);
      p.time = std::move(line.time);
      p.status = swap ? line.second : line.first;
      p.verify = swap ? line.first : line.second;
      p.workcode = std::move(line.workcode);
      if (Status s = add(std::move(p)); !s) return s;
    }
    pendingLines_.clear();
    return {};
  }

  Status flush() {
    if (batch_.empty()) return {};
    stats_.punches += batch_.size();
    Result<StoreStats> stored = store_.storeBatch(batch_);
    batch_.clear();
    if (!stored) return Error::io(file_ + ": " + stored.error().message);
    stats_.inserted += stored->inserted;
    stats_.duplicates += stored->duplicates;
    return {};
  }

  std::string file_;
  PunchStore& store_;
  const ImportOptions& options_;
  std::string deviceSn_, source_;
  ImportStats stats_;
  std::vector<AttlogLine> pendingLines_;
  std::vector<Punch> batch_;
  std::optional<bool> swapped_;
};

Result<std::string> firstDataLine(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Error::io(file.string() + ": cannot open for reading");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (!trim(line).empty()) return line;
  }
  return std::string();
}

Status importAttlog(const std::filesystem::path& file, Importer& importer) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Error::io(file.string() + ": cannot open for reading");
  std::string line;
  std::uint64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (trim(line).empty()) continue;
    ++importer.stats().lines;
    Result<AttlogLine> parsed = parseAttlogLine(line);
    if (!parsed) {
      importer.bad(number, parsed.error().message);
      continue;
    }
    if (Status s = importer.addLine(std::move(*parsed)); !s) return s;
  }
  if (in.bad()) return Error::io(file.string() + ":" + std::to_string(number) + ": read error");
  return importer.finish();
}

std::optional<std::size_t> column(const std::vector<std::string>& header, std::string_view name) {
  auto it = std::find(header.begin(), header.end(), name);
  if (it == header.end()) return std::nullopt;
  return static_cast<std::size_t>(it - header.begin());
}

// "yyyy-mm-dd" or "dd-mm-yyyy" (also with '/') as "yyyy-mm-dd"; "" when neither.
std::string isoDate(std::string_view d) {
  if (d.size() != 10) return "";
  if (d[4] == '-' || d[4] == '/')
    return std::string(d.substr(0, 4)) + "-" + std::string(d.substr(5, 2)) + "-" +
           std::string(d.substr(8, 2));
  if (d[2] == '-' || d[2] == '/')
    return std::string(d.substr(6, 4)) + "-" + std::string(d.substr(3, 2)) + "-" +
           std::string(d.substr(0, 2));
  return "";
}

std::string clock(std::string_view t) {
  if (t.size() == 5) return std::string(t) + ":00";
  return std::string(t);
}

bool isNull(std::string_view v) {
  return v.empty() || v == "null" || v == "NULL" || v == "-";
}

Status importCsv(const std::filesystem::path& file, Importer& importer,
                 AttendanceFileFormat format) {
  Result<CsvParser> parser = CsvParser::open(file);
  if (!parser) return parser.error();
  std::vector<std::string_view> fields;
  std::vector<std::string> header;
  Result<bool> row = parser->nextRow(fields);
  if (!row) return row.error();
  for (std::string_view f : fields) header.push_back(lower(trim(f)));
  const bool epresensi = format == AttendanceFileFormat::kCsvEpresensi;
  std::vector<std::size_t> at;
  for (const char* name :
       epresensi ? std::vector<const char*>{"nip", "tanggal", "jam_in", "jam_out", "status"}
                 : std::vector<const char*>{"pin", "datetime", "status", "verify"})
    at.push_back(*column(header, name));
  const std::size_t needed = *std::max_element(at.begin(), at.end()) + 1;

  for (std::uint64_t guard = 0; guard < (1ull << 40); ++guard) {
    row = parser->nextRow(fields);
    if (!row) {
      importer.bad(parser->rowLine(), row.error().message);
      continue;
    }
    if (!*row) break;
    const std::uint64_t line = parser->rowLine();
    if (fields.size() == 1 && trim(fields[0]).empty()) continue;
    ++importer.stats().lines;
    if (fields.size() < needed) {
      importer.bad(line, std::to_string(fields.size()) + " columns, expected at least " +
                             std::to_string(needed));
      continue;
    }
    if (!epresensi) {
      std::string time(trim(fields[at[1]]));
      if (time.size() == 19 && time[10] == 'T') time[10] = ' ';
      std::string text = std::string(trim(fields[at[0]])) + "\t" + time + "\t" +
                         std::string(trim(fields[at[2]])) + "\t" + std::string(trim(fields[at[3]]));
      Result<AttlogLine> parsed = parseAttlogLine(text);
      if (!parsed) {
        importer.bad(line, parsed.error().message);
        continue;
      }
      if (Status s = importer.addLine(std::move(*parsed)); !s) return s;
      continue;
    }
    std::string nip(trim(fields[at[0]]));
    std::string date = isoDate(trim(fields[at[1]]));
    std::string_view in = trim(fields[at[2]]), out = trim(fields[at[3]]);
    std::string dayStatus(trim(fields[at[4]]));
    if (nip.empty() || nip.size() > 24) {
      importer.bad(line, "nip: empty or too long");
      continue;
    }
    if (date.empty()) {
      importer.bad(line, "tanggal: \"" + std::string(trim(fields[at[1]])) +
                             "\" is not yyyy-mm-dd or dd-mm-yyyy");
      continue;
    }
    std::vector<Punch> punches;
    bool lineOk = true;
    for (auto [value, status, name] : {std::tuple{in, 0, "jam_in"}, {out, 1, "jam_out"}}) {
      if (isNull(value)) continue;
      Punch p;
      p.deviceSn = importer.deviceSn();
      p.pin = nip;
      p.time = date + " " + clock(value);
      p.status = status;
      p.verify = 0;
      p.workcode = dayStatus;
      if (!isPunchTime(p.time)) {
        importer.bad(line, std::string(name) + ": \"" + std::string(value) +
                               "\" is not HH:MM:SS on a valid tanggal");
        lineOk = false;
        break;
      }
      punches.push_back(std::move(p));
    }
    if (!lineOk) continue;
    if (punches.empty()) ++importer.stats().daysWithoutTimes;
    for (Punch& p : punches)
      if (Status s = importer.add(std::move(p)); !s) return s;
  }
  return importer.finish();
}

}  // namespace

std::string_view formatName(AttendanceFileFormat format) {
  switch (format) {
    case AttendanceFileFormat::kAttlog:
      return "attlog";
    case AttendanceFileFormat::kCsvPunches:
      return "csv";
    case AttendanceFileFormat::kCsvEpresensi:
      return "epresensi-csv";
  }
  return "attlog";
}

Result<ImportStats> importAttendanceFile(const std::filesystem::path& file, PunchStore& store,
                                         const ImportOptions& options) {
  if (options.batchSize == 0) return Error::invalid("batchSize: must be at least 1");
  Result<std::string> first = firstDataLine(file);
  if (!first) return first.error();
  Importer importer(file, store, options);
  if (first->find('\t') != std::string::npos) {
    importer.stats().format = AttendanceFileFormat::kAttlog;
    if (Status s = importAttlog(file, importer); !s) return s.error();
    return std::move(importer.stats());
  }
  std::string header = lower(trim(*first));
  std::set<std::string, std::less<>> columns;
  for (std::size_t start = 0; start <= header.size();) {
    std::size_t end = header.find_first_of(",;|", start);
    if (end == std::string::npos) end = header.size();
    std::string_view name = trim(std::string_view(header).substr(start, end - start));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
      name = name.substr(1, name.size() - 2);
    columns.emplace(name);
    start = end + 1;
  }
  auto has = [&columns](std::string_view name) { return columns.find(name) != columns.end(); };
  AttendanceFileFormat format;
  if (has("pin") && has("datetime") && has("status") && has("verify")) {
    format = AttendanceFileFormat::kCsvPunches;
  } else if (has("nip") && has("tanggal") && has("jam_in") && has("jam_out") && has("status")) {
    format = AttendanceFileFormat::kCsvEpresensi;
  } else {
    return Error::parse(file.string() + ":1: not an attendance file: expected tab-separated " +
                        "ATTLOG lines or a CSV header pin,datetime,status,verify or " +
                        "nip,tanggal,jam_in,jam_out,status; found \"" +
                        security::maskIdsInText(first->substr(0, 80)) + "\"");
  }
  importer.stats().format = format;
  if (Status s = importCsv(file, importer, format); !s) return s.error();
  return std::move(importer.stats());
}

}  // namespace sinkron::connectors::attendance

namespace sinkron::connectors::attendance {

Result<PinMapImportStats> importPinMapCsv(const std::filesystem::path& file, PunchStore& store) {
  Result<CsvParser> parser = CsvParser::open(file);
  if (!parser) return parser.error();
  std::vector<std::string_view> fields;
  Result<bool> row = parser->nextRow(fields);
  if (!row) return row.error();
  std::vector<std::string> header;
  for (std::string_view f : fields) header.push_back(lower(trim(f)));
  auto pin = column(header, "pin"), nip = column(header, "nip");
  auto device = column(header, "device_sn"), name = column(header, "name");
  auto cloudId = column(header, "cloud_id");
  if (!*row || !pin || !nip)
    return Error::parse(file.string() + ":1: a PIN map needs the columns pin and nip");
  PinMapImportStats stats;
  std::vector<PinMapping> mappings, aliases;
  for (std::uint64_t guard = 0; guard < (1ull << 40); ++guard) {
    row = parser->nextRow(fields);
    if (!row) {
      stats.errors.push_back(row.error().message);
      continue;
    }
    if (!*row) break;
    const std::string at = file.string() + ":" + std::to_string(parser->rowLine()) + ": ";
    auto field = [&fields](std::optional<std::size_t> i) {
      return i && *i < fields.size() ? std::string(trim(fields[*i])) : std::string();
    };
    PinMapping m{field(device), field(pin), field(nip), field(name)};
    if (m.pin.empty()) {
      if (fields.size() > 1) stats.errors.push_back(at + "pin: empty");
      continue;
    }
    if (m.nip.empty()) {
      ++stats.withoutNip;
      continue;
    }
    if (m.nip.size() != 18 ||
        !std::all_of(m.nip.begin(), m.nip.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      stats.errors.push_back(at + "nip: \"" + security::maskId(m.nip) + "\" is not 18 digits");
      continue;
    }
    // Cloud pulls name the device by its cloud id: the same user is mapped under both names.
    const std::string cloud = field(cloudId);
    if (!cloud.empty() && cloud != m.deviceSn && !m.deviceSn.empty())
      aliases.push_back(PinMapping{cloud, m.pin, m.nip, m.name});
    mappings.push_back(std::move(m));
  }
  stats.mapped = mappings.size();
  mappings.insert(mappings.end(), std::make_move_iterator(aliases.begin()),
                  std::make_move_iterator(aliases.end()));
  if (Status s = store.upsertPinMap(mappings); !s) return s.error();
  return stats;
}

}  // namespace sinkron::connectors::attendance
