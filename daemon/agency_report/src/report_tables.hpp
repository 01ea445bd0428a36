#pragma once
// The report's lists as plain tables (Indonesian headings), rendered alike by the HTML, XLSX
// and CSV writers.
#include <string>
#include <vector>

#include "sinkron/agency_report/agency_report.hpp"

namespace sinkron::agency_report {

struct Cell {
  std::string text;
  double number = 0;
  bool isNumber = false;
  Cell(std::string t) : text(std::move(t)) {}  // NOLINT: cells are built from both kinds
  Cell(const char* t) : text(t) {}             // NOLINT
  Cell(int n) : text(std::to_string(n)), number(n), isNumber(true) {}  // NOLINT
};

struct Table {
  std::string name;   // sheet name; the CSV file's stem is it in lower case, '_' for ' '
  std::string title;  // the HTML section heading
  std::vector<std::string> headers;
  std::vector<std::vector<Cell>> rows;
};

std::string isoDate(std::chrono::year_month_day d);

// Ringkasan, Rekonsiliasi, SKP, SKP Tahunan, Pelatihan, Presensi. `maskNips` masks every NIP
// (HTML).
std::vector<Table> reportTables(const AgencyReport& report, bool maskNips);

}  // namespace sinkron::agency_report
