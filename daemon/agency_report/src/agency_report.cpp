#include "sinkron/agency_report/agency_report.hpp"

#include <rapidjson/document.h>
#include <soci/soci.h>

#include <algorithm>
#include <exception>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "sinkron/attendance/monthly_summary.hpp"
#include "sinkron/mappings/civil_date.hpp"
#include "sinkron/mappings/name_normalizer.hpp"

namespace sinkron::agency_report {
namespace {

using namespace std::chrono;

std::string text(const rapidjson::Value& v, const char* field) {
  if (!v.IsObject()) return {};
  auto it = v.FindMember(field);
  if (it == v.MemberEnd()) return {};
  if (it->value.IsString()) return {it->value.GetString(), it->value.GetStringLength()};
  if (it->value.IsInt64()) return std::to_string(it->value.GetInt64());
  return {};
}

int integer(const rapidjson::Value& v, const char* field) {
  if (!v.IsObject()) return 0;
  auto it = v.FindMember(field);
  if (it == v.MemberEnd()) return 0;
  if (it->value.IsInt()) return it->value.GetInt();
  if (it->value.IsString()) return std::atoi(it->value.GetString());
  return 0;
}

// "dd-mm-yyyy", the start-date form inside SIASN kursus/diklat natural keys.
std::string dmy(const std::string& date) {
  auto d = mappings::parseDate(date);
  if (!d) return {};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", d->day, d->month, d->year);
  return buf;
}

std::vector<std::string> splitBar(const std::string& s) {
  std::vector<std::string> parts;
  std::size_t from = 0;
  for (std::size_t at; (at = s.find('|', from)) != std::string::npos; from = at + 1)
    parts.push_back(s.substr(from, at - from));
  parts.push_back(s.substr(from));
  return parts;
}

struct LinkInfo {
  std::string decision, explanation;
  bool isReview() const { return decision == "review" || explanation == "review"; }
};

struct Person {
  EmployeeRow row;
  std::optional<long long> employeeId;
  std::string personId;
  std::string siasnJson, simpegJson;
};

void compareIdentity(Person& p) {
  rapidjson::Document a, b;
  a.Parse(p.simpegJson.c_str());
  b.Parse(p.siasnJson.c_str());
  if (a.HasParseError() || b.HasParseError()) return;
  for (const char* f : {"nip", "nama", "tgl_lahir", "jenis_kelamin"}) {
    std::string l = text(a, f), r = text(b, f);
    if (l.empty() || r.empty()) continue;
    if (std::string_view(f) == "nama")
      l = mappings::normalizeName(l), r = mappings::normalizeName(r);
    if (l != r) p.row.differingFields.emplace_back(f);
  }
}

SkpStatus skpStatusOf(const std::string& status) {
  return status == "final"           ? SkpStatus::kFinished
         : status == "belum_mengisi" ? SkpStatus::kNotFilled
         : status.empty()            ? SkpStatus::kNoData
                                     : SkpStatus::kFilled;
}

void countSkp(SkpStatus s, int& noData, int& notFilled, int& filled, int& finished) {
  ++(s == SkpStatus::kFinished    ? finished
     : s == SkpStatus::kFilled    ? filled
     : s == SkpStatus::kNotFilled ? notFilled
                                  : noData);
}

class Builder {
 public:
  Builder(store::StateStore& state, const AgencyReportQuery& q)
      : state_(state), sql_(state.session()), q_(q) {}

  Result<AgencyReport> build() {
    AgencyReport out;
    out.agency = q_.agency;
    out.year = q_.year;
    out.month = q_.month;
    out.quarter = (q_.month + 2) / 3;
    out.asOf = q_.asOf;
    out.skpDeadline = skpDeadline(q_.year, out.quarter);
    out.skpDaysLeft = static_cast<int>((sys_days(out.skpDeadline) - sys_days(q_.asOf)).count());
    out.skpAnnualDeadline = skpAnnualDeadline(q_.year);
    out.skpAnnualDaysLeft =
        static_cast<int>((sys_days(out.skpAnnualDeadline) - sys_days(q_.asOf)).count());

    loadLinks();
    loadSiasn(out);
    loadSimpeg();
    for (Person& p : people_) classify(p);
    loadSkp("TW" + std::to_string(out.quarter), &EmployeeRow::skp, &EmployeeRow::predikat);
    loadSkp("TAHUNAN", &EmployeeRow::annualSkp, &EmployeeRow::annualPredikat);
    loadTraining();
    if (Status st = loadAttendance(); !st) return st.error();

    std::sort(people_.begin(), people_.end(), [](const Person& a, const Person& b) {
      return std::tie(a.row.nip, a.row.siasnKey, a.row.simpegKey) <
             std::tie(b.row.nip, b.row.siasnKey, b.row.simpegKey);
    });
    for (Person& p : people_) {
      addToTotals(p.row, out.totals);
      out.employees.push_back(std::move(p.row));
    }
    return out;
  }

 private:
  void loadLinks() {
    std::string connector, key, decision, explanation;
    soci::indicator explanationInd = soci::i_null;
    soci::statement st =
        (sql_.prepare << "SELECT connector, source_key, decision, explanation "
                         "FROM links WHERE connector = :a OR connector = :b",
         soci::use(q_.simpegConnector), soci::use(q_.siasnConnector), soci::into(connector),
         soci::into(key), soci::into(decision), soci::into(explanation, explanationInd));
    st.execute();
    while (st.fetch())
      (connector == q_.siasnConnector ? siasnLinks_ : simpegLinks_)[key] = {
          decision, explanationInd == soci::i_ok ? explanation : std::string()};
  }

  // SIASN records of the agency; the LIKE only narrows the scan, the parsed unit_id decides.
  void loadSiasn(AgencyReport& out) {
    std::string key, json, stream = "data-utama", pattern = "%" + q_.agency + "%";
    long long employee = 0;
    soci::indicator employeeInd = soci::i_null;
    soci::statement st =
        (sql_.prepare << "SELECT source_key, employee_id, record_json FROM source_records "
                         "WHERE connector = :c AND stream = :s AND missing_since IS NULL "
                         "AND record_json LIKE :p",
         soci::use(q_.siasnConnector), soci::use(stream), soci::use(pattern), soci::into(key),
         soci::into(employee, employeeInd), soci::into(json));
    st.execute();
    rapidjson::Document d;
    while (st.fetch()) {
      d.Parse(json.c_str());
      if (d.HasParseError() || text(d, "unit_id") != q_.agency) continue;
      Person p;
      p.row.siasnKey = key;
      p.row.nip = text(d, "nip");
      if (p.row.nip.empty()) p.row.nip = key;
      p.row.name = text(d, "nama");
      p.personId = text(d, "person_id");
      p.siasnJson = json;
      if (out.agencyName.empty()) out.agencyName = text(d, "unit");
      if (employeeInd == soci::i_ok) {
        p.employeeId = employee;
        byEmployee_.emplace(employee, people_.size());
      }
      people_.push_back(std::move(p));
    }
  }

  // SIMPEG records linked to the agency's people, and unlinked ones naming the agency.
  void loadSimpeg() {
    std::string key, json, stream = "pegawai";
    long long employee = 0;
    soci::indicator employeeInd = soci::i_null;
    soci::statement st =
        (sql_.prepare << "SELECT source_key, employee_id, record_json FROM source_records "
                         "WHERE connector = :c AND stream = :s AND missing_since IS NULL",
         soci::use(q_.simpegConnector), soci::use(stream), soci::into(key),
         soci::into(employee, employeeInd), soci::into(json));
    st.execute();
    rapidjson::Document d;
    while (st.fetch()) {
      const bool linked = employeeInd == soci::i_ok;
      if (linked)
        if (auto it = byEmployee_.find(employee); it != byEmployee_.end()) {
          Person& p = people_[it->second];
          if (p.row.simpegKey.empty()) p.row.simpegKey = key, p.simpegJson = json;
          continue;
        }
      if (json.find(q_.agency) == std::string::npos) continue;
      d.Parse(json.c_str());
      if (d.HasParseError() || text(d, "unit_id") != q_.agency) continue;
      Person p;
      p.row.simpegKey = key;
      p.row.nip = text(d, "nip");
      p.row.name = text(d, "nama");
      p.simpegJson = json;
      if (linked) {
        p.employeeId = employee;
        byEmployee_.emplace(employee, people_.size());
      }
      people_.push_back(std::move(p));
    }
  }

  void classify(Person& p) {
    auto reviewIn = [](const auto& links, const std::string& key) {
      auto it = key.empty() ? links.end() : links.find(key);
      return it != links.end() && it->second.isReview();
    };
    if (reviewIn(siasnLinks_, p.row.siasnKey) || reviewIn(simpegLinks_, p.row.simpegKey)) {
      p.row.recon = ReconStatus::kReview;
    } else if (p.row.simpegKey.empty()) {
      p.row.recon = ReconStatus::kOnlySiasn;
    } else if (p.row.siasnKey.empty()) {
      p.row.recon = ReconStatus::kOnlySimpeg;
    } else {
      compareIdentity(p);
      p.row.recon = p.row.differingFields.empty() ? ReconStatus::kMatched
                                                  : ReconStatus::kMatchedWithDifferences;
    }
    if (!p.row.nip.empty()) byNip_.emplace(p.row.nip, &p - people_.data());
  }

  // One e-Kinerja period ("TW4", "TAHUNAN") of the report year into the given row fields.
  void loadSkp(const std::string& periode, SkpStatus EmployeeRow::*status,
               std::string EmployeeRow::*predikat) {
    std::string json,
        stream = "penilaian/" + std::to_string(q_.year) + "/" + periode + "/" + q_.agency;
    soci::statement st =
        (sql_.prepare << "SELECT record_json FROM source_records WHERE "
                         "connector = :c AND stream = :s AND missing_since IS NULL",
         soci::use(q_.ekinerjaConnector), soci::use(stream), soci::into(json));
    st.execute();
    rapidjson::Document d;
    while (st.fetch()) {
      d.Parse(json.c_str());
      if (d.HasParseError()) continue;
      auto it = byNip_.find(text(d, "nip"));
      if (it == byNip_.end()) continue;
      EmployeeRow& row = people_[it->second].row;
      row.*status = skpStatusOf(text(d, "status"));
      row.*predikat = text(d, "predikat");
    }
  }

  void loadTraining() {
    // Delivered SIASN pushes, keyed "<personId or NIP>|<start dd-mm-yyyy>".
    std::unordered_set<std::string> delivered;
    {
      std::string target, natural, status = "delivered";
      soci::statement st =
          (sql_.prepare << "SELECT target_key, natural_key FROM outbox WHERE connector = :c AND "
                           "status = :s AND (kind = 'kursus' OR kind = 'diklat')",
           soci::use(q_.siasnConnector), soci::use(status), soci::into(target),
           soci::into(natural));
      st.execute();
      while (st.fetch()) {
        auto parts = splitBar(natural);
        if (parts.size() < 3) continue;
        delivered.insert(parts[1] + "|" + parts.back());
        delivered.insert(target + "|" + parts.back());
      }
    }
    std::string key, json, stream = "completions";
    long long employee = 0;
    soci::statement st =
        (sql_.prepare << "SELECT source_key, employee_id, record_json FROM source_records "
                         "WHERE connector = :c AND stream = :s AND employee_id IS NOT NULL "
                         "AND missing_since IS NULL ORDER BY source_key",
         soci::use(q_.trainingConnector), soci::use(stream), soci::into(key), soci::into(employee),
         soci::into(json));
    st.execute();
    rapidjson::Document d;
    while (st.fetch()) {
      auto it = byEmployee_.find(employee);
      if (it == byEmployee_.end()) continue;
      d.Parse(json.c_str());
      if (d.HasParseError() || !d.IsObject()) continue;
      const rapidjson::Value& c = d.HasMember("completion") ? d["completion"] : d;
      TrainingCompletion t;
      t.sourceKey = key;
      t.title = text(c, "nama_pelatihan");
      t.startDate = text(c, "tanggal_mulai");
      t.jp = integer(c, "jp");
      auto start = mappings::parseDate(t.startDate);
      if (!start || start->year != q_.year) continue;
      Person& p = people_[it->second];
      const std::string day = dmy(t.startDate);
      t.pushedToSiasn = (!p.personId.empty() && delivered.count(p.personId + "|" + day)) ||
                        delivered.count(p.row.nip + "|" + day);
      p.row.trainingJp += t.jp;
      ++(t.pushedToSiasn ? p.row.trainingPushed : p.row.trainingNotPushed);
      p.row.trainings.push_back(std::move(t));
    }
  }

  Status loadAttendance() {
    auto summary = attendance::monthlySummary(state_, q_.year, q_.month);
    if (!summary) return summary.error();
    for (const attendance::MonthlyAttendance& m : *summary) {
      auto it = byNip_.find(m.nip);
      if (it == byNip_.end()) continue;
      people_[it->second].row.attendance = {m.daysRecorded, m.daysPresent, m.lateDays,
                                            m.lateMinutes,  m.izin,        m.sakit,
                                            m.cuti,         m.dinasLuar,   m.tanpaKeterangan};
    }
    return {};
  }

  static void addToTotals(const EmployeeRow& r, AgencyTotals& t) {
    ++t.employees;
    switch (r.recon) {
      case ReconStatus::kMatched:
        ++t.matched;
        break;
      case ReconStatus::kMatchedWithDifferences:
        ++t.matchedWithDifferences;
        break;
      case ReconStatus::kOnlySimpeg:
        ++t.onlySimpeg;
        break;
      case ReconStatus::kOnlySiasn:
        ++t.onlySiasn;
        break;
      case ReconStatus::kReview:
        ++t.review;
        break;
    }
    countSkp(r.skp, t.skpNoData, t.skpNotFilled, t.skpFilled, t.skpFinished);
    countSkp(r.annualSkp, t.annualNoData, t.annualNotFilled, t.annualFilled, t.annualFinished);
    t.trainingJp += r.trainingJp;
    t.trainingTargetMet += r.trainingJp >= AgencyReport::kTrainingTargetJp;
    t.trainingPushed += r.trainingPushed;
    t.trainingNotPushed += r.trainingNotPushed;
    const AttendanceFigures& a = r.attendance;
    t.daysPresent += a.daysPresent;
    t.lateDays += a.lateDays;
    t.lateMinutes += a.lateMinutes;
    t.izin += a.izin;
    t.sakit += a.sakit;
    t.cuti += a.cuti;
    t.dinasLuar += a.dinasLuar;
    t.tanpaKeterangan += a.tanpaKeterangan;
  }

  store::StateStore& state_;
  soci::session& sql_;
  const AgencyReportQuery& q_;
  std::vector<Person> people_;
  std::unordered_map<long long, std::size_t> byEmployee_;
  std::unordered_map<std::string, std::size_t> byNip_;
  std::unordered_map<std::string, LinkInfo> siasnLinks_, simpegLinks_;
};

}  // namespace

const char* reconStatusName(ReconStatus s) {
  switch (s) {
    case ReconStatus::kMatched:
      return "cocok";
    case ReconStatus::kMatchedWithDifferences:
      return "cocok_berbeda";
    case ReconStatus::kOnlySimpeg:
      return "hanya_simpeg";
    case ReconStatus::kOnlySiasn:
      return "hanya_siasn";
    case ReconStatus::kReview:
      return "tinjau";
  }
  return "";
}

const char* skpStatusName(SkpStatus s) {
  switch (s) {
    case SkpStatus::kNoData:
      return "tidak_ada_data";
    case SkpStatus::kNotFilled:
      return "belum_mengisi";
    case SkpStatus::kFilled:
      return "sudah_mengisi";
    case SkpStatus::kFinished:
      return "selesai";
  }
  return "";
}

std::chrono::year_month_day skpDeadline(int year, int quarter) {
  const year_month first{std::chrono::year{year}, std::chrono::month{unsigned(quarter * 3)}};
  const year_month next = first + months{1};
  return {next.year(), next.month(), day{10}};
}

std::chrono::year_month_day skpAnnualDeadline(int year) {
  return {std::chrono::year{year + 1}, January, day{15}};
}

Result<AgencyReport> buildAgencyReport(store::StateStore& state, const AgencyReportQuery& query) {
  if (query.agency.empty()) return Error::invalid("agency report: no agency (SIASN unorId) given");
  if (query.month < 1 || query.month > 12)
    return Error::invalid("agency report: month " + std::to_string(query.month) +
                          " is outside 1..12");
  if (query.year < 1900 || query.year > 2100)
    return Error::invalid("agency report: year " + std::to_string(query.year) +
                          " is outside 1900..2100");
  if (!query.asOf.ok()) return Error::invalid("agency report: the as-of date is not a valid date");
  try {
    return Builder(state, query).build();
  } catch (const std::exception& e) {
    return Error::io(std::string("agency report: reading the state store: ") + e.what());
  }
}

}  // namespace sinkron::agency_report
