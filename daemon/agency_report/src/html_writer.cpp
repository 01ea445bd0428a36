#include <algorithm>
#include <fstream>
#include <sstream>
#include <utility>

#include "report_tables.hpp"
#include "sinkron/agency_report/report_writers.hpp"

namespace sinkron::agency_report {
namespace {

std::string escaped(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  return out;
}

// A horizontal bar chart as inline SVG: one labelled bar per (label, value).
std::string barChart(const std::string& title,
                     const std::vector<std::pair<std::string, int>>& bars) {
  const int rowHeight = 26, labelWidth = 210, barWidth = 360;
  int top = 1;
  for (const auto& b : bars) top = std::max(top, b.second);
  std::ostringstream svg;
  const int height = rowHeight * int(bars.size()) + 34;
  svg << "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << labelWidth + barWidth + 60
      << "\" height=\"" << height << "\" role=\"img\" aria-label=\"" << escaped(title) << "\">"
      << "<text x=\"0\" y=\"16\" font-weight=\"bold\">" << escaped(title) << "</text>";
  int y = 28;
  for (const auto& [label, value] : bars) {
    const int w = value * barWidth / top;
    svg << "<text x=\"0\" y=\"" << y + 15 << "\">" << escaped(label) << "</text>"
        << "<rect x=\"" << labelWidth << "\" y=\"" << y << "\" width=\"" << w
        << "\" height=\"18\" fill=\"#2f6db5\"/>"
        << "<text x=\"" << labelWidth + w + 6 << "\" y=\"" << y + 15 << "\">" << value << "</text>";
    y += rowHeight;
  }
  svg << "</svg></figure>\n";
  return svg.str();
}

void writeTable(std::ostream& out, const Table& t) {
  out << "<h2>" << escaped(t.title) << "</h2>\n<table><thead><tr>";
  for (const auto& h : t.headers) out << "<th>" << escaped(h) << "</th>";
  out << "</tr></thead><tbody>\n";
  for (const auto& row : t.rows) {
    out << "<tr>";
    for (const Cell& c : row)
      out << (c.isNumber ? "<td class=\"n\">" : "<td>") << escaped(c.text) << "</td>";
    out << "</tr>\n";
  }
  out << "</tbody></table>\n";
}

}  // namespace

Status writeAgencyReportHtml(const AgencyReport& report, const std::filesystem::path& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Error::io("agency report: cannot write " + path.string());
  const AgencyTotals& t = report.totals;
  const std::string name = report.agencyName.empty() ? report.agency : report.agencyName;
  out << "<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\">"
      << "<title>Laporan instansi " << escaped(name) << "</title><style>"
      << "body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;"
         "margin-bottom:2em}th,td{border:1px solid #ccc;padding:3px 8px}th{background:#ddebf7}"
         "td.n{text-align:right}figure{display:inline-block;margin:0 2em 1em 0}"
         "svg text{font-size:13px}</style></head><body>\n"
      << "<h1>Laporan instansi " << escaped(name) << "</h1>\n<p>Bulan " << report.month << "/"
      << report.year << ", periode SKP TW" << report.quarter << " (batas waktu "
      << isoDate(report.skpDeadline) << ", sisa " << report.skpDaysLeft << " hari per "
      << isoDate(report.asOf) << "); SKP tahunan " << report.year << " (batas waktu "
      << isoDate(report.skpAnnualDeadline) << ", sisa " << report.skpAnnualDaysLeft
      << " hari).</p>\n";
  out << barChart("Rekonsiliasi SIMPEG–SIASN",
                  {{"Cocok", t.matched},
                   {"Cocok dengan perbedaan", t.matchedWithDifferences},
                   {"Hanya di SIMPEG", t.onlySimpeg},
                   {"Hanya di SIASN", t.onlySiasn},
                   {"Perlu ditinjau", t.review}});
  out << barChart("Status SKP", {{"Selesai", t.skpFinished},
                                 {"Sudah mengisi", t.skpFilled},
                                 {"Belum mengisi", t.skpNotFilled},
                                 {"Tidak ada data", t.skpNoData}});
  out << barChart("Status SKP tahunan", {{"Selesai", t.annualFinished},
                                         {"Sudah mengisi", t.annualFilled},
                                         {"Belum mengisi", t.annualNotFilled},
                                         {"Tidak ada data", t.annualNoData}});
  out << barChart("Presensi", {{"Hari terlambat", t.lateDays},
                               {"Izin (I)", t.izin},
                               {"Sakit (S)", t.sakit},
                               {"Cuti (C)", t.cuti},
                               {"Dinas luar (DL)", t.dinasLuar},
                               {"Tanpa keterangan (TK)", t.tanpaKeterangan}});
  for (const Table& table : reportTables(report, true)) writeTable(out, table);
  out << "</body></html>\n";
  out.flush();
  if (!out) return Error::io("agency report: writing " + path.string() + " failed");
  return {};
}

}  // namespace sinkron::agency_report
