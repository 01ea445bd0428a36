#include "sinkron/daemon/report/reconcile_report.hpp"

#include <future>

namespace sinkron::report {

Result<ReportFiles> writeReconcileReports(const std::filesystem::path& dir) {
  // The two reports read the same files independently: run them side by side.
  auto xlsx = std::async(std::launch::async, [&dir] { return writeXlsxReport(dir); });
  auto html = writeHtmlReport(dir);
  auto workbook = xlsx.get();
  if (!html) return html.error();
  if (!workbook) return workbook.error();
  return ReportFiles{*html, *workbook};
}

}  // namespace sinkron::report
