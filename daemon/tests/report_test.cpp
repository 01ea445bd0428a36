// The agency reports of `sinkron reconcile`, written from a small DIR fixture.
#include <unistd.h>
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "sinkron/daemon/report/reconcile_report.hpp"

namespace fs = std::filesystem;
using namespace sinkron;

namespace {

void writeFile(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// A temporary DIR as the reconcile job leaves it; removed at the end of the test.
struct ReconcileDir {
  fs::path dir;

  ReconcileDir() {
    static std::atomic<int> counter{0};
    dir = fs::temp_directory_path() /
          ("sinkron_report_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir);
    fs::create_directories(dir);
    writeFile(dir / "summary.json", R"({
  "left": {"name": "simpeg", "file": "simpeg_pegawai.csv", "records": 1300, "bad_rows": 2},
  "right": {"name": "siasn", "file": "siasn_export.csv", "records": 1290, "bad_rows": 0},
  "situations": {"matched": 1234, "matched_with_differences": 41, "review": 7,
                 "only_left": 9, "only_right": 3, "duplicate": 1},
  "differences_by_field": {"nama": 20, "nik": 11, "tgl_lahir": 10},
  "anomalies_by_code": {"nik_invalid": 2, "email_kosong": 1},
  "anomaly_descriptions": {"nik_invalid": "Perbaiki NIK: harus 16 digit sesuai KTP",
                           "email_kosong": "Isi email pegawai di SIMPEG"},
  "generated_at": "2026-11-23T10:00:00Z",
  "as_of": "2026-11-23",
  "thresholds": {"match": 12.0, "review": 4.0}
})");
    writeFile(dir / "pairs.csv",
              "left_key,right_key,score,decision\n"
              "198001012005011001,198001012005011001,18.5,match\n");
    writeFile(dir / "situations.csv",
              "situation,left_key,right_key,score,nama,explanation\n"
              "matched,198001012005011001,198001012005011001,18.5,Sutrisno,\"NIP, nama sama\"\n"
              "matched_with_differences,198502022010012002,198502022010012002,14.2,"
              "\"<script>alert(1)</script> Siti\",nama berbeda\n"
              "review,197703032000031003,197703032000031004,6.1,\"Ahmad Yani, S.Pd.\","
              "\"NIP beda 1 digit; NIK 3404014501800001 sama\"\n"
              "only_left,199001012015011005,,,I Made Wirawan,tidak ada di siasn\n"
              "only_right,,199102022016022006,,Ni Luh Ayu,tidak ada di simpeg\n"
              "duplicate,198001012005011009,,,Sutrisno,duplikat dari 198001012005011001\n");
    writeFile(dir / "differences.csv",
              "left_key,right_key,field,left_value,right_value,owner\n"
              "198502022010012002,198502022010012002,nama,Siti Aminah,St. Aminah,simpeg\n"
              "198502022010012002,198502022010012002,nik,3404014502850002,3404014502850003,"
              "simpeg\n"
              "198502022010012002,198502022010012002,tgl_lahir,1985-02-02,1985-02-03,simpeg\n");
    writeFile(dir / "anomalies.csv",
              "side,key,line,code,field,value,message\n"
              "left,198502022010012002,3,nik_invalid,nik,340401450285,NIK harus 16 digit\n"
              "right,198502022010012002,7,email_kosong,email,,Email kosong\n"
              "left,197703032000031003,4,nik_invalid,nik,3404014501800001x,NIK bukan angka\n");
    writeFile(dir / "duplicates.csv",
              "side,key,duplicate_of,score,explanation\n"
              "left,198001012005011009,198001012005011001,15.0,\"Nama, tanggal lahir sama\"\n");
  }
  ~ReconcileDir() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

// `unzip -p xlsx member`, or `unzip -l xlsx` when member is empty.
std::string unzip(const fs::path& xlsx, const std::string& member) {
  const fs::path out = xlsx.parent_path() / "unzip.out";
  const std::string cmd =
      member.empty() ? "unzip -l '" + xlsx.string() + "' > '" + out.string() + "'"
                     : "unzip -p '" + xlsx.string() + "' '" + member + "' > '" + out.string() + "'";
  REQUIRE(std::system(cmd.c_str()) == 0);
  return readFile(out);
}

}  // namespace

TEST_CASE("HTML report: counts, charts, escaping and NIK masking", "[report]") {
  ReconcileDir fx;
  auto html = report::writeHtmlReport(fx.dir);
  REQUIRE(html.ok());
  REQUIRE(*html == fx.dir / "report.html");
  const std::string page = readFile(*html);

  SECTION("self-contained, with the summary counts and charts") {
    CHECK(contains(page, "<!DOCTYPE html>"));
    CHECK(contains(page, "1.234"));  // matched
    CHECK(contains(page, "1.300"));  // left records
    CHECK(contains(page, "2026-11-23"));
    CHECK(contains(page, "<svg"));
    CHECK(contains(page, "Perbaiki NIK: harus 16 digit sesuai KTP"));
    CHECK_FALSE(contains(page, "<script"));
    CHECK_FALSE(contains(page, "src=\"http"));
    CHECK_FALSE(contains(page, "<link"));
  }
  SECTION("data is escaped") {
    CHECK(contains(page, "&lt;script&gt;alert(1)&lt;/script&gt; Siti"));
  }
  SECTION("NIKs are masked wherever they appear") {
    CHECK_FALSE(contains(page, "3404014502850002"));
    CHECK_FALSE(contains(page, "3404014501800001"));
    CHECK_FALSE(contains(page, "340401450285"));  // an invalid (12-digit) NIK is personal too
    CHECK(contains(page, "340401********02"));    // a difference value
    CHECK(contains(page, "340401********01"));    // inside an explanation
  }
  SECTION("worst records, review queue and duplicates") {
    // The person with 2 anomalies and 3 differences comes first.
    const auto worst = page.find("Data paling bermasalah");
    REQUIRE(worst != std::string::npos);
    CHECK(page.find("198502022010012002", worst) < page.find("197703032000031003", worst));
    CHECK(contains(page, "beda nama"));
    CHECK(contains(page, "NIP beda 1 digit"));
    CHECK(contains(page, "Nama, tanggal lahir sama"));
  }
}

TEST_CASE("XLSX report: seven sheets with the lists", "[report]") {
  ReconcileDir fx;
  auto xlsx = report::writeXlsxReport(fx.dir);
  REQUIRE(xlsx.ok());
  REQUIRE(*xlsx == fx.dir / "report.xlsx");
  REQUIRE_FALSE(fs::exists(fx.dir / "report.xlsx.tmp"));

  const std::string listing = unzip(*xlsx, "");
  for (int i = 1; i <= 7; ++i)
    CHECK(contains(listing, "xl/worksheets/sheet" + std::to_string(i) + ".xml"));
  const std::string workbook = unzip(*xlsx, "xl/workbook.xml");
  for (const char* name :
       {"Ringkasan", "Perbedaan", "Anomali", "Duplikat", "Review", "Hanya_kiri", "Hanya_kanan"})
    CHECK(contains(workbook, std::string("name=\"") + name + "\""));

  const std::string perbedaan = unzip(*xlsx, "xl/worksheets/sheet2.xml");
  CHECK(contains(perbedaan, "St. Aminah"));
  CHECK(contains(perbedaan, "<pane "));       // frozen header
  CHECK(contains(perbedaan, "<autoFilter"));  // filter on the header
  CHECK(contains(unzip(*xlsx, "xl/worksheets/sheet6.xml"), "I Made Wirawan"));
  CHECK(contains(unzip(*xlsx, "xl/worksheets/sheet7.xml"), "Ni Luh Ayu"));
  CHECK_FALSE(contains(unzip(*xlsx, "xl/worksheets/sheet1.xml"), "terpotong"));
}

TEST_CASE("XLSX report: a list longer than the sheet limit is cut, and Ringkasan says so",
          "[report]") {
  ReconcileDir fx;
  report::XlsxOptions options;
  options.maxDataRows = 2;  // anomalies.csv has 3
  auto xlsx = report::writeXlsxReport(fx.dir, options);
  REQUIRE(xlsx.ok());
  const std::string ringkasan = unzip(*xlsx, "xl/worksheets/sheet1.xml");
  CHECK(contains(ringkasan, "Lembar Anomali terpotong"));
  CHECK(contains(ringkasan, "anomalies.csv berisi semua baris"));
  const std::string anomali = unzip(*xlsx, "xl/worksheets/sheet3.xml");
  CHECK(contains(anomali, "NIK harus 16 digit"));
  CHECK_FALSE(contains(anomali, "NIK bukan angka"));
}

TEST_CASE("Both reports at once", "[report]") {
  ReconcileDir fx;
  auto files = report::writeReconcileReports(fx.dir);
  REQUIRE(files.ok());
  CHECK(fs::file_size(files->html) > 0);
  CHECK(fs::file_size(files->xlsx) > 0);
}

TEST_CASE("Report errors name the file and line", "[report]") {
  ReconcileDir fx;

  SECTION("a row with the wrong number of columns") {
    writeFile(fx.dir / "anomalies.csv",
              "side,key,line,code,field,value,message\n"
              "left,198502022010012002,3,nik_invalid,nik,340401450285,NIK harus 16 digit\n"
              "left,197703032000031003,4,nik_invalid,nik\n");
    const std::string where =
        (fx.dir / "anomalies.csv").string() + ":3: expected 7 columns, found 5";
    auto html = report::writeHtmlReport(fx.dir);
    REQUIRE_FALSE(html.ok());
    CHECK(html.error().code == ErrorCode::kParse);
    CHECK(html.error().message == where);
    auto xlsx = report::writeXlsxReport(fx.dir);
    REQUIRE_FALSE(xlsx.ok());
    CHECK(xlsx.error().message == where);
    CHECK_FALSE(fs::exists(fx.dir / "report.xlsx"));
    CHECK_FALSE(fs::exists(fx.dir / "report.xlsx.tmp"));
    CHECK_FALSE(fs::exists(fx.dir / "report.html"));
  }
  SECTION("a header without a needed column") {
    writeFile(fx.dir / "duplicates.csv", "side,key,score,explanation\n");
    auto r = report::writeReconcileReports(fx.dir);
    REQUIRE_FALSE(r.ok());
    CHECK(contains(r.error().message, "duplicates.csv:1: header has no column \"duplicate_of\""));
  }
  SECTION("summary.json missing") {
    fs::remove(fx.dir / "summary.json");
    auto r = report::writeReconcileReports(fx.dir);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::kNotFound);
    CHECK(contains(r.error().message, (fx.dir / "summary.json").string() + ": not found"));
    CHECK(contains(r.error().message, "sinkron reconcile"));
  }
  SECTION("summary.json malformed") {
    writeFile(fx.dir / "summary.json", "{\n  \"left\": {\"name\": \"simpeg\"},\n  oops\n}");
    auto r = report::writeHtmlReport(fx.dir);
    REQUIRE_FALSE(r.ok());
    CHECK(contains(r.error().message, "summary.json:3: invalid JSON"));
  }
  SECTION("a list file missing") {
    fs::remove(fx.dir / "differences.csv");
    auto r = report::writeXlsxReport(fx.dir);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::kNotFound);
    CHECK(contains(r.error().message, "differences.csv: not found"));
  }
}
