// The sync cycle pulls the regional e-presensi app (attendance.epresensi): after a cycle the
// person-days are in attendance_epresensi as the app serves them, and the daily roll-up holds
// the app's status for those person-days.
#include <rapidjson/document.h>
#include <soci/soci.h>
#include <stdio.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <string>

#include "require_ok.hpp"
#include "sim_server.hpp"
#include "sinkron/store/state_store.hpp"
#include "sync_site.hpp"
#include "temp_dir.hpp"

using namespace sinkron::test::sync;
using namespace sinkron;

namespace {

std::string shell(const std::string& command) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  if (p == nullptr) return out;
  char buf[8192];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  ::pclose(p);
  return out;
}

struct AppDay {
  std::string jamIn, status;
};

// What the simulated app serves for [from, to], by "nip|day", read as a client would.
std::map<std::string, AppDay> appDays(const std::string& base, const std::string& from,
                                      const std::string& to) {
  std::map<std::string, AppDay> out;
  rapidjson::Document login;
  const std::string loginBody = shell(
      "curl -sS --max-time 20 -X POST -H 'Content-Type: application/json' -d "
      "'{\"username\":\"sinkron\",\"password\":\"epresensi-demo\"}' " +
      base + "/api/login");
  login.Parse(loginBody.c_str());
  if (login.HasParseError() || !login.IsObject() || !login.HasMember("token")) return out;
  const std::string token = login["token"].GetString();
  for (int page = 1, last = 1; page <= last && page <= 200; ++page) {
    const std::string body =
        shell("curl -sS --max-time 20 -H 'Authorization: Bearer " + token + "' '" + base +
              "/api/v1/presensi?tanggal_mulai=" + from + "&tanggal_selesai=" + to +
              "&per_page=1000&page=" + std::to_string(page) + "'");
    rapidjson::Document doc;
    doc.Parse(body.c_str());
    if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("data")) return {};
    last = doc["meta"]["last_page"].GetInt();
    for (const auto& row : doc["data"].GetArray()) {
      AppDay d;
      if (row["jam_in"].IsString()) d.jamIn = row["jam_in"].GetString();
      d.status = row["status"].GetString();
      out[std::string(row["nip"].GetString()) + "|" + row["tanggal"].GetString()] = d;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("a sync cycle pulls e-presensi person-days into the store and the daily roll-up",
          "[e2e][sync][attendance]") {
  TempDir dir("sinkron_sync_epresensi");
  SimOptions simOptions;
  simOptions.people = 300;
  auto sim = SimServer::start(simOptions, dir.path);
  REQUIRE_OK(sim);
  auto site = SyncSite::create(dir.path, **sim, {});
  REQUIRE_OK(site);
  std::ofstream(dir.path / "epresensi.password") << "epresensi-demo\n";
  std::ofstream(site->configFile(), std::ios::app) << "attendance:\n"
                                                      "  days_back: 7\n"
                                                      "  epresensi:\n"
                                                      "    base_url: "
                                                   << (*sim)->url("epresensi")
                                                   << "\n"
                                                      "    username: sinkron\n"
                                                      "    password: ${file:epresensi.password}\n"
                                                      "    per_page: 200\n";
  auto cycle = site->sync();
  REQUIRE_OK(cycle);
  INFO(cycle->output);
  REQUIRE(cycle->status == "ok");
  CHECK(cycle->count("attendance_rows") > 0);

  store::StoreOptions options;
  options.connect = (dir.path / "state" / "sinkron.db").string();
  auto st = store::StateStore::open(options);
  REQUIRE_OK(st);
  soci::session& sql = (*st)->session();
  long long rows = 0;
  std::string from, to;
  sql << "SELECT COUNT(*), MIN(day), MAX(day) FROM attendance_epresensi", soci::into(rows),
      soci::into(from), soci::into(to);
  REQUIRE(rows > 0);

  // Every person-day the app serves for those days is stored as served; a sample of them is in
  // the daily roll-up with the app's status.
  const std::map<std::string, AppDay> truth = appDays((*sim)->url("epresensi"), from, to);
  REQUIRE(!truth.empty());
  CHECK(static_cast<long long>(truth.size()) == rows);
  std::size_t checked = 0;
  for (const auto& [key, day] : truth) {
    if (checked++ % 7 != 0) continue;  // a sample
    const std::string nip = key.substr(0, key.find('|')), date = key.substr(key.find('|') + 1);
    std::string status, jamIn, daily;
    soci::indicator dailyInd = soci::i_null;
    sql << "SELECT status, jam_in FROM attendance_epresensi WHERE nip = :n AND day = :d",
        soci::use(nip), soci::use(date), soci::into(status), soci::into(jamIn);
    sql << "SELECT status FROM attendance_daily WHERE nip = :n AND day = :d", soci::use(nip),
        soci::use(date), soci::into(daily, dailyInd);
    INFO(key);
    CHECK(status == day.status);
    CHECK(jamIn.substr(0, 5) == day.jamIn.substr(0, 5));
    REQUIRE(dailyInd == soci::i_ok);
    CHECK(daily == day.status);
  }
  CHECK(checked > 10);

  // The next cycle finds the complete days already stored (the cursor is the last day).
  std::string cursor;
  sql << "SELECT cursor FROM cursors WHERE connector = 'epresensi' AND stream = 'presensi'",
      soci::into(cursor);
  CHECK(cursor == to);
}

TEST_CASE("a refused e-presensi login fails its step only, and names the app",
          "[e2e][sync][attendance]") {
  TempDir dir("sinkron_sync_epresensi_refused");
  SimOptions simOptions;
  simOptions.people = 200;
  auto sim = SimServer::start(simOptions, dir.path);
  REQUIRE_OK(sim);
  auto site = SyncSite::create(dir.path, **sim, {});
  REQUIRE_OK(site);
  std::ofstream(dir.path / "epresensi.password") << "not-the-password\n";
  std::ofstream(site->configFile(), std::ios::app) << "attendance:\n"
                                                      "  epresensi:\n"
                                                      "    base_url: "
                                                   << (*sim)->url("epresensi")
                                                   << "\n"
                                                      "    username: sinkron\n"
                                                      "    password: ${file:epresensi.password}\n";
  auto cycle = site->sync();
  REQUIRE_OK(cycle);
  INFO(cycle->output);
  CHECK(cycle->status == "partial");
  REQUIRE(cycle->problems.size() == 1);
  CHECK(cycle->problems.front().rfind("pull epresensi: ", 0) == 0);
  CHECK(cycle->output.find("not-the-password") == std::string::npos);
  CHECK(cycle->count("pushed") > 0);  // the rest of the cycle ran
}
