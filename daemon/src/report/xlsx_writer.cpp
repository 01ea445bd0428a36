// DIR/report.xlsx: every list of the reconcile run, one sheet each, written in libxlsxwriter's
// constant-memory mode (rows go straight to per-sheet temporary files). Ringkasan is sheet 1
// but is written last, so that it can say which lists hit Excel's row limit.
#include <xlsxwriter.h>

#include <charconv>
#include <cstdlib>
#include <exception>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "report_inputs.hpp"
#include "sinkron/daemon/report/reconcile_report.hpp"
#include "text_format.hpp"

namespace sinkron::report {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kExcelMaxCellBytes = 32767;  // Excel's limit is in characters; bytes is safe

struct Column {
  std::string header;
  double width;
};

struct Formats {
  lxw_format* header = nullptr;
  lxw_format* wrap = nullptr;
  lxw_format* count = nullptr;
  lxw_format* score = nullptr;
  lxw_format* warning = nullptr;
};

// One list sheet: a bold, frozen, filtered header and rows up to the limit; rows past the limit
// are only counted.
class Sheet {
 public:
  Sheet(lxw_worksheet* ws, const Formats& f, std::uint32_t maxDataRows)
      : ws_(ws), f_(f), maxDataRows_(maxDataRows) {}

  void header(const std::vector<Column>& columns) {
    columns_ = static_cast<lxw_col_t>(columns.size());
    for (lxw_col_t c = 0; c < columns_; ++c) {
      check(worksheet_set_column(ws_, c, c, columns[c].width, nullptr));
      check(worksheet_write_string(ws_, 0, c, columns[c].header.c_str(), f_.header));
    }
    check(worksheet_set_row(ws_, 0, 30, nullptr));
    worksheet_freeze_panes(ws_, 1, 0);
  }

  // Starts a data row; false (and the row counted as left out) once the sheet is full.
  bool row() {
    if (written_ >= maxDataRows_) {
      ++skipped_;
      return false;
    }
    ++written_;
    return true;
  }

  void text(lxw_col_t col, std::string_view value, lxw_format* format = nullptr) {
    if (value.empty()) return;
    value = clipUtf8Bytes(value, kExcelMaxCellBytes);
    if (isValidUtf8(value)) {
      buf_.assign(value);
    } else {
      buf_ = repairUtf8(value);  // invalid bytes would make the sheet XML unreadable
    }
    check(worksheet_write_string(ws_, current(), col, buf_.c_str(), format));
  }

  void number(lxw_col_t col, double value, lxw_format* format) {
    check(worksheet_write_number(ws_, current(), col, value, format));
  }

  // A number when the field is one (scores, line numbers), otherwise the text as is.
  void numeric(lxw_col_t col, std::string_view value, lxw_format* format) {
    double v = 0;
    const char* end = value.data() + value.size();
    auto [ptr, ec] = std::from_chars(value.data(), end, v);
    if (!value.empty() && ec == std::errc() && ptr == end) {
      number(col, v, format);
    } else {
      text(col, value);
    }
  }

  void finish() {
    if (columns_ > 0) check(worksheet_autofilter(ws_, 0, 0, current(), columns_ - 1));
  }

  std::uint64_t written() const { return written_; }
  std::uint64_t skipped() const { return skipped_; }
  lxw_error error() const { return error_; }

 private:
  lxw_row_t current() const { return static_cast<lxw_row_t>(written_); }
  void check(lxw_error e) {
    if (e != LXW_NO_ERROR && error_ == LXW_NO_ERROR) error_ = e;
  }

  lxw_worksheet* ws_;
  const Formats& f_;
  std::uint32_t maxDataRows_;
  lxw_col_t columns_ = 0;
  std::uint64_t written_ = 0, skipped_ = 0;
  lxw_error error_ = LXW_NO_ERROR;
  std::string buf_;
};

struct SheetResult {
  std::string name, csv;
  std::uint64_t written = 0, skipped = 0;
};

using Owners = OwnersByField;

// Calls `emit` for every row of `table`.
template <typename Emit>
Status fill(CsvTable& table, Emit emit) {
  for (;;) {
    auto more = table.next();
    if (!more) return more.error();
    if (!*more) return {};
    emit();
  }
}

std::string keyHeader(std::string_view what, std::string_view source, std::string_view en) {
  return std::string(what) + " " + std::string(source) + " (" + std::string(en) + ")";
}

Status writeDifferences(const fs::path& dir, const Summary& s, Sheet& sheet, Owners& owners) {
  auto t = CsvTable::open(dir, "differences.csv",
                          {"left_key", "right_key", "field", "left_value", "right_value", "owner"});
  if (!t) return t.error();
  sheet.header({{keyHeader("Kunci", s.left.name, "left key"), 22},
                {keyHeader("Kunci", s.right.name, "right key"), 22},
                {"Kolom (field)", 18},
                {keyHeader("Nilai", s.left.name, "left value"), 40},
                {keyHeader("Nilai", s.right.name, "right value"), 40},
                {"Pemilik data (owner)", 16}});
  return fill(*t, [&] {
    auto& perField = owners[std::string((*t)[2])];
    auto it = perField.find((*t)[5]);
    if (it == perField.end()) it = perField.emplace(std::string((*t)[5]), 0).first;
    ++it->second;
    if (!sheet.row()) return;
    for (lxw_col_t c = 0; c < 6; ++c) sheet.text(c, (*t)[c]);
  });
}

Status writeAnomalies(const fs::path& dir, const Summary& s, const Formats& f, Sheet& sheet) {
  auto t = CsvTable::open(dir, "anomalies.csv",
                          {"side", "key", "line", "code", "field", "value", "message"});
  if (!t) return t.error();
  sheet.header({{"Sumber (side)", 12},
                {"Kunci (key)", 22},
                {"Baris (line)", 9},
                {"Kode (code)", 22},
                {"Kolom (field)", 16},
                {"Nilai (value)", 28},
                {"Pesan (message)", 55},
                {"Cara memperbaiki (how to fix)", 60}});
  return fill(*t, [&] {
    if (!sheet.row()) return;
    sheet.text(0, (*t)[0]);
    sheet.text(1, (*t)[1]);
    sheet.numeric(2, (*t)[2], f.count);
    for (lxw_col_t c = 3; c < 7; ++c) sheet.text(c, (*t)[c]);
    sheet.text(7, s.description((*t)[3]));
  });
}

Status writeDuplicates(const fs::path& dir, const Formats& f, Sheet& sheet) {
  auto t = CsvTable::open(dir, "duplicates.csv",
                          {"side", "key", "duplicate_of", "score", "explanation"});
  if (!t) return t.error();
  sheet.header({{"Sumber (side)", 12},
                {"Kunci (key)", 22},
                {"Duplikat dari (duplicate of)", 24},
                {"Skor (score)", 10},
                {"Penjelasan (explanation)", 80}});
  return fill(*t, [&] {
    if (!sheet.row()) return;
    sheet.text(0, (*t)[0]);
    sheet.text(1, (*t)[1]);
    sheet.text(2, (*t)[2]);
    sheet.numeric(3, (*t)[3], f.score);
    sheet.text(4, (*t)[4]);
  });
}

// One pass over situations.csv fills Review, Hanya_kiri and Hanya_kanan together.
Status writeSituations(const fs::path& dir, const Summary& s, const Formats& f, Sheet& review,
                       Sheet& onlyLeft, Sheet& onlyRight) {
  auto t = CsvTable::open(dir, "situations.csv",
                          {"situation", "left_key", "right_key", "score", "nama", "explanation"});
  if (!t) return t.error();
  review.header({{keyHeader("Kunci", s.left.name, "left key"), 22},
                 {keyHeader("Kunci", s.right.name, "right key"), 22},
                 {"Skor (score)", 10},
                 {"Nama (name)", 32},
                 {"Penjelasan (explanation)", 80}});
  onlyLeft.header({{keyHeader("Kunci", s.left.name, "key"), 22},
                   {"Nama (name)", 32},
                   {"Penjelasan (explanation)", 90}});
  onlyRight.header({{keyHeader("Kunci", s.right.name, "key"), 22},
                    {"Nama (name)", 32},
                    {"Penjelasan (explanation)", 90}});
  return fill(*t, [&] {
    const std::string_view situation = (*t)[0];
    if (situation == "review") {
      if (!review.row()) return;
      review.text(0, (*t)[1]);
      review.text(1, (*t)[2]);
      review.numeric(2, (*t)[3], f.score);
      review.text(3, (*t)[4]);
      review.text(4, (*t)[5]);
    } else if (situation == "only_left" || situation == "only_right") {
      const bool left = situation == "only_left";
      Sheet& sheet = left ? onlyLeft : onlyRight;
      if (!sheet.row()) return;
      sheet.text(0, (*t)[left ? 1 : 2]);
      sheet.text(1, (*t)[4]);
      sheet.text(2, (*t)[5]);
    }
  });
}

void writeSummarySheet(Sheet& sh, const Summary& s, const Owners& owners,
                       const std::vector<SheetResult>& sheets, const Formats& f) {
  sh.header({{"Bagian (section)", 30},
             {"Butir (item)", 38},
             {"Nilai (value)", 16},
             {"Keterangan (note)", 100}});
  auto line = [&](std::string_view section, std::string_view item, std::string_view note) {
    sh.row();
    sh.text(0, section);
    sh.text(1, item);
    sh.text(3, note, f.wrap);
  };
  auto countLine = [&](std::string_view section, std::string_view item, std::uint64_t n,
                       std::string_view note) {
    line(section, item, note);
    sh.number(2, static_cast<double>(n), f.count);
  };

  for (const SheetResult& r : sheets) {
    if (r.skipped == 0) continue;
    line("PERHATIAN (warning)", "Lembar " + r.name + " terpotong (truncated)",
         formatCount(r.skipped) + " baris tidak dimuat karena batas Excel " +
             formatCount(LXW_ROW_MAX) + " baris per lembar; file " + r.csv +
             " berisi semua baris (rows left out at Excel's row limit; the CSV file has them "
             "all).");
    sh.number(2, static_cast<double>(r.skipped), f.warning);
  }
  auto textLine = [&](std::string_view section, std::string_view item, std::string_view value) {
    line(section, item, "");
    sh.text(2, value);
  };
  textLine("Laporan (report)", "Data per tanggal (as of)", s.asOf);
  textLine("Laporan (report)", "Dibuat (generated at)", s.generatedAt);
  for (const auto* src : {&s.left, &s.right}) {
    const std::string section =
        src == &s.left ? "Sumber kiri (left source)" : "Sumber kanan (right source)";
    countLine(section, src->name + ": jumlah record (records)", src->records, src->file);
    countLine(section, src->name + ": baris rusak (bad rows)", src->badRows,
              src->badRows > 0 ? "baris yang tidak dapat dibaca; lihat lembar Anomali" : "");
  }
  for (const auto& [name, value] : s.thresholds) {
    line("Ambang skor (thresholds)",
         name == "match"    ? "cocok (match)"
         : name == "review" ? "tinjau (review)"
                            : name,
         name == "match"    ? "skor ini ke atas: dianggap orang yang sama"
         : name == "review" ? "skor ini sampai ambang cocok: perlu ditinjau manusia"
                            : "");
    sh.number(2, value, f.score);
  }
  const std::uint64_t persons = s.persons();
  for (const auto& [situation, n] : s.situations) {
    const SituationLabel l = situationLabel(situation, s.left.name, s.right.name);
    countLine("Situasi (situation)", l.id + " (" + l.english + ")", n,
              formatPercent(n, persons) + " dari " + formatCount(persons) + " orang (persons)");
  }
  for (const auto& [field, n] : s.differencesByField) {
    std::string note;
    if (auto it = owners.find(field); it != owners.end()) {
      note = "pemilik data (owner): ";
      bool first = true;
      for (const auto& [owner, count] : it->second) {
        note += (first ? "" : ", ") + (owner.empty() ? std::string("-") : owner);
        first = false;
      }
    }
    countLine("Perbedaan per kolom (differences by field)", field, n, note);
  }
  for (const auto& [code, n] : s.anomaliesByCode)
    countLine("Anomali per kode (anomalies by code)", code, n, s.description(code));
  for (const SheetResult& r : sheets) {
    countLine("Lembar (sheet)", r.name, r.written,
              r.skipped == 0 ? "semua baris dari " + r.csv + " (all rows)"
                             : formatCount(r.skipped) + " baris tidak dimuat; lihat " + r.csv);
  }
  sh.finish();
}

struct WorkbookCloser {
  void operator()(lxw_workbook* wb) const { workbook_close(wb); }
};

Result<fs::path> writeXlsxReportUnguarded(const fs::path& dir, const XlsxOptions& options) {
  auto summary = readSummary(dir);
  if (!summary) return summary.error();
  const Summary& s = *summary;

  const fs::path target = dir / "report.xlsx";
  fs::path tmp = target;
  tmp += ".tmp";
  lxw_workbook_options wbOptions{};
  wbOptions.constant_memory = LXW_TRUE;
  std::unique_ptr<lxw_workbook, WorkbookCloser> wb(
      workbook_new_opt(tmp.string().c_str(), &wbOptions));
  if (!wb) return Error::io(tmp.string() + ": cannot create workbook");
  std::error_code ec;
  auto fail = [&](Error e) -> Result<fs::path> {
    wb.reset();
    fs::remove(tmp, ec);
    return e;
  };

  Formats f;
  f.header = workbook_add_format(wb.get());
  format_set_bold(f.header);
  format_set_text_wrap(f.header);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_TOP);
  format_set_bg_color(f.header, 0xDCE6F1);
  format_set_bottom(f.header, LXW_BORDER_THIN);
  f.wrap = workbook_add_format(wb.get());
  format_set_text_wrap(f.wrap);
  f.count = workbook_add_format(wb.get());
  format_set_num_format(f.count, "#,##0");
  f.score = workbook_add_format(wb.get());
  format_set_num_format(f.score, "0.0#");
  f.warning = workbook_add_format(wb.get());
  format_set_bold(f.warning);
  format_set_font_color(f.warning, LXW_COLOR_RED);
  format_set_num_format(f.warning, "#,##0");

  const char* names[] = {"Ringkasan", "Perbedaan",  "Anomali",    "Duplikat",
                         "Review",    "Hanya_kiri", "Hanya_kanan"};
  std::vector<Sheet> sheets;
  for (const char* name : names) {
    lxw_worksheet* ws = workbook_add_worksheet(wb.get(), name);
    if (!ws) return fail(Error::internal(tmp.string() + ": cannot add sheet " + name));
    sheets.emplace_back(ws, f, sheets.empty() ? kExcelMaxDataRows : options.maxDataRows);
  }

  Owners owners;
  if (auto st = writeDifferences(dir, s, sheets[1], owners); !st) return fail(st.error());
  if (auto st = writeAnomalies(dir, s, f, sheets[2]); !st) return fail(st.error());
  if (auto st = writeDuplicates(dir, f, sheets[3]); !st) return fail(st.error());
  if (auto st = writeSituations(dir, s, f, sheets[4], sheets[5], sheets[6]); !st)
    return fail(st.error());

  const char* csvs[] = {"",
                        "differences.csv",
                        "anomalies.csv",
                        "duplicates.csv",
                        "situations.csv",
                        "situations.csv",
                        "situations.csv"};
  std::vector<SheetResult> results;
  for (std::size_t i = 1; i < sheets.size(); ++i) {
    sheets[i].finish();
    results.push_back({names[i], csvs[i], sheets[i].written(), sheets[i].skipped()});
  }
  writeSummarySheet(sheets[0], s, owners, results, f);
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    if (sheets[i].error() != LXW_NO_ERROR) {
      return fail(
          Error::io(tmp.string() + ": sheet " + names[i] + ": " + lxw_strerror(sheets[i].error())));
    }
  }

  const lxw_error closed = workbook_close(wb.release());
  if (closed != LXW_NO_ERROR) {
    fs::remove(tmp, ec);
    return Error::io(target.string() + ": " + lxw_strerror(closed));
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Error::io(target.string() + ": cannot replace: " + ec.message());
  }
  return target;
}

}  // namespace

Result<fs::path> writeXlsxReport(const fs::path& dir, const XlsxOptions& options) {
  try {
    return writeXlsxReportUnguarded(dir, options);
  } catch (const std::exception& e) {  // bad_alloc, filesystem errors: no exception leaves
    std::error_code ec;
    fs::remove(dir / "report.xlsx.tmp", ec);
    return Error::internal((dir / "report.xlsx").string() + ": " + e.what());
  }
}

}  // namespace sinkron::report
