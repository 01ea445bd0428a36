// The agency report over a crafted SQLite store: six people in one agency (each with the
// situation its comment names) and two in another that must not show up; every figure is
// asserted, then the three writers. A 10,000-person store prints how long the report takes.
#include <soci/soci.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "sinkron/agency_report/agency_report.hpp"
#include "sinkron/agency_report/report_writers.hpp"

namespace fs = std::filesystem;
using namespace sinkron;
using namespace sinkron::agency_report;
using namespace std::chrono;

namespace {

const std::string kAgency(32, 'a');
const std::string kOther(32, 'b');

struct TempDir {
  fs::path path =
      fs::temp_directory_path() / ("sinkron-agency-report-" + std::to_string(::getpid()) + "-" +
                                   std::to_string(reinterpret_cast<std::uintptr_t>(this)));
  TempDir() { fs::create_directories(path); }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string nipOf(int n) {  // 18 digits, ordered by n
  char b[24];
  std::snprintf(b, sizeof b, "19800101200501%04d", n);
  return b;
}

std::string person(const std::string& nip, const std::string& nama, const std::string& unit,
                   const std::string& birth = "1980-01-01") {
  return "{\"nip\":\"" + nip + "\",\"nama\":\"" + nama + "\",\"tgl_lahir\":\"" + birth +
         "\",\"jenis_kelamin\":\"M\",\"unit_id\":\"" + unit +
         "\",\"unit\":\"Badan Kepegawaian Daerah\",\"person_id\":\"pid-" + nip + "\"}";
}

class Store {
 public:
  Store() {
    store::StoreOptions o;
    o.connect = (dir_.path / "state.db").string();
    auto s = store::StateStore::open(o);
    REQUIRE(s);
    store_ = std::move(*s);
  }
  soci::session& sql() { return store_->session(); }
  store::StateStore& store() { return *store_; }
  const fs::path& dir() const { return dir_.path; }

  long long employee(const std::string& nip) {
    const long long id = ++nextEmployee_;
    sql() << "INSERT INTO employees (id, nip, name, canonical_json, created_at, updated_at) "
             "VALUES (:i, :n, 'x', '{}', 0, 0)",
        soci::use(id), soci::use(nip);
    return id;
  }
  void record(const std::string& connector, const std::string& stream, const std::string& key,
              const std::string& json, long long employeeId = 0) {
    soci::indicator ind = employeeId ? soci::i_ok : soci::i_null;
    sql() << "INSERT INTO source_records (connector, stream, source_key, employee_id, "
             "content_hash, record_json, updated_at) VALUES (:c, :s, :k, :e, 'h', :j, 0)",
        soci::use(connector), soci::use(stream), soci::use(key), soci::use(employeeId, ind),
        soci::use(json);
  }
  void link(const std::string& connector, const std::string& key, long long employeeId,
            const std::string& situation) {
    const std::string decision = situation == "review" ? "review" : "match";
    sql() << "INSERT INTO links (connector, source_key, employee_id, decision, score, "
             "explanation, decided_by, updated_at) VALUES (:c, :k, :e, :d, 0.9, :x, 'sinkron', 0)",
        soci::use(connector), soci::use(key), soci::use(employeeId), soci::use(decision),
        soci::use(situation);
  }
  // SIASN (and SIMPEG when simpegJson is given) records of one employee.
  long long both(const std::string& nip, const std::string& siasnJson, const std::string& simpegKey,
                 const std::string& simpegJson, const std::string& situation = "matched") {
    const long long e = employee(nip);
    record("siasn", "data-utama", nip, siasnJson, e);
    link("siasn", nip, e, situation);
    if (!simpegJson.empty()) {
      record("simpeg", "pegawai", simpegKey, simpegJson, e);
      link("simpeg", simpegKey, e, situation);
    }
    return e;
  }
  void appraisal(const std::string& unor, const std::string& periode, const std::string& nip,
                 const std::string& status, const std::string& predikat) {
    const std::string json =
        "{\"nip\":\"" + nip + "\",\"nama\":\"x\",\"periode\":\"" + periode +
        "\",\"predikat\":" + (predikat.empty() ? "null" : "\"" + predikat + "\"") +
        ",\"status\":\"" + status + "\"}";
    record("ekinerja", "penilaian/2026/" + periode + "/" + unor, nip + "|" + periode, json);
  }
  void completion(const std::string& key, long long employeeId, int jp, const std::string& start,
                  const std::string& title) {
    const std::string json = "{\"completion\":{\"jp\":" + std::to_string(jp) +
                             ",\"tanggal_mulai\":\"" + start + "\",\"nama_pelatihan\":\"" + title +
                             "\"},\"attendee\":{\"nama\":\"x\"}}";
    record("training", "completions", key, json, employeeId);
    link("training", key, employeeId, "matched");
  }
  void push(const std::string& kind, const std::string& target, const std::string& natural,
            const std::string& status) {
    sql() << "INSERT INTO outbox (connector, kind, target_key, natural_key, payload, status, "
             "attempts, next_attempt_at, created_at) VALUES ('siasn', :k, :t, :n, '{}', :s, 1, "
             "0, 0)",
        soci::use(kind), soci::use(target), soci::use(natural), soci::use(status);
  }
  void day(const std::string& nip, const std::string& date, const std::string& status,
           int late = 0) {
    soci::indicator in = status == "H" ? soci::i_ok : soci::i_null;
    std::string first = "07:30:00", last = "16:30:00";
    sql() << "INSERT INTO attendance_daily (nip, day, first_in, last_out, status, late_minutes, "
             "updated_at) VALUES (:n, :d, :f, :l, :s, :m, 0)",
        soci::use(nip), soci::use(date), soci::use(first, in), soci::use(last, in),
        soci::use(status), soci::use(late);
  }

 private:
  TempDir dir_;
  std::unique_ptr<store::StateStore> store_;
  long long nextEmployee_ = 0;
};

AgencyReportQuery query(const std::string& agency = kAgency) {
  AgencyReportQuery q;
  q.agency = agency;
  q.year = 2026;
  q.month = 11;
  q.asOf = 2026y / November / 23;
  return q;
}

// Person n (1..6) of the agency, each in the situation its comment names; 7 and 8 elsewhere.
void plant(Store& s) {
  const std::string n1 = nipOf(1), n2 = nipOf(2), n3 = nipOf(3), n4 = nipOf(4), n5 = nipOf(5),
                    n6 = nipOf(6), b1 = nipOf(7), b2 = nipOf(8);
  // 1: matched; SKP final; 16 + 8 JP this year (the first pushed), 40 JP last year; late once.
  const long long e1 = s.both(n1, person(n1, "Ani Lestari", kAgency), "S1",
                              person(n1, "ANI LESTARI", "simpeg-unit-1"));
  s.appraisal(kAgency, "TW4", n1, "final", "Baik");
  s.completion("C1", e1, 16, "2026-03-10", "Pelatihan Kepemimpinan");
  s.completion("C2", e1, 8, "2026-06-01", "Pelatihan Arsip");
  s.completion("C0", e1, 40, "2025-02-01", "Pelatihan Lama");
  s.push("kursus", n1, "kursus|pid-" + n1 + "|Pelatihan Kepemimpinan|10-03-2026", "delivered");
  s.push("kursus", n1, "kursus|pid-" + n1 + "|Pelatihan Arsip|01-06-2026", "pending");
  s.day(n1, "2026-11-02", "H", 15);
  s.day(n1, "2026-11-03", "H");
  // 2: matched with differences (name and birth date); SKP draft (TW3 final is another
  // period); 8 JP not pushed; present once, TK once.
  const long long e2 =
      s.both(n2, person(n2, "Budi Santoso", kAgency), "S2",
             person(n2, "Budi Santosa", "simpeg-unit-1", "1980-02-01"), "matched_with_differences");
  s.appraisal(kAgency, "TW4", n2, "draft", "");
  s.appraisal(kAgency, "TW3", n2, "final", "Sangat Baik");
  // The annual appraisals of the year: 1 finished, 2 open (belum_dinilai), 3 never filled in.
  s.appraisal(kAgency, "TAHUNAN", n1, "final", "Sangat Baik");
  s.appraisal(kAgency, "TAHUNAN", n2, "belum_dinilai", "");
  s.completion("C3", e2, 8, "2026-04-01", "Pelatihan Teknis");
  s.day(n2, "2026-11-02", "H");
  s.day(n2, "2026-11-03", "TK");
  // 3: only in SIASN; has not filled in the SKP; izin and sakit.
  s.both(n3, person(n3, "Citra Dewi", kAgency), "", "", "only_right");
  s.appraisal(kAgency, "TW4", n3, "belum_mengisi", "");
  s.appraisal(kAgency, "TAHUNAN", n3, "belum_mengisi", "");
  s.day(n3, "2026-11-02", "I");
  s.day(n3, "2026-11-03", "S");
  // 4: a review pair (the SIMPEG side is another employee, in another unit); no appraisal row;
  // 20 JP, a diklat pushed (found by target NIP: the push named an older person id).
  const long long e4 = s.both(n4, person(n4, "Dedi Kurnia", kAgency), "", "", "review");
  const long long e4b = s.employee(n4);
  s.record("simpeg", "pegawai", "S4", person(n4, "Dedy Kurniawan", "simpeg-unit-2"), e4b);
  s.link("simpeg", "S4", e4b, "review");
  s.completion("C4", e4, 20, "05-05-2026", "Diklat PIM IV");
  s.push("diklat", n4, "diklat|old-pid|latihan-7|05-05-2026", "delivered");
  // 5: only in SIMPEG (its unit is the agency); cuti and dinas luar.
  const long long e5 = s.employee(n5);
  s.record("simpeg", "pegawai", "S5", person(n5, "Eka Putri", kAgency), e5);
  s.link("simpeg", "S5", e5, "only_left");
  s.day(n5, "2026-11-02", "C");
  s.day(n5, "2026-11-03", "DL");
  // 6: matched; SKP final; late 30 minutes; a record vanished from SIASN is not counted.
  s.both(n6, person(n6, "Fajar Nugroho", kAgency), "S6", person(n6, "Fajar Nugroho", "u"));
  s.appraisal(kAgency, "TW4", n6, "final", "Baik");
  s.day(n6, "2026-11-04", "H", 30);
  s.record("siasn", "data-utama", nipOf(9), person(nipOf(9), "Gone", kAgency));
  s.sql() << "UPDATE source_records SET missing_since = 1 WHERE source_key = '" + nipOf(9) + "'";
  // 7 and 8: the other agency.
  const long long e7 = s.both(b1, person(b1, "Hadi", kOther), "S7", person(b1, "Hadi", "u"));
  s.both(b2, person(b2, "Indah", kOther), "S8", person(b2, "Indah", "u"));
  s.appraisal(kOther, "TW4", b1, "final", "Baik");
  s.completion("C7", e7, 30, "2026-01-01", "Pelatihan Lain");
  s.day(b1, "2026-11-02", "H", 99);
  s.day(b2, "2026-11-02", "TK");
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("agency report: the SKP deadline is the 10th of the month after the quarter",
          "[agency_report]") {
  CHECK(skpDeadline(2026, 1) == 2026y / April / 10);
  CHECK(skpDeadline(2026, 3) == 2026y / October / 10);
  CHECK(skpDeadline(2026, 4) == 2027y / January / 10);
  CHECK(skpAnnualDeadline(2026) == 2027y / January / 15);
}

TEST_CASE("agency report: over a crafted store", "[agency_report]") {
  Store s;
  plant(s);
  auto built = buildAgencyReport(s.store(), query());
  REQUIRE(built);
  const AgencyReport& r = *built;

  CHECK(r.agencyName == "Badan Kepegawaian Daerah");
  CHECK(r.quarter == 4);
  CHECK(r.skpDeadline == 2027y / January / 10);
  CHECK(r.skpDaysLeft == 48);
  CHECK(r.skpAnnualDeadline == 2027y / January / 15);
  CHECK(r.skpAnnualDaysLeft == 53);
  REQUIRE(r.employees.size() == 6);
  for (int i = 0; i < 6; ++i) CHECK(r.employees[i].nip == nipOf(i + 1));
  const EmployeeRow &p1 = r.employees[0], &p2 = r.employees[1], &p3 = r.employees[2],
                    &p4 = r.employees[3], &p5 = r.employees[4], &p6 = r.employees[5];

  SECTION("reconciliation") {
    CHECK(p1.recon == ReconStatus::kMatched);
    CHECK(p1.simpegKey == "S1");
    CHECK(p1.siasnKey == nipOf(1));
    CHECK(p2.recon == ReconStatus::kMatchedWithDifferences);
    CHECK(p2.differingFields == std::vector<std::string>{"nama", "tgl_lahir"});
    CHECK(p3.recon == ReconStatus::kOnlySiasn);
    CHECK(p4.recon == ReconStatus::kReview);
    CHECK(p4.simpegKey.empty());
    CHECK(p5.recon == ReconStatus::kOnlySimpeg);
    CHECK(p5.siasnKey.empty());
    CHECK(p5.name == "Eka Putri");
    CHECK(p6.recon == ReconStatus::kMatched);
  }
  SECTION("SKP") {
    CHECK(p1.skp == SkpStatus::kFinished);
    CHECK(p1.predikat == "Baik");
    CHECK(p2.skp == SkpStatus::kFilled);
    CHECK(p2.predikat.empty());
    CHECK(p3.skp == SkpStatus::kNotFilled);
    CHECK(p4.skp == SkpStatus::kNoData);
    CHECK(p5.skp == SkpStatus::kNoData);
    CHECK(p6.skp == SkpStatus::kFinished);
  }
  SECTION("annual SKP (TAHUNAN) of the year") {
    CHECK(p1.annualSkp == SkpStatus::kFinished);
    CHECK(p1.annualPredikat == "Sangat Baik");
    CHECK(p2.annualSkp == SkpStatus::kFilled);
    CHECK(p3.annualSkp == SkpStatus::kNotFilled);
    CHECK(p4.annualSkp == SkpStatus::kNoData);
    CHECK(p6.annualSkp == SkpStatus::kNoData);
    CHECK(r.totals.annualFinished == 1);
    CHECK(r.totals.annualFilled == 1);
    CHECK(r.totals.annualNotFilled == 1);
    CHECK(r.totals.annualNoData == 3);
  }
  SECTION("training") {
    CHECK(p1.trainingJp == 24);
    REQUIRE(p1.trainings.size() == 2);
    CHECK(p1.trainings[0].sourceKey == "C1");
    CHECK(p1.trainings[0].pushedToSiasn);
    CHECK_FALSE(p1.trainings[1].pushedToSiasn);
    CHECK(p1.trainingPushed == 1);
    CHECK(p1.trainingNotPushed == 1);
    CHECK(p2.trainingJp == 8);
    CHECK(p2.trainingNotPushed == 1);
    CHECK(p4.trainingJp == 20);
    CHECK(p4.trainingPushed == 1);
    CHECK(p3.trainingJp == 0);
    CHECK(p3.trainings.empty());
  }
  SECTION("attendance") {
    CHECK(p1.attendance == AttendanceFigures{2, 2, 1, 15, 0, 0, 0, 0, 0});
    CHECK(p2.attendance == AttendanceFigures{2, 1, 0, 0, 0, 0, 0, 0, 1});
    CHECK(p3.attendance == AttendanceFigures{2, 0, 0, 0, 1, 1, 0, 0, 0});
    CHECK(p4.attendance == AttendanceFigures{});
    CHECK(p5.attendance == AttendanceFigures{2, 0, 0, 0, 0, 0, 1, 1, 0});
    CHECK(p6.attendance == AttendanceFigures{1, 1, 1, 30, 0, 0, 0, 0, 0});
  }
  SECTION("totals") {
    const AgencyTotals& t = r.totals;
    CHECK(t.employees == 6);
    CHECK(t.matched == 2);
    CHECK(t.matchedWithDifferences == 1);
    CHECK(t.onlySimpeg == 1);
    CHECK(t.onlySiasn == 1);
    CHECK(t.review == 1);
    CHECK(t.skpFinished == 2);
    CHECK(t.skpFilled == 1);
    CHECK(t.skpNotFilled == 1);
    CHECK(t.skpNoData == 2);
    CHECK(t.trainingJp == 52);
    CHECK(t.trainingTargetMet == 2);
    CHECK(t.trainingPushed == 2);
    CHECK(t.trainingNotPushed == 2);
    CHECK(t.daysPresent == 4);
    CHECK(t.lateDays == 2);
    CHECK(t.lateMinutes == 45);
    CHECK(t.izin == 1);
    CHECK(t.sakit == 1);
    CHECK(t.cuti == 1);
    CHECK(t.dinasLuar == 1);
    CHECK(t.tanpaKeterangan == 1);
  }
  SECTION("the other agency has its own two people") {
    auto other = buildAgencyReport(s.store(), query(kOther));
    REQUIRE(other);
    REQUIRE(other->employees.size() == 2);
    CHECK(other->totals.matched == 2);
    CHECK(other->totals.trainingJp == 30);
    CHECK(other->totals.lateMinutes == 99);
    CHECK(other->totals.tanpaKeterangan == 1);
  }
  SECTION("an agency without records gives an empty report") {
    auto none = buildAgencyReport(s.store(), query(std::string(32, 'c')));
    REQUIRE(none);
    CHECK(none->employees.empty());
    CHECK(none->totals.employees == 0);
  }
}

TEST_CASE("agency report: bad queries are refused", "[agency_report]") {
  Store s;
  AgencyReportQuery q = query();
  SECTION("no agency") {
    q.agency.clear();
  }
  SECTION("month 13") {
    q.month = 13;
  }
  SECTION("year 1800") {
    q.year = 1800;
  }
  SECTION("invalid as-of") {
    q.asOf = 2026y / February / 30;
  }
  auto r = buildAgencyReport(s.store(), q);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::kInvalidArgument);
}

TEST_CASE("agency report: the writers", "[agency_report]") {
  Store s;
  plant(s);
  auto r = buildAgencyReport(s.store(), query());
  REQUIRE(r);

  SECTION("HTML: self-contained, SVG charts, NIPs masked only") {
    const fs::path path = s.dir() / "laporan.html";
    REQUIRE(writeAgencyReportHtml(*r, path));
    const std::string html = slurp(path);
    CHECK(html.find("<svg") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("Rekonsiliasi") != std::string::npos);
    for (int i = 1; i <= 6; ++i) {
      CHECK(html.find(nipOf(i)) == std::string::npos);
      CHECK(html.find(nipOf(i).substr(0, 8) + "******" + nipOf(i).substr(14)) != std::string::npos);
    }
  }
  SECTION("XLSX: a zip with the six sheets") {
    const fs::path path = s.dir() / "laporan.xlsx";
    REQUIRE(writeAgencyReportXlsx(*r, path));
    const std::string zip = slurp(path);
    REQUIRE(zip.size() > 4);
    CHECK(zip.substr(0, 4) == std::string("PK\x03\x04", 4));
    for (int i = 1; i <= 6; ++i)
      CHECK(zip.find("xl/worksheets/sheet" + std::to_string(i) + ".xml") != std::string::npos);
    CHECK(zip.find("xl/worksheets/sheet7.xml") == std::string::npos);
    if (std::system("command -v unzip >/dev/null 2>&1") == 0) {
      const std::string listing = (s.dir() / "listing.txt").string();
      REQUIRE(std::system(("unzip -l '" + path.string() + "' > '" + listing + "'").c_str()) == 0);
      CHECK(slurp(listing).find("xl/worksheets/sheet6.xml") != std::string::npos);
      const std::string workbook = (s.dir() / "workbook.xml").string();
      REQUIRE(std::system(("unzip -p '" + path.string() + "' xl/workbook.xml > '" + workbook + "'")
                              .c_str()) == 0);
      const std::string sheets = slurp(workbook);
      for (const char* name :
           {"Ringkasan", "Rekonsiliasi", "SKP", "SKP Tahunan", "Pelatihan", "Presensi"})
        CHECK(sheets.find("name=\"" + std::string(name) + "\"") != std::string::npos);
    }
  }
  SECTION("XLSX into a missing folder fails") {
    CHECK_FALSE(writeAgencyReportXlsx(*r, s.dir() / "missing" / "laporan.xlsx"));
  }
  SECTION("CSV: one file per list with Indonesian headers") {
    const fs::path dir = s.dir() / "csv";
    REQUIRE(writeAgencyReportCsv(*r, dir));
    auto firstLine = [&](const char* name) {
      const std::string text = slurp(dir / name);
      return text.substr(0, text.find("\r\n"));
    };
    CHECK(firstLine("ringkasan.csv") == "Uraian,Nilai");
    CHECK(firstLine("rekonsiliasi.csv") == "NIP,Nama,Kunci SIMPEG,Kunci SIASN,Status,Data berbeda");
    CHECK(firstLine("skp.csv") == "NIP,Nama,Periode,Status,Predikat,Batas waktu,Sisa hari");
    CHECK(firstLine("skp_tahunan.csv") == "NIP,Nama,Periode,Status,Predikat,Batas waktu,Sisa hari");
    CHECK(slurp(dir / "skp_tahunan.csv")
              .find(nipOf(3) + ",Citra Dewi,TAHUNAN 2026,belum_mengisi,,2027-01-15,53") !=
          std::string::npos);
    CHECK(firstLine("pelatihan.csv") ==
          "NIP,Nama,Jumlah pelatihan,Total JP,Target JP,Tercapai,Terkirim ke SIASN,Belum "
          "terkirim");
    CHECK(firstLine("presensi.csv") ==
          "NIP,Nama,Hari tercatat,Hadir,Hari terlambat,Menit terlambat,I,S,C,DL,TK");
    const std::string recon = slurp(dir / "rekonsiliasi.csv");
    CHECK(recon.find(nipOf(2) + ",Budi Santoso,S2," + nipOf(2) +
                     ",cocok_berbeda,\"nama, tgl_lahir\"") != std::string::npos);
    const std::string training = slurp(dir / "pelatihan.csv");
    CHECK(training.find(nipOf(1) + ",Ani Lestari,2,24,20,Ya,1,1") != std::string::npos);
  }
  SECTION("CSV under a file fails") {
    std::ofstream(s.dir() / "afile") << "x";
    CHECK_FALSE(writeAgencyReportCsv(*r, s.dir() / "afile" / "csv"));
  }
}

TEST_CASE("agency report: a 10,000-person agency", "[agency_report][perf]") {
  Store s;
  constexpr int kPeople = 10000;
  REQUIRE(s.store().transaction("plant", [&](soci::session& sql) -> sinkron::Status {
    std::string nip, key, json, stream, connector, situation = "matched", decision = "match";
    long long id = 0;
    soci::statement employee =
        (sql.prepare << "INSERT INTO employees (id, nip, name, canonical_json, created_at, "
                        "updated_at) VALUES (:i, :n, 'x', '{}', 0, 0)",
         soci::use(id), soci::use(nip));
    soci::statement record =
        (sql.prepare
             << "INSERT INTO source_records (connector, stream, source_key, employee_id, "
                "content_hash, record_json, updated_at) VALUES (:c, :s, :k, :e, 'h', :j, 0)",
         soci::use(connector), soci::use(stream), soci::use(key), soci::use(id), soci::use(json));
    soci::statement link =
        (sql.prepare << "INSERT INTO links (connector, source_key, employee_id, decision, score, "
                        "explanation, decided_by, updated_at) VALUES (:c, :k, :e, :d, 1, :x, "
                        "'sinkron', 0)",
         soci::use(connector), soci::use(key), soci::use(id), soci::use(decision),
         soci::use(situation));
    std::string day, status = "H";
    int late = 0;
    soci::statement attendance =
        (sql.prepare << "INSERT INTO attendance_daily (nip, day, first_in, last_out, status, "
                        "late_minutes, updated_at) VALUES (:n, :d, '07:30:00', '16:30:00', :s, "
                        ":m, 0)",
         soci::use(nip), soci::use(day), soci::use(status), soci::use(late));
    for (int i = 1; i <= kPeople; ++i) {
      id = i;
      nip = nipOf(i);
      employee.execute(true);
      connector = "siasn", stream = "data-utama", key = nip, json = person(nip, "Nama", kAgency);
      record.execute(true);
      link.execute(true);
      connector = "simpeg", stream = "pegawai", key = "S" + std::to_string(i);
      record.execute(true);
      link.execute(true);
      connector = "ekinerja", stream = "penilaian/2026/TW4/" + kAgency, key = nip + "|TW4";
      json = "{\"nip\":\"" + nip + "\",\"status\":\"final\",\"predikat\":\"Baik\"}";
      record.execute(true);
      connector = "training", stream = "completions", key = "C" + std::to_string(i);
      json = "{\"completion\":{\"jp\":" + std::to_string(i % 30) +
             ",\"tanggal_mulai\":\"2026-03-01\",\"nama_pelatihan\":\"P\"}}";
      record.execute(true);
      for (int d = 2; d <= 6; ++d) {
        day = "2026-11-0" + std::to_string(d);
        late = (i + d) % 7 == 0 ? 10 : 0;
        attendance.execute(true);
      }
    }
    return {};
  }));
  const auto started = steady_clock::now();
  auto r = buildAgencyReport(s.store(), query());
  const auto ms = duration_cast<milliseconds>(steady_clock::now() - started).count();
  REQUIRE(r);
  CHECK(r->totals.employees == kPeople);
  CHECK(r->totals.matched == kPeople);
  CHECK(r->totals.skpFinished == kPeople);
  CHECK(r->totals.daysPresent == 5 * kPeople);
  WARN("agency report over " << kPeople << " people: " << ms << " ms");
  const auto written = steady_clock::now();
  REQUIRE(writeAgencyReportXlsx(*r, s.dir() / "big.xlsx"));
  REQUIRE(writeAgencyReportHtml(*r, s.dir() / "big.html"));
  WARN("xlsx + html written in "
       << duration_cast<milliseconds>(steady_clock::now() - written).count() << " ms");
}

// The workbook opens in a real spreadsheet program: LibreOffice converts every sheet to CSV
// (sheet option -1: one file per sheet, named <stem>-<sheet>.csv), with its own profile.
TEST_CASE("agency report: LibreOffice reads the xlsx, every sheet", "[agency_report][soffice]") {
  if (std::system("command -v soffice >/dev/null 2>&1") != 0) {
    WARN("soffice not found (Debian package libreoffice-calc-nogui): LibreOffice check skipped");
    return;
  }
  Store s;
  plant(s);
  auto r = buildAgencyReport(s.store(), query());
  REQUIRE(r);
  const fs::path xlsx = s.dir() / "laporan.xlsx", out = s.dir() / "converted";
  REQUIRE(writeAgencyReportXlsx(*r, xlsx));
  fs::create_directories(out);
  const std::string command =
      "soffice --headless --norestore -env:UserInstallation=file://" +
      (s.dir() / "lo-profile").string() +
      " --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,"
      "false,-1' --outdir '" +
      out.string() + "' '" + xlsx.string() + "' > '" + (s.dir() / "soffice.log").string() +
      "' 2>&1";
  INFO(command);
  const int rc = std::system(command.c_str());
  INFO(slurp(s.dir() / "soffice.log"));
  REQUIRE(rc == 0);
  auto lines = [&](const std::string& sheet) {
    std::vector<std::string> v;
    std::ifstream in(out / ("laporan-" + sheet + ".csv"));
    for (std::string line; std::getline(in, line) && v.size() < 100000;)
      v.push_back(line.substr(0, line.find_last_not_of('\r') + 1));
    return v;
  };
  const std::map<std::string, std::string> headers = {
      {"Ringkasan", "Uraian,Nilai"},
      {"Rekonsiliasi", "NIP,Nama,Kunci SIMPEG,Kunci SIASN,Status,Data berbeda"},
      {"SKP", "NIP,Nama,Periode,Status,Predikat,Batas waktu,Sisa hari"},
      {"SKP Tahunan", "NIP,Nama,Periode,Status,Predikat,Batas waktu,Sisa hari"},
      {"Pelatihan",
       "NIP,Nama,Jumlah pelatihan,Total JP,Target JP,Tercapai,Terkirim ke SIASN,Belum terkirim"},
      {"Presensi", "NIP,Nama,Hari tercatat,Hadir,Hari terlambat,Menit terlambat,I,S,C,DL,TK"}};
  for (const auto& [sheet, header] : headers) {
    INFO("sheet " << sheet);
    const std::vector<std::string> rows = lines(sheet);
    REQUIRE_FALSE(rows.empty());
    CHECK(rows.front() == header);
    if (sheet != "Ringkasan") CHECK(rows.size() == 1 + r->employees.size());
  }
  const std::vector<std::string> summary = lines("Ringkasan");
  CHECK(std::find(summary.begin(), summary.end(), "Jumlah pegawai,6") != summary.end());
  CHECK(std::find(summary.begin(), summary.end(), "SKP tahunan belum mengisi,1") != summary.end());
  // Full NIPs stay text (no 1.98E+17) and numbers stay numbers.
  const std::vector<std::string> training = lines("Pelatihan");
  CHECK(std::find(training.begin(), training.end(), nipOf(1) + ",Ani Lestari,2,24,20,Ya,1,1") !=
        training.end());
}
