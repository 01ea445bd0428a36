#pragma once
// Agency reports of `sinkron reconcile`: a self-contained HTML page (summary, charts, top lists)
// and an XLSX workbook (every list, one sheet each), both written from the files the reconcile
// job leaves in its output folder (summary.json, situations.csv, differences.csv,
// anomalies.csv, duplicates.csv). Inputs are streamed, so memory stays flat for millions of rows.
#include <cstdint>
#include <filesystem>

#include "sinkron/result.hpp"

namespace sinkron::report {

struct ReportFiles {
  std::filesystem::path html, xlsx;
};

// Excel's sheet limit: 1,048,576 rows, one of them the header.
inline constexpr std::uint32_t kExcelMaxDataRows = 1048575;

struct XlsxOptions {
  // Rows per list sheet; longer lists stop here and Ringkasan says how many were left out.
  std::uint32_t maxDataRows = kExcelMaxDataRows;
};

// Reads DIR's CSVs and summary.json, writes report.html and report.xlsx into DIR.
Result<ReportFiles> writeReconcileReports(const std::filesystem::path& dir);

// DIR/report.html: one file, inline CSS and SVG, NIKs masked.
Result<std::filesystem::path> writeHtmlReport(const std::filesystem::path& dir);

// DIR/report.xlsx: sheets Ringkasan, Perbedaan, Anomali, Duplikat, Review, Hanya_kiri,
// Hanya_kanan; written in libxlsxwriter's constant-memory mode.
Result<std::filesystem::path> writeXlsxReport(const std::filesystem::path& dir,
                                              const XlsxOptions& options = {});

}  // namespace sinkron::report
