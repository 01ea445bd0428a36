#include <xlsxwriter.h>

#include <algorithm>

#include "report_tables.hpp"
#include "sinkron/agency_report/report_writers.hpp"

namespace sinkron::agency_report {
namespace {

Status writeSheet(lxw_workbook* wb, const Table& t, lxw_format* header) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, t.name.c_str());
  if (!ws) return Error::io("agency report: cannot add sheet " + t.name);
  // Constant-memory mode writes row by row, so the header goes first and rows in order.
  for (std::size_t c = 0; c < t.headers.size(); ++c) {
    worksheet_write_string(ws, 0, lxw_col_t(c), t.headers[c].c_str(), header);
    const double width = std::max<double>(10, double(t.headers[c].size()) + 2);
    worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), c == 1 ? 30 : width, nullptr);
  }
  worksheet_freeze_panes(ws, 1, 0);
  lxw_row_t r = 1;
  for (const auto& row : t.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      const lxw_error e =
          row[c].isNumber
              ? worksheet_write_number(ws, r, lxw_col_t(c), row[c].number, nullptr)
              : worksheet_write_string(ws, r, lxw_col_t(c), row[c].text.c_str(), nullptr);
      if (e != LXW_NO_ERROR && e != LXW_ERROR_NULL_PARAMETER_IGNORED)
        return Error::io("agency report: sheet " + t.name + ": " + lxw_strerror(e));
    }
    ++r;
  }
  if (!t.headers.empty()) worksheet_autofilter(ws, 0, 0, r - 1, lxw_col_t(t.headers.size() - 1));
  return {};
}

}  // namespace

Status writeAgencyReportXlsx(const AgencyReport& report, const std::filesystem::path& path) {
  // libxlsxwriter only notices a missing folder at close, after printing to stderr.
  const auto parent = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  if (std::error_code ec; !std::filesystem::is_directory(parent, ec))
    return Error::io("agency report: folder " + parent.string() + " does not exist");
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* raw = workbook_new_opt(path.string().c_str(), &options);
  if (!raw) return Error::io("agency report: cannot create " + path.string());
  lxw_format* header = workbook_add_format(raw);
  format_set_bold(header);
  format_set_bg_color(header, 0xDDEBF7);
  for (const Table& t : reportTables(report, false))
    if (Status st = writeSheet(raw, t, header); !st) {
      workbook_close(raw);
      return st;
    }
  const lxw_error e = workbook_close(raw);
  if (e != LXW_NO_ERROR)
    return Error::io("agency report: writing " + path.string() + ": " + lxw_strerror(e));
  return {};
}

}  // namespace sinkron::agency_report
