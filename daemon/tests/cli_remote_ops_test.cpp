// outbox, dlq, diagnose and report against a running `sinkron serve` (admin API over loopback):
// tables and --json, dlq replay/discard with a reason (403 for a helpdesk token: exit 3),
// diagnose of a stored person and of nobody (exit 2), fix approval refusals, and report writing
// the html, xlsx and csv it receives; --local still reads the store.
#include <unistd.h>

#include <soci/soci.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <string>

#include "admin_test_support.hpp"
#include "cli_site.hpp"
#include "daemon_test_support.hpp"
#include "sinkron/store/outbox_store.hpp"
#include "sinkron/store/state_store.hpp"

namespace fs = std::filesystem;
using sinkron::test::runCommand;
using sinkron::test::slurp;

namespace {

const std::string kBin = SINKRON_BINARY;
const std::string& kEnv = sinkron::test::kCliEnv;
const std::string kNip = "199001012015031001";
const std::string kNik = "3404014101900001";

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

struct Site : sinkron::test::CliSite {
  explicit Site(const std::string& name) : CliSite("sinkron-ops", name) {}

  // Two pushes that gave up (SIASN refused the course type), as outbox_cli_test has them.
  void addDeadLetters() {
    auto st = store();
    REQUIRE(st->transaction("seed", [](soci::session& sql) -> sinkron::Status {
      for (const char* key : {"kursus|a|Kursus A|01-02-2026", "kursus|b|Kursus B|01-02-2026"}) {
        auto r = sinkron::store::OutboxStore::enqueue(sql, {"siasn", "kursus", kNip, key, "{}", 0});
        if (!r) return r.error();
      }
      return {};
    }));
    sinkron::store::OutboxStore outbox(*st);
    auto due = outbox.claimDue(sinkron::store::nowMillis(), 10);
    REQUIRE(due);
    REQUIRE(due->size() == 2);
    for (const auto& e : *due)
      REQUIRE(outbox.markFailed(e.id, "Jenis kursus dengan id '9' tidak ditemukan", 0, 5, true));
  }

  // One person in agency A1, in SIMPEG and SIASN and linked (as serve_people_test has them).
  void addPerson() {
    auto st = store();
    soci::session& sql = st->session();
    const std::string json = R"({"nip":")" + kNip + R"(","nik":")" + kNik +
                             R"(","nama":"Ahmad Yani","tgl_lahir":"1990-01-01","unit_id":"A1",)"
                             R"("unit":"Dinas A","kedudukan":"Aktif"})";
    sql << "INSERT INTO employees (id, nip, name, canonical_json, created_at, updated_at) VALUES "
           "(1, :n, 'Ahmad Yani', :j, 0, 0)",
        soci::use(kNip), soci::use(json);
    auto record = [&](const std::string& connector, const std::string& stream,
                      const std::string& key, const std::string& body) {
      sql << "INSERT INTO source_records (connector, stream, source_key, employee_id, "
             "content_hash, record_json, updated_at) VALUES (:c, :s, :k, 1, 'h', :j, 0)",
          soci::use(connector), soci::use(stream), soci::use(key), soci::use(body);
      sql << "INSERT INTO links (connector, source_key, employee_id, decision, score, "
             "explanation, decided_by, updated_at) VALUES (:c, :k, 1, 'match', 0.98, 'matched', "
             "'sinkron', 0)",
          soci::use(connector), soci::use(key);
    };
    record("simpeg", "pegawai", "100001",
           R"({"nip":")" + kNip + R"(","nama":"Dr. H. Ahmad Yani, S.Pd.","unit_id":"77"})");
    record("siasn", "data-utama", kNip, json);
  }
};

}  // namespace

TEST_CASE("cli: outbox and dlq through the admin API", "[cli][remote]") {
  Site s("dlq");
  s.addDeadLetters();
  s.start();

  auto dead = s.cli("outbox --status dead");
  INFO(dead.out);
  CHECK(dead.exit == 0);
  CHECK(has(dead.out, "outbox: 0 pending, 0 delivering, 0 delivered, 2 dead"));
  CHECK(std::regex_search(dead.out, std::regex("ID +CONNECTOR +KIND +STATUS +ATTEMPTS +TARGET")));
  CHECK(std::regex_search(dead.out, std::regex("\n +1 +siasn +kursus +dead ")));
  CHECK_FALSE(has(dead.out, kNip));  // masked by the API
  auto deadJson = s.cli("outbox --status dead --json");
  CHECK(deadJson.exit == 0);
  CHECK(deadJson.out.rfind("{\"entries\":[", 0) == 0);
  auto pending = s.cli("outbox");
  CHECK(pending.exit == 0);
  CHECK(has(pending.out, "no outbox entries (pending)"));
  auto pendingId = s.cli("outbox --lang id");
  CHECK(has(pendingId.out, "tidak ada entri outbox"));

  auto list = s.cli("dlq list");
  INFO(list.out);
  CHECK(list.exit == 0);
  CHECK(std::regex_search(list.out,
                          std::regex("ID +CONNECTOR +KIND +STATUS +ATTEMPTS +TARGET +REASON")));
  CHECK(has(list.out, "tidak ditemukan"));
  CHECK(has(s.cli("dlq list --json").out, "\"dead_letters\":["));

  // Helpdesk may neither see nor change the queue: 403, exit 3.
  auto refused = s.cli("dlq replay --id 1 --reason 'fixed jenis'", s.helpdeskToken);
  INFO(refused.out);
  CHECK(refused.exit == 3);
  CHECK(has(refused.out, "403"));
  CHECK(has(refused.out, s.url + "/api/v1/dlq/replay"));
  CHECK(s.cli("dlq list", s.helpdeskToken).exit == 3);
  CHECK(s.cli("outbox", s.helpdeskToken).exit == 3);

  auto replay = s.cli("dlq replay --id 1 --reason 'fixed jenis'");
  INFO(replay.out);
  CHECK(replay.exit == 0);
  CHECK(has(replay.out, "replayed 1 of 1 dead letters"));
  auto discard = s.cli("dlq discard --id 2 --reason 'not ours' --json");
  INFO(discard.out);
  CHECK(discard.exit == 0);
  CHECK(has(discard.out, "{\"discarded\":1}"));
  auto again = s.cli("dlq replay --id 2 --reason again");
  INFO(again.out);
  CHECK(again.exit == 2);                       // already discarded: the API refuses it
  CHECK(s.cli("dlq replay --id 1").exit == 1);  // a reason is required

  auto st = s.store();
  long long waiting = 0, history = 0;
  st->session() << "SELECT COUNT(*) FROM outbox WHERE status = 'pending'", soci::into(waiting);
  st->session() << "SELECT COUNT(*) FROM change_history WHERE entity = 'dead_letter' AND "
                   "actor = 'operator:ops' AND reason IN ('fixed jenis', 'not ours')",
      soci::into(history);
  CHECK(waiting == 1);
  CHECK(history == 2);

  // Without a URL the config's admin section is asked for, and this one has no fixed port.
  auto noUrl = runCommand(kEnv + "SINKRON_TOKEN=x " + kBin + " dlq list --config " +
                          s.cfg.string() + " 2>&1");
  CHECK(noUrl.exit == 1);
  CHECK(has(noUrl.out, "--url"));
  // --local reads the same store directly.
  auto local = runCommand(kEnv + kBin + " outbox --local --config " + s.cfg.string() + " 2>&1");
  INFO(local.out);
  CHECK(local.exit == 0);
  CHECK(has(local.out, "1 pending"));
}

TEST_CASE("cli: diagnose through the admin API", "[cli][remote]") {
  Site s("diagnose");
  s.addPerson();
  s.start();

  auto json = s.cli("diagnose --nip " + kNip + " --json", s.helpdeskToken);
  INFO(json.out);
  REQUIRE(json.out.rfind("{\"query\":", 0) == 0);
  CHECK(has(json.out, "\"found\":true"));
  const bool failed = has(json.out, "\"status\":\"FAIL\"");
  CHECK(json.exit == (failed ? 2 : 0));

  auto table = s.cli("diagnose --nip " + kNip, s.helpdeskToken);
  INFO(table.out);
  CHECK(table.exit == json.exit);
  CHECK(has(table.out, "Diagnosis: "));
  CHECK(has(table.out, "Ahmad Yani"));
  CHECK(std::regex_search(table.out, std::regex("SYSTEM +FOUND +KEY +NIP +LINK +EMPLOYEE")));
  CHECK(std::regex_search(table.out, std::regex("\nSIASN +yes +")));
  CHECK(std::regex_search(table.out, std::regex("STATUS +SYSTEM +CHECK +FINDING")));
  CHECK_FALSE(has(table.out, kNip));  // masked
  auto indonesian = s.cli("diagnose --lang id --nip " + kNip, s.helpdeskToken);
  CHECK(has(indonesian.out, "Diagnosa: "));
  CHECK(std::regex_search(indonesian.out, std::regex("SISTEM +ADA +KUNCI")));

  // Nobody with this NIP: exit 2, as a failed check.
  auto nobody = s.cli("diagnose --nip 198001012005011002", s.helpdeskToken);
  INFO(nobody.out);
  CHECK(nobody.exit == 2);
  CHECK(has(nobody.out, "found in neither SIMPEG nor SIASN"));
  auto nobodyJson = s.cli("diagnose --nip 198001012005011002 --json", s.helpdeskToken);
  CHECK(nobodyJson.exit == 2);
  CHECK(has(nobodyJson.out, "\"found\":false"));
  auto bad = s.cli("diagnose --nip 12", s.helpdeskToken);
  CHECK(bad.exit == 2);
  CHECK(has(bad.out, "HTTP 400"));
  CHECK(s.cli("diagnose").exit == 1);  // no person given

  // Approving a fix: operators only (exit 3), and a fix diagnose does not offer is not found.
  auto approveRefused =
      s.cli("diagnose --nip " + kNip + " --approve abc123 --reason 'SK BKN'", s.helpdeskToken);
  CHECK(approveRefused.exit == 3);
  auto unknownFix = s.cli("diagnose --nip " + kNip + " --approve abc123 --reason 'SK BKN'");
  INFO(unknownFix.out);
  CHECK(unknownFix.exit == 4);
  CHECK(has(unknownFix.out, s.url + "/api/v1/fixes"));

  // --local reads the store and gives the same verdict.
  auto local = runCommand(kEnv + kBin + " diagnose --local --config " + s.cfg.string() + " --nip " +
                          kNip + " --json 2>/dev/null");
  CHECK(local.exit == json.exit);
  CHECK(has(local.out, "\"found\":true"));
}

TEST_CASE("cli: report through the admin API writes the file it receives", "[cli][remote]") {
  Site s("report");
  s.addPerson();
  s.start();
  const fs::path out = s.dir / "out";

  auto html = s.cli("report --agency A1 --period 2026-11 --format html --out " + out.string(),
                    s.helpdeskToken);
  INFO(html.out);
  CHECK(html.exit == 0);
  const fs::path htmlFile = out / "laporan-A1-2026-11.html";
  CHECK(has(html.out, "report: " + htmlFile.string()));
  CHECK(std::regex_search(html.out, std::regex("agency A1: \\d+ employees, period 2026-11")));
  CHECK(has(slurp(htmlFile), "<svg"));

  auto xlsx = s.cli("report --agency A1 --period 2026-11 --out " + out.string());
  INFO(xlsx.out);
  CHECK(xlsx.exit == 0);
  const std::string workbook = slurp(out / "laporan-A1-2026-11.xlsx");
  CHECK(workbook.rfind("PK", 0) == 0);  // a zip, as xlsx is
  CHECK(workbook.size() > 1000);

  auto csv = s.cli("report --agency A1 --period 2026-11 --format csv --out " + out.string());
  INFO(csv.out);
  CHECK(csv.exit == 0);
  for (const char* name : {"ringkasan.csv", "rekonsiliasi.csv", "skp.csv", "skp_tahunan.csv",
                           "pelatihan.csv", "presensi.csv"})
    CHECK(fs::is_regular_file(out / "laporan-A1-2026-11" / name));

  // --json: the figures, no file.
  auto figures =
      s.cli("report --agency A1 --period 2026-11 --json --out " + (s.dir / "none").string());
  CHECK(figures.exit == 0);
  CHECK(has(figures.out, "\"agency\":\"A1\""));
  CHECK_FALSE(fs::exists(s.dir / "none"));

  auto badPeriod = s.cli("report --agency A1 --period 2026-13 --out " + out.string());
  CHECK(badPeriod.exit == 2);  // 400
  auto noToken =
      runCommand(kEnv + kBin + " report --agency A1 --period 2026-11 --url " + s.url + " 2>&1");
  CHECK(noToken.exit == 3);

  // --local builds the same file from the store.
  const fs::path localOut = s.dir / "local";
  auto local = runCommand(kEnv + kBin + " report --local --config " + s.cfg.string() +
                          " --agency A1 --period 2026-11 --format html --out " + localOut.string() +
                          " 2>&1");
  INFO(local.out);
  CHECK(local.exit == 0);
  CHECK(fs::is_regular_file(localOut / "laporan-A1-2026-11.html"));
}
