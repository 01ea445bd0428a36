// The report routes: agency reports as JSON figures or self-contained HTML.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <rapidjson/document.h>
#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include "../cli/report_command.hpp"
#include "admin_context.hpp"
#include "sinkron/agency_report/report_writers.hpp"
#include "sinkron/security/masking.hpp"
#include "sinkron/store/change_history.hpp"
#include "sinkron/store/outbox_store.hpp"

namespace sinkron::daemon {
namespace {

using namespace admin_json;  // the admin types and the JSON helpers

// The report written by its writer into a temporary file, answered as the file's bytes (the
// caller holds the store mutex, so one request at a time uses the name).
AdminResponse reportFile(const agency_report::AgencyReport& report, const std::string& format) {
  auto file = std::filesystem::temp_directory_path() /
              ("sinkron-report-" + std::to_string(::getpid()) + "." + format);
  Status st = format == "xlsx" ? agency_report::writeAgencyReportXlsx(report, file)
                               : agency_report::writeAgencyReportHtml(report, file);
  if (!st) return AdminResponse::error(500, "internal", st.error().message);
  std::ifstream in(file, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(file);
  AdminResponse r;
  r.body = bytes.str();
  r.headers.emplace_back("Content-Type",
                         format == "xlsx"
                             ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                             : "text/html; charset=utf-8");
  return r;
}

// The CSV lists (one file each) as {"files":[{"name","content"}]}.
AdminResponse reportCsv(const agency_report::AgencyReport& report) {
  auto dir = std::filesystem::temp_directory_path() /
             ("sinkron-report-" + std::to_string(::getpid()) + "-csv");
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  if (Status st = agency_report::writeAgencyReportCsv(report, dir); !st)
    return AdminResponse::error(500, "internal", st.error().message);
  rapidjson::StringBuffer sb;
  Writer w(sb);
  w.StartObject();
  w.Key("files");
  w.StartArray();
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    w.StartObject();
    str(w, "name", entry.path().filename().string());
    str(w, "content", content.str());
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  std::filesystem::remove_all(dir, ec);
  return ok(sb);
}

struct ReportRoutes {
  AdminContext& c;

  // GET /api/v1/reports/agency?agency=&period=YYYY-MM[&format=html|xlsx|csv]: the figures as
  // JSON, the self-contained HTML report, the workbook, or the CSV lists in JSON. A token scoped to
  // agencies sees only those.
  AdminResponse agencyReport(const AdminRequest& req, const Principal& who) {
    auto get = [&](const char* k) {
      auto it = req.query.find(k);
      return it == req.query.end() ? std::string() : it->second;
    };
    const std::string agency = get("agency"), period = get("period");
    if (agency.empty() || period.empty())
      return AdminResponse::error(400, "bad_request", "agency and period (YYYY-MM) are required");
    if (!who.mayAccessAgency(agency))
      return AdminResponse::error(403, "forbidden", "this token is not for agency " + agency);
    std::lock_guard lock(c.storeMutex);
    auto report = agencyReportFor(*c.store, *c.config, agency, period);
    if (!report) {
      const bool bad = report.error().code == ErrorCode::kInvalidArgument;
      return AdminResponse::error(bad ? 400 : 500, bad ? "bad_request" : "internal",
                                  report.error().message);
    }
    const std::string format = get("format");
    if (format == "html" || format == "xlsx") return reportFile(*report, format);
    if (format == "csv") return reportCsv(*report);
    const auto& t = report->totals;
    rapidjson::StringBuffer sb;
    Writer w(sb);
    w.StartObject();
    str(w, "agency", report->agency);
    str(w, "agency_name", report->agencyName);
    w.Key("year"), w.Int(report->year);
    w.Key("month"), w.Int(report->month);
    w.Key("quarter"), w.Int(report->quarter);
    str(w, "skp_deadline", agency_report::isoDateOf(report->skpDeadline));
    w.Key("skp_days_left"), w.Int(report->skpDaysLeft);
    str(w, "skp_annual_deadline", agency_report::isoDateOf(report->skpAnnualDeadline));
    w.Key("skp_annual_days_left"), w.Int(report->skpAnnualDaysLeft);
    auto n = [&](const char* k, int v) { w.Key(k), w.Int(v); };
    n("employees", t.employees);
    n("matched", t.matched);
    n("matched_with_differences", t.matchedWithDifferences);
    n("only_simpeg", t.onlySimpeg);
    n("only_siasn", t.onlySiasn);
    n("review", t.review);
    n("skp_not_filled", t.skpNotFilled);
    n("skp_filled", t.skpFilled);
    n("skp_finished", t.skpFinished);
    n("skp_no_data", t.skpNoData);
    n("skp_annual_not_filled", t.annualNotFilled);
    n("skp_annual_filled", t.annualFilled);
    n("skp_annual_finished", t.annualFinished);
    n("skp_annual_no_data", t.annualNoData);
    n("training_jp", t.trainingJp);
    n("training_target_met", t.trainingTargetMet);
    n("training_pushed", t.trainingPushed);
    n("training_not_pushed", t.trainingNotPushed);
    n("days_present", t.daysPresent);
    n("late_days", t.lateDays);
    n("late_minutes", t.lateMinutes);
    n("izin", t.izin);
    n("sakit", t.sakit);
    n("cuti", t.cuti);
    n("dinas_luar", t.dinasLuar);
    n("tanpa_keterangan", t.tanpaKeterangan);
    w.EndObject();
    return ok(sb);
  }
};

}  // namespace

Status addReportRoutes(admin::AdminRouter& router, AdminContext& ctx) {
  auto self = std::make_shared<ReportRoutes>(ReportRoutes{ctx});
  const RouteAccess anyone =
      RouteAccess::forRoles({Role::kOperator, Role::kHelpdesk, Role::kAuditor});
  return router.add(
      "GET", "/api/v1/reports/agency", anyone,
      [self](const AdminRequest& r, const Principal& p) { return self->agencyReport(r, p); });
}

}  // namespace sinkron::daemon
