#pragma once
// The agency report: for one SIASN agency (unorId) and one month, every employee's
// reconciliation status, SKP appraisal status for the quarter and for the year (TAHUNAN),
// training hours of the year and monthly attendance, read from the state store in a few set queries
// and joined in memory.
#include <chrono>
#include <string>
#include <vector>

#include "sinkron/result.hpp"
#include "sinkron/store/state_store.hpp"

namespace sinkron::agency_report {

struct AgencyReportQuery {
  std::string agency;  // SIASN unorId (record field unit_id), also the e-Kinerja unor_id
  int year = 0;
  int month = 0;  // 1..12; the SKP period is the quarter containing it
  std::string simpegConnector = "simpeg";
  std::string siasnConnector = "siasn";
  std::string ekinerjaConnector = "ekinerja";
  std::string trainingConnector = "training";
  std::chrono::year_month_day asOf{};  // "today" for the days left to the SKP deadline
};

enum class ReconStatus { kMatched, kMatchedWithDifferences, kOnlySimpeg, kOnlySiasn, kReview };
// "cocok", "cocok_berbeda", "hanya_simpeg", "hanya_siasn", "tinjau"
const char* reconStatusName(ReconStatus s);

// From the e-Kinerja row's status: "final" → finished; "draft" / "belum_dinilai" → filled in;
// "belum_mengisi" → not filled in; no row for the person → no data.
enum class SkpStatus { kNoData, kNotFilled, kFilled, kFinished };
// "tidak_ada_data", "belum_mengisi", "sudah_mengisi", "selesai"
const char* skpStatusName(SkpStatus s);

// The documented deadline rule: the appraisal of quarter TWq is due on the 10th of the month
// after the quarter (TW1 → 10 April, ..., TW4 → 10 January of the next year).
std::chrono::year_month_day skpDeadline(int year, int quarter);
// The annual (TAHUNAN) appraisal of `year` is due mid-January of the next year (DOMAIN: the
// year-end appraisal's hard deadline): 15 January.
std::chrono::year_month_day skpAnnualDeadline(int year);

struct TrainingCompletion {
  std::string sourceKey;
  std::string title;
  std::string startDate;  // as the training system sent it
  int jp = 0;
  bool pushedToSiasn = false;  // a delivered SIASN kursus/diklat push for this person and start
};

struct AttendanceFigures {
  int daysRecorded = 0, daysPresent = 0, lateDays = 0, lateMinutes = 0;
  int izin = 0, sakit = 0, cuti = 0, dinasLuar = 0, tanpaKeterangan = 0;  // I, S, C, DL, TK
  bool operator==(const AttendanceFigures&) const = default;
};

struct EmployeeRow {
  std::string nip;  // SIASN NIP, or SIMPEG's for a person only in SIMPEG
  std::string name;
  std::string simpegKey, siasnKey;  // empty when absent on that side
  ReconStatus recon = ReconStatus::kOnlySiasn;
  std::vector<std::string> differingFields;  // of nip, nama, tgl_lahir, jenis_kelamin
  SkpStatus skp = SkpStatus::kNoData;
  std::string predikat;
  SkpStatus annualSkp = SkpStatus::kNoData;  // the TAHUNAN appraisal of the report year
  std::string annualPredikat;
  std::vector<TrainingCompletion> trainings;  // of the report year, ordered by source key
  int trainingJp = 0;
  int trainingPushed = 0, trainingNotPushed = 0;
  AttendanceFigures attendance;
};

struct AgencyTotals {
  int employees = 0;
  int matched = 0, matchedWithDifferences = 0, onlySimpeg = 0, onlySiasn = 0, review = 0;
  int skpNoData = 0, skpNotFilled = 0, skpFilled = 0, skpFinished = 0;
  int annualNoData = 0, annualNotFilled = 0, annualFilled = 0, annualFinished = 0;
  int trainingJp = 0, trainingTargetMet = 0, trainingPushed = 0, trainingNotPushed = 0;
  int daysPresent = 0, lateDays = 0, lateMinutes = 0;
  int izin = 0, sakit = 0, cuti = 0, dinasLuar = 0, tanpaKeterangan = 0;
};

struct AgencyReport {
  std::string agency;
  std::string agencyName;  // the `unit` field of the SIASN records, when present
  int year = 0, month = 0, quarter = 0;
  std::chrono::year_month_day asOf{};
  std::chrono::year_month_day skpDeadline{};
  int skpDaysLeft = 0;                              // negative once the deadline has passed
  std::chrono::year_month_day skpAnnualDeadline{};  // of the TAHUNAN appraisal of `year`
  int skpAnnualDaysLeft = 0;
  static constexpr int kTrainingTargetJp = 20;
  std::vector<EmployeeRow> employees;  // ordered by NIP
  AgencyTotals totals;
};

// "YYYY-MM-DD".
std::string isoDateOf(std::chrono::year_month_day d);

// Errors: an empty agency, a month outside 1..12, a year outside 1900..2100, an invalid asOf,
// a store failure.
Result<AgencyReport> buildAgencyReport(store::StateStore& state, const AgencyReportQuery& query);

}  // namespace sinkron::agency_report
