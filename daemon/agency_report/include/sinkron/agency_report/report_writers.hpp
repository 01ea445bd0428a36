#pragma once
// The agency report on disk, with Indonesian headings: one self-contained HTML page (summary,
// inline SVG charts, NIPs masked), one workbook (sheets Ringkasan, Rekonsiliasi, SKP,
// SKP Tahunan, Pelatihan, Presensi) and one CSV per list in a folder.
#include <filesystem>

#include "sinkron/agency_report/agency_report.hpp"
#include "sinkron/result.hpp"

namespace sinkron::agency_report {

Status writeAgencyReportHtml(const AgencyReport& report, const std::filesystem::path& path);
Status writeAgencyReportXlsx(const AgencyReport& report, const std::filesystem::path& path);
// ringkasan.csv, rekonsiliasi.csv, skp.csv, skp_tahunan.csv, pelatihan.csv, presensi.csv; `dir` is
// created.
Status writeAgencyReportCsv(const AgencyReport& report, const std::filesystem::path& dir);

}  // namespace sinkron::agency_report
