// The CLI against a running `sinkron serve`: status/runs tables and --json, tokens from a file
// or the environment, refusals (no token, wrong role: exit 3), an unreachable daemon (exit 5,
// naming the URL), conflicts resolve (and 409 the second time), lookup, --lang id/en, and
// `sync --remote --follow` ending with the run's outcome and a line per step off a terminal.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <soci/soci.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "admin_test_support.hpp"
#include "cli_site.hpp"
#include "daemon_test_support.hpp"
#include "sinkron/store/state_store.hpp"

namespace fs = std::filesystem;
using sinkron::test::eventually;
using sinkron::test::runCommand;
using sinkron::test::slurp;

namespace {

const std::string kBin = SINKRON_BINARY;
const std::string& kEnv = sinkron::test::kCliEnv;

std::string firstLine(std::string s) {
  auto at = s.find('\n');
  return at == std::string::npos ? s : s.substr(0, at);
}

struct Daemon : sinkron::test::CliSite {
  explicit Daemon(const std::string& name) : CliSite("sinkron-cli", name) {}

  void addConflict() {
    store()->session() << "INSERT INTO conflicts (field, left_source, left_value, right_source, "
                          "right_value, status, reason, created_at) VALUES ('jabatan', 'simpeg', "
                          "'Analis', 'siasn', 'Pranata', 'open', 'review', 1)";
  }
};

}  // namespace

TEST_CASE("cli: status and runs through the admin API, tables and --json", "[cli][remote]") {
  Daemon d("status");
  d.start();

  auto status = d.cli("status");
  INFO(status.out);
  CHECK(status.exit == 0);
  CHECK(status.out.find("daemon at " + d.url) != std::string::npos);
  CHECK(std::regex_search(status.out, std::regex("JOB +RUNNING +QUEUED")));
  CHECK(std::regex_search(status.out, std::regex("\nsync +no ")));
  CHECK(status.out.find("outbox: 0 pending") != std::string::npos);

  auto json = d.cli("status --json");
  CHECK(json.exit == 0);
  CHECK(json.out.rfind("{\"jobs\":[", 0) == 0);

  auto none = d.cli("runs");
  CHECK(none.exit == 0);
  CHECK(none.out.find("no runs yet") != std::string::npos);

  // The token also comes from SINKRON_TOKEN, and the URL from SINKRON_URL.
  const std::string token = firstLine(slurp(d.helpdeskToken));
  auto byEnv = runCommand(kEnv + "SINKRON_TOKEN=" + token + " SINKRON_URL=" + d.url + " " + kBin +
                          " runs --limit 5 2>&1");
  CHECK(byEnv.exit == 0);

  // A followed run: partial (the sources are unreachable), exit 2, a line per step on stderr.
  auto follow = d.cli("sync --remote --follow");
  INFO(follow.out);
  CHECK(follow.exit == 2);
  CHECK(follow.out.find("sync run started") != std::string::npos);
  CHECK(std::regex_search(follow.out, std::regex("run 1: partial in ")));
  CHECK(follow.out.find("\r") == std::string::npos);  // no progress bar off a terminal
  CHECK(std::regex_search(follow.out, std::regex("\n  [a-z_-]+ +(ok|failed|partial|skipped) ")));

  auto runs = d.cli("runs");
  INFO(runs.out);
  CHECK(runs.exit == 0);
  CHECK(std::regex_search(runs.out, std::regex("ID +JOB +TRIGGER +STATUS +STARTED")));
  CHECK(std::regex_search(runs.out, std::regex("\n +1 +sync +[a-z_]+ +partial ")));
  auto runsJson = d.cli("runs --json --limit 1");
  CHECK(runsJson.out.find("\"status\":\"partial\"") != std::string::npos);

  auto one = d.cli("runs --id 1");
  INFO(one.out);
  CHECK(one.exit == 0);
  CHECK(one.out.find("run 1: sync partial") != std::string::npos);
  auto missing = d.cli("runs --id 999");
  CHECK(missing.exit == 4);
  CHECK(missing.out.find(d.url + "/api/v1/runs/999") != std::string::npos);

  // Without --follow, the command returns once the daemon accepted the trigger.
  auto fire = d.cli("sync --remote");
  CHECK(fire.exit == 0);
}

TEST_CASE("cli: refusals and an unreachable daemon have their own exit codes", "[cli][remote]") {
  Daemon d("refused");
  d.start();

  auto noToken = runCommand(kEnv + kBin + " status --url " + d.url + " 2>&1");
  INFO(noToken.out);
  CHECK(noToken.exit == 3);
  CHECK(noToken.out.find("--token-file") != std::string::npos);
  CHECK(noToken.out.find("SINKRON_TOKEN") != std::string::npos);

  std::ofstream(d.dir / "wrong.token") << "not-a-token\n";
  auto wrong = d.cli("status", d.dir / "wrong.token");
  CHECK(wrong.exit == 3);
  CHECK(wrong.out.find("401") != std::string::npos);

  auto role = d.cli("sync --remote", d.helpdeskToken);
  INFO(role.out);
  CHECK(role.exit == 3);
  CHECK(role.out.find("403") != std::string::npos);
  CHECK(role.out.find(d.url + "/api/v1/jobs/sync/run") != std::string::npos);

  auto down = runCommand(kEnv + "SINKRON_TOKEN=x " + kBin +
                         " status --timeout 5 --url http://127.0.0.1:9 2>&1");
  INFO(down.out);
  CHECK(down.exit == 5);
  CHECK(down.out.find("http://127.0.0.1:9/api/v1/status") != std::string::npos);

  // The config names no fixed admin port: the message says how to give the URL.
  auto noUrl =
      runCommand(kEnv + "SINKRON_TOKEN=x " + kBin + " status --config " + d.cfg.string() + " 2>&1");
  CHECK(noUrl.exit == 1);
  CHECK(noUrl.out.find("--url") != std::string::npos);

  // The local cycle still needs its config.
  auto local = runCommand(kEnv + kBin + " sync 2>&1");
  CHECK(local.exit == 1);
  CHECK(local.out.find("--config") != std::string::npos);
}

TEST_CASE("cli: conflicts list and resolve, once", "[cli][remote]") {
  Daemon d("conflicts");
  d.addConflict();
  d.start();

  auto list = d.cli("conflicts", d.helpdeskToken);
  INFO(list.out);
  CHECK(list.exit == 0);
  CHECK(std::regex_search(list.out, std::regex("\n +1 +jabatan +simpeg: Analis +siasn: Pranata")));

  auto refused = d.cli("conflicts resolve 1 --take right --reason 'SK checked'", d.helpdeskToken);
  CHECK(refused.exit == 3);
  auto noChoice = d.cli("conflicts resolve 1 --reason 'SK checked'");
  CHECK(noChoice.exit == 1);
  CHECK(noChoice.out.find("--take") != std::string::npos);

  auto resolved = d.cli("conflicts resolve 1 --take right --reason 'SK checked'");
  INFO(resolved.out);
  CHECK(resolved.exit == 0);
  CHECK(resolved.out.find("conflict 1 resolved: right") != std::string::npos);

  auto again = d.cli("conflicts resolve 1 --take right --reason 'SK checked'");
  INFO(again.out);
  CHECK(again.exit == 2);
  CHECK(again.out.find("HTTP 409") != std::string::npos);
  CHECK(d.cli("conflicts resolve 77 --dismiss --reason x").exit == 4);

  auto open = d.cli("conflicts");
  CHECK(open.out.find("no conflicts (open)") != std::string::npos);
  auto closed = d.cli("conflicts --status resolved --json");
  CHECK(closed.out.find("\"field\":\"jabatan\"") != std::string::npos);
}

TEST_CASE("cli: lookup asks GET /api/v1/employees", "[cli][remote]") {
  Daemon d("lookup");
  d.start();
  // An empty store: nobody is found (exit 4), in either language.
  auto nobody = d.cli("lookup --nip 199001012015031001", d.helpdeskToken);
  INFO(nobody.out);
  CHECK(nobody.exit == 4);
  CHECK(nobody.out.find("199001012015031001") == std::string::npos);  // never echoed in full
  auto bad = d.cli("lookup --nip 12", d.helpdeskToken);
  INFO(bad.out);
  CHECK(bad.exit == 2);                               // 400: a malformed NIP
  CHECK(d.cli("lookup --nip 1 --name x").exit == 1);  // one query at a time
}

TEST_CASE("cli: --lang id and en, and the locale's default", "[cli][remote]") {
  Daemon d("lang");
  d.start();
  auto en = d.cli("status --lang en");
  auto id = d.cli("status --lang id");
  auto idFirst = d.cli("--lang id status");
  INFO(en.out << "\n---\n" << id.out);
  CHECK(en.out.find("JOB") != std::string::npos);
  CHECK(id.out.find("TUGAS") != std::string::npos);
  CHECK(id.out.find("daemon di " + d.url) != std::string::npos);
  CHECK(idFirst.out.find("TUGAS") != std::string::npos);
  CHECK(std::regex_search(id.out, std::regex("\nsync +tidak ")));

  auto locale = runCommand("env -u LC_ALL -u LC_MESSAGES LANG=id_ID.UTF-8 SINKRON_TOKEN_FILE=" +
                           d.operatorToken.string() + " " + kBin + " runs --url " + d.url);
  CHECK(locale.out.find("belum ada run") != std::string::npos);

  auto noTokenId = runCommand(kEnv + kBin + " status --lang id --url " + d.url + " 2>&1");
  CHECK(noTokenId.exit == 3);
  CHECK(noTokenId.out.find("tidak ada token") != std::string::npos);

  auto help = runCommand(kEnv + kBin + " --help");
  CHECK(help.out.find("Exit codes: 0 ok") != std::string::npos);
  auto helpId = runCommand(kEnv + kBin + " --lang id --help");
  CHECK(helpId.out.find("Kode keluar") != std::string::npos);
}
