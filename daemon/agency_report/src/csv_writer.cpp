#include <cctype>
#include <fstream>
#include <system_error>

#include "report_tables.hpp"
#include "sinkron/agency_report/report_writers.hpp"

namespace sinkron::agency_report {
namespace {

std::string csvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string fileStem(std::string s) {
  for (char& c : s)
    c = c == ' ' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

Status writeAgencyReportCsv(const AgencyReport& report, const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Error::io("agency report: cannot create " + dir.string() + ": " + ec.message());
  for (const Table& t : reportTables(report, false)) {
    const auto path = dir / (fileStem(t.name) + ".csv");
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) return Error::io("agency report: cannot write " + path.string());
    for (std::size_t c = 0; c < t.headers.size(); ++c)
      out << (c ? "," : "") << csvField(t.headers[c]);
    out << "\r\n";
    for (const auto& row : t.rows) {
      for (std::size_t c = 0; c < row.size(); ++c) out << (c ? "," : "") << csvField(row[c].text);
      out << "\r\n";
    }
    out.flush();
    if (!out) return Error::io("agency report: writing " + path.string() + " failed");
  }
  return {};
}

}  // namespace sinkron::agency_report
