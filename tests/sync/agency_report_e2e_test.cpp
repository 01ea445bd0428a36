// The agency report after a real sync cycle equals what the simulators' ground truth says: one
// cycle against sinkron-sim, `sinkron report --format csv` for the agency with the most SIASN
// records, then every employee's SKP status (quarter and TAHUNAN), training JP and pushes compared
// with /_sim/truth/skp/agency (e-Kinerja), /_sim/truth/completions (training) and the SIASN write
// log, and every employee's monthly attendance (days recorded, present, late, I/S/C/DL/TK) with
// /_sim/attendance/truth for the days the cycle rolled up (attendance on as in the demo site:
// Fingerspot cloud and e-presensi). On SQLite, and on a private PostgreSQL ([db]). Then a site
// with only the fingerprint devices (every device's cloud pull and the PIN map, no e-presensi):
// its Presensi list against the devices-only truth (source=devices), which proves the roll-up of
// punches alone — earliest check-in, double presses, lateness, TK on days without punches.
#include <rapidjson/document.h>
#include <soci/soci.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "loopback_http.hpp"
#include "require_ok.hpp"
#include "sim_server.hpp"
#include "sinkron/store/state_store.hpp"
#include "sinkron/test/database_server.hpp"
#include "sync_site.hpp"
#include "temp_dir.hpp"

using namespace sinkron::test::sync;
namespace fs = std::filesystem;

namespace {

constexpr int kMaxRows = 1'000'000;

// A simple CSV line split (the report quotes only fields with commas; NIPs and statuses have none).
std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (char c : line) {
    if (c == '"')
      quoted = !quoted;
    else if (c == ',' && !quoted)
      out.emplace_back();
    else if (c != '\r')
      out.back() += c;
  }
  return out;
}

// Rows of one CSV file of the report, header first.
std::vector<std::vector<std::string>> csv(const fs::path& path) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line) && rows.size() < kMaxRows;)
    rows.push_back(fields(line));
  return rows;
}

sinkron::Result<rapidjson::Document> getJson(LoopbackHttp& http, const std::string& url,
                                             const std::vector<std::string>& headers = {}) {
  auto reply = http.get(url, headers);
  if (!reply) return reply.error();
  if (reply->status != 200)
    return sinkron::Error::unavailable(url + ": HTTP " + std::to_string(reply->status));
  rapidjson::Document d;
  d.Parse(reply->body.c_str());
  if (d.HasParseError() || !d.IsObject()) return sinkron::Error::parse(url + ": not JSON");
  return d;
}

std::string skpName(const std::string& listingStatus) {  // as the report names them
  if (listingStatus == "final") return "selesai";
  if (listingStatus == "belum_mengisi") return "belum_mengisi";
  if (listingStatus.empty()) return "tidak_ada_data";
  return "sudah_mengisi";
}

struct StoreView {
  std::string agency;                    // the unit with the most SIASN records
  std::map<std::string, int> unitSizes;  // SIASN records per unit
  std::set<std::string> siasnKeys;
  std::set<std::string> skpStreams;
  std::set<std::string> attendanceDays;  // yyyy-mm-dd with rows in attendance_daily
};

StoreView readStore(const fs::path& dir, const std::string& postgresConnect) {
  sinkron::store::StoreOptions o;
  if (postgresConnect.empty()) {
    o.connect = (dir / "state" / "sinkron.db").string();
  } else {
    o.backend = sinkron::store::Backend::kPostgreSql;
    o.connect = postgresConnect;
  }
  auto st = sinkron::store::StateStore::open(o);
  REQUIRE_OK(st);
  StoreView v;
  std::map<std::string, int> perUnit;
  std::string key, json, stream;
  soci::statement q = ((*st)->session().prepare
                           << "SELECT source_key, record_json FROM source_records WHERE "
                              "connector = 'siasn' AND stream = 'data-utama' AND missing_since "
                              "IS NULL",
                       soci::into(key), soci::into(json));
  q.execute();
  rapidjson::Document d;
  while (q.fetch()) {
    d.Parse(json.c_str());
    if (d.HasParseError() || !d.IsObject() || !d.HasMember("unit_id") || !d["unit_id"].IsString())
      continue;
    ++perUnit[d["unit_id"].GetString()];
    v.siasnKeys.insert(key);
  }
  for (const auto& [unit, n] : perUnit)
    if (v.agency.empty() || n > perUnit[v.agency]) v.agency = unit;
  v.unitSizes = perUnit;
  soci::statement s =
      ((*st)->session().prepare << "SELECT DISTINCT stream FROM source_records WHERE connector = "
                                   "'ekinerja'",
       soci::into(stream));
  s.execute();
  while (s.fetch()) v.skpStreams.insert(stream);
  std::string day;
  soci::statement a =
      ((*st)->session().prepare << "SELECT DISTINCT day FROM attendance_daily", soci::into(day));
  a.execute();
  while (a.fetch()) v.attendanceDays.insert(day);
  return v;
}

// The model's fixed-date national holidays around this year, as a site would configure them.
std::vector<std::string> holidaysAroundNow() {
  const auto today = std::chrono::year_month_day(
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
  const int year = static_cast<int>(today.year());
  std::vector<std::string> out;
  for (int y = year - 1; y <= year + 1; ++y)
    for (const char* md : {"01-01", "05-01", "06-01", "08-17", "12-25"})
      out.push_back(std::to_string(y) + "-" + md);
  return out;
}

// e-Kinerja's truth of the unit for one year: SIASN NIP -> period -> listing status.
std::map<std::string, std::map<std::string, std::string>> skpTruth(LoopbackHttp& http,
                                                                   const SimServer& sim,
                                                                   const std::string& agency,
                                                                   int year) {
  auto doc = getJson(http, sim.url("ekinerja") + "/_sim/truth/skp/agency?unor_id=" + agency +
                               "&tahun=" + std::to_string(year));
  REQUIRE_OK(doc);
  std::map<std::string, std::map<std::string, std::string>> out;
  for (const auto& p : (*doc)["pegawai"].GetArray()) {
    auto& periods = out[p["nip"].GetString()];
    for (const auto& m : p["periode"].GetObject())
      periods[m.name.GetString()] = m.value.GetString();
  }
  return out;
}

// `sinkron report --format csv` into dir/<tag>; the folder of its CSV files.
fs::path runReport(const SyncSite& site, const fs::path& dir, const std::string& agency,
                   const std::string& period) {
  const fs::path out = dir / ("report-" + period);
  auto done = runToEnd(
      sinkronCommand({"report", "--local", "--config", site.configFile().string(), "--agency",
                      agency, "--period", period, "--format", "csv", "--out", out.string()},
                     dir, "report-" + period),
      std::chrono::seconds(120));
  REQUIRE_OK(done);
  INFO(done->out << done->err);
  REQUIRE(done->exitCode == 0);
  return out / ("laporan-" + agency + "-" + period);
}

// The SKP list (skp.csv or skp_tahunan.csv) against the truth of `periode`, or against "no data"
// when the cycle did not pull that period's listing.
void checkSkp(const fs::path& file,
              const std::map<std::string, std::map<std::string, std::string>>& truth,
              const std::string& periode, bool pulled) {
  const auto rows = csv(file);
  REQUIRE(rows.size() > 1);
  std::map<std::string, int> counted;
  std::set<std::string> seen;
  int compared = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    REQUIRE(r.size() == 7);
    if (!seen.insert(r[0]).second) continue;  // a NIP twice: only its first row gets the SKP
    std::string expected = "tidak_ada_data";
    if (pulled)
      if (auto it = truth.find(r[0]); it != truth.end())
        if (auto p = it->second.find(periode); p != it->second.end()) expected = skpName(p->second);
    INFO(file.filename().string() << " NIP " << r[0] << " " << periode);
    CHECK(r[3] == expected);
    ++counted[r[3]];
    ++compared;
  }
  WARN(file.filename().string() << " " << periode << ": " << compared << " employees, selesai "
                                << counted["selesai"] << ", sudah_mengisi "
                                << counted["sudah_mengisi"] << ", belum_mengisi "
                                << counted["belum_mengisi"] << ", tidak_ada_data "
                                << counted["tidak_ada_data"]);
  if (pulled) CHECK(counted["selesai"] + counted["sudah_mengisi"] + counted["belum_mengisi"] > 0);
}

// The Presensi list of the month the cycle rolled up last against the simulators' truth for the
// same days: every employee of the agency the model has, figure by figure; the summary's totals
// against the sums. `source`: what the site reads ("epresensi" or "devices", as the truth route
// takes it); `novReport`: the agency's report of 2026-11 when there is one already (else it is
// made). Returns what was compared.
struct AttendanceTally {
  int compared = 0, inactive = 0, present = 0, lateDays = 0, lateMinutes = 0, absent = 0;
};

AttendanceTally checkAttendance(SimServer& sim, const SyncSite& site, const fs::path& dir,
                                const StoreView& store, const std::string& agency,
                                const fs::path& novReport, const std::string& source) {
  REQUIRE_FALSE(store.attendanceDays.empty());
  const std::string month = store.attendanceDays.rbegin()->substr(0, 7);
  std::vector<std::string> days;
  for (const std::string& d : store.attendanceDays)
    if (d.starts_with(month)) days.push_back(d);
  const fs::path report =
      month == "2026-11" && !novReport.empty() ? novReport : runReport(site, dir, agency, month);
  auto truth =
      sim.attendanceTruth("month=" + month + "&from=" + days.front() + "&to=" + days.back() +
                          "&work_start=07:30&grace_minutes=0&source=" + source);
  REQUIRE_OK(truth);

  const auto rows = csv(report / "presensi.csv");
  REQUIRE(rows.size() > 1);
  REQUIRE(rows[0].size() == 11);
  std::set<std::string> seen;
  AttendanceTally tally;
  auto& [compared, inactive, present, lateDays, lateMinutes, absent] = tally;
  std::map<std::string, int> sums;  // the summary's attendance figures, from the truth
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    REQUIRE(r.size() == 11);
    if (!seen.insert(r[0]).second) continue;  // a NIP twice: only its first row gets figures
    auto it = truth->find(r[0]);
    INFO("Presensi NIP " << r[0] << " " << days.front() << ".." << days.back());
    if (it == truth->end()) {
      // Not in active service (study leave, retired, ...): no device, no e-presensi row, and not
      // absent without notice either: no attendance at all.
      for (std::size_t c = 2; c < r.size(); ++c) CHECK(r[c] == "0");
      ++inactive;
      continue;
    }
    const AttendanceTruth& t = it->second;
    if (source == "devices") CHECK(t.izin + t.sakit + t.cuti + t.dinasLuar == 0);
    CHECK(r[2] == std::to_string(t.daysRecorded));
    CHECK(r[3] == std::to_string(t.daysPresent));
    CHECK(r[4] == std::to_string(t.lateDays));
    CHECK(r[5] == std::to_string(t.lateMinutes));
    CHECK(r[6] == std::to_string(t.izin));
    CHECK(r[7] == std::to_string(t.sakit));
    CHECK(r[8] == std::to_string(t.cuti));
    CHECK(r[9] == std::to_string(t.dinasLuar));
    CHECK(r[10] == std::to_string(t.tanpaKeterangan));
    ++compared;
    sums["Hari hadir"] += t.daysPresent;
    sums["Hari terlambat"] += t.lateDays;
    sums["Menit terlambat"] += t.lateMinutes;
    sums["Izin (I)"] += t.izin;
    sums["Sakit (S)"] += t.sakit;
    sums["Cuti (C)"] += t.cuti;
    sums["Dinas luar (DL)"] += t.dinasLuar;
    sums["Tanpa keterangan (TK)"] += t.tanpaKeterangan;
    present += t.daysPresent;
    lateDays += t.lateDays;
    lateMinutes += t.lateMinutes;
    absent += t.izin + t.sakit + t.cuti + t.dinasLuar + t.tanpaKeterangan;
  }
  std::map<std::string, std::string> figures;
  for (const auto& r : csv(report / "ringkasan.csv"))
    if (r.size() == 2) figures[r[0]] = r[1];
  for (const auto& [label, sum] : sums) {
    INFO("ringkasan.csv " << label);
    CHECK(figures[label] == std::to_string(sum));
  }
  return tally;
}

void checkAgainstTruth(SimServer& sim, SyncSite& site, const fs::path& dir,
                       const std::string& postgresConnect) {
  auto cycle = site.sync();
  REQUIRE_OK(cycle);
  INFO(cycle->output);
  REQUIRE(cycle->exitCode == 0);

  const StoreView store = readStore(dir, postgresConnect);
  REQUIRE_FALSE(store.agency.empty());
  const std::string& agency = store.agency;
  LoopbackHttp http;
  const auto truth2026 = skpTruth(http, sim, agency, 2026);
  const auto truth2025 = skpTruth(http, sim, agency, 2025);

  const fs::path nov = runReport(site, dir, agency, "2026-11");
  const auto recon = csv(nov / "rekonsiliasi.csv");
  REQUIRE(recon.size() > 1);

  {
    // Every SIASN record the cycle pulled for a person of the unit is a row, and nobody else's.
    std::set<std::string> expected, reported;
    for (const auto& [nip, periods] : truth2026)
      if (store.siasnKeys.contains(nip)) expected.insert(nip);
    for (std::size_t i = 1; i < recon.size(); ++i)
      if (!recon[i].at(3).empty()) reported.insert(recon[i][3]);
    CHECK(reported == expected);
    CHECK(expected.size() >= 5);
    const auto summary = csv(nov / "ringkasan.csv");
    std::map<std::string, std::string> figures;
    for (const auto& r : summary)
      if (r.size() == 2) figures[r[0]] = r[1];
    CHECK(figures["Jumlah pegawai"] == std::to_string(recon.size() - 1));
    CHECK(figures["Periode SKP"] == "TW4");
    CHECK(figures["Batas waktu SKP tahunan"] == "2027-01-15");
  }
  const AttendanceTally attendance =
      checkAttendance(sim, site, dir, store, agency, nov, "epresensi");
  WARN("Presensi of " << agency << ": " << attendance.compared << " employees compared, "
                      << attendance.inactive << " not in active service, " << attendance.present
                      << " days present, " << attendance.lateDays << " late ("
                      << attendance.lateMinutes << " min), " << attendance.absent << " absent");
  CHECK(attendance.compared >= 5);
  CHECK(attendance.present > 0);  // (late days depend on the week the test runs in: not required)

  // SKP: the quarter (TW4 2026) and the annual appraisal of 2026 (pulled only if the cycle
  // pulls the current year's TAHUNAN); then December 2025, whose TAHUNAN the cycle pulls.
  const auto pulled = [&](int year, const std::string& periode) {
    return store.skpStreams.contains("penilaian/" + std::to_string(year) + "/" + periode + "/" +
                                     agency);
  };
  REQUIRE(pulled(2026, "TW4"));
  checkSkp(nov / "skp.csv", truth2026, "TW4", true);
  checkSkp(nov / "skp_tahunan.csv", truth2026, "TAHUNAN", pulled(2026, "TAHUNAN"));
  const fs::path dec = runReport(site, dir, agency, "2025-12");
  REQUIRE(pulled(2025, "TAHUNAN"));
  checkSkp(dec / "skp_tahunan.csv", truth2025, "TAHUNAN", true);
  checkSkp(dec / "skp.csv", truth2025, "TW4", pulled(2025, "TW4"));

  // Training: JP of 2026 per employee from the completions' true attendees, and how many of
  // them SIASN received (its write log), against the report's Pelatihan list.
  auto people = sim.people();
  REQUIRE_OK(people);
  auto writes = sim.writes("siasn");
  REQUIRE_OK(writes);
  std::set<std::string> written;  // "<person id>|<dd-mm-yyyy>"
  for (const SimWrite& w : *writes) {
    if (!w.key.starts_with("kursus|") && !w.key.starts_with("diklat|")) continue;
    const std::size_t first = w.key.find('|'), second = w.key.find('|', first + 1);
    written.insert(w.key.substr(first + 1, second - first - 1) + "|" +
                   w.key.substr(w.key.rfind('|') + 1));
  }
  std::map<std::string, int> jpOf, pushedOf, countOf;  // by true NIP
  std::string cursor;
  for (int page = 0; page < 10'000; ++page) {
    auto doc = getJson(http,
                       sim.url("training") + "/api/v1/completions?limit=500" +
                           (cursor.empty() ? "" : "&cursor=" + cursor),
                       {"X-API-Key: training-demo-key"});
    REQUIRE_OK(doc);
    for (const auto& c : (*doc)["data"].GetArray()) {
      const std::string start = c["tanggal_mulai"].GetString();  // yyyy-mm-dd
      if (!start.starts_with("2026-")) continue;
      auto person = sim.completionPerson(std::to_string(c["id"].GetUint64()));
      REQUIRE_OK(person);
      if (!*person || **person >= people->size()) continue;
      const TruthPerson& p = (*people)[**person];
      const std::string dmy =
          start.substr(8, 2) + "-" + start.substr(5, 2) + "-" + start.substr(0, 4);
      jpOf[p.nipBaru] += c["jp"].GetInt();
      ++countOf[p.nipBaru];
      pushedOf[p.nipBaru] += written.contains(p.personId + "|" + dmy);
    }
    if (!(*doc)["next_cursor"].IsString()) break;
    cursor = (*doc)["next_cursor"].GetString();
  }
  const auto training = csv(nov / "pelatihan.csv");
  int withTraining = 0, targetMet = 0;
  std::set<std::string> seen;
  for (std::size_t i = 1; i < training.size(); ++i) {
    const auto& r = training[i];
    REQUIRE(r.size() == 8);
    if (!seen.insert(r[0]).second || !truth2026.contains(r[0])) continue;
    INFO("Pelatihan NIP " << r[0]);
    CHECK(r[2] == std::to_string(countOf[r[0]]));
    CHECK(r[3] == std::to_string(jpOf[r[0]]));
    CHECK(r[5] == (jpOf[r[0]] >= 20 ? "Ya" : "Tidak"));
    CHECK(r[6] == std::to_string(pushedOf[r[0]]));
    CHECK(r[7] == std::to_string(countOf[r[0]] - pushedOf[r[0]]));
    withTraining += countOf[r[0]] > 0;
    targetMet += jpOf[r[0]] >= 20;
  }
  WARN("Pelatihan: " << withTraining << " employees with training in 2026, " << targetMet
                     << " at 20 JP or more");
  CHECK(withTraining > 0);
}

}  // namespace

TEST_CASE("agency report after a sync cycle equals the simulators' ground truth", "[e2e][report]") {
  TempDir dir("sinkron_report_truth");
  SimOptions simOptions;
  simOptions.people = 1500;
  auto sim = SimServer::start(simOptions, dir.path);
  REQUIRE_OK(sim);
  SiteOptions options;
  options.attendance = true;
  options.holidays = holidaysAroundNow();
  auto site = SyncSite::create(dir.path, **sim, options);
  REQUIRE_OK(site);
  checkAgainstTruth(**sim, *site, dir.path, "");
}

TEST_CASE("agency report after a sync cycle equals the ground truth on PostgreSQL",
          "[e2e][report][db]") {
  using sinkron::test::TestDatabaseServer;
  auto server = TestDatabaseServer::start(TestDatabaseServer::Kind::kPostgreSql);
  REQUIRE_OK(server);
  TempDir dir("sinkron_report_truth_pg");
  SimOptions simOptions;
  simOptions.people = 1000;
  auto sim = SimServer::start(simOptions, dir.path);
  REQUIRE_OK(sim);
  SiteOptions options;
  options.postgresConnect = (*server)->sociConnectString();
  options.attendance = true;
  options.holidays = holidaysAroundNow();
  auto site = SyncSite::create(dir.path, **sim, options);
  REQUIRE_OK(site);
  checkAgainstTruth(**sim, *site, dir.path, options.postgresConnect);
}

TEST_CASE("agency report's attendance from device punches alone equals the devices-only truth",
          "[e2e][report][attendance]") {
  TempDir dir("sinkron_report_punches");
  SimOptions simOptions;
  simOptions.people = 600;
  auto sim = SimServer::start(simOptions, dir.path);
  REQUIRE_OK(sim);
  SiteOptions options;
  options.attendanceDevicesOnly = true;
  options.holidays = holidaysAroundNow();
  auto site = SyncSite::create(dir.path, **sim, options);
  REQUIRE_OK(site);
  auto cycle = site->sync();
  REQUIRE_OK(cycle);
  INFO(cycle->output);
  REQUIRE(cycle->exitCode == 0);
  const StoreView store = readStore(dir.path, "");
  REQUIRE_FALSE(store.agency.empty());

  // The largest agencies, one report each, until 150 people are compared (a few seconds; every
  // agency of the 600 people, 500 small units, would take 25 s for the same rules).
  std::vector<std::pair<int, std::string>> bySize;
  for (const auto& [unit, n] : store.unitSizes) bySize.emplace_back(-n, unit);
  std::sort(bySize.begin(), bySize.end());
  AttendanceTally total;
  int agencies = 0;
  for (const auto& [minusSize, unit] : bySize) {
    if (total.compared >= 150 || agencies == 200) break;
    const AttendanceTally t = checkAttendance(**sim, *site, dir.path, store, unit, {}, "devices");
    total.compared += t.compared;
    total.inactive += t.inactive;
    total.lateMinutes += t.lateMinutes;
    total.present += t.present;
    total.lateDays += t.lateDays;
    total.absent += t.absent;
    ++agencies;
  }
  WARN("Presensi (devices only) of "
       << agencies << " agencies: " << total.compared << " employees compared, " << total.inactive
       << " not in active service, " << total.present << " days present, " << total.lateDays
       << " late (" << total.lateMinutes << " min), " << total.absent << " TK");
  CHECK(total.compared >= 150);
  CHECK(total.present > 0);
  CHECK(total.lateDays > 0);  // ~12% of present days
  CHECK(total.absent > 0);    // days without punches: ~8% of working days
}
