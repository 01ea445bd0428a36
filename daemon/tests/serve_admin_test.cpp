// The admin API inside `sinkron serve`: probes without a token, 401 without one, 403 for the
// wrong role, a manual run through the API, and /metrics that promtool accepts; the HTTP
// counters current during a run, and records pushed per connector as they are delivered.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include "admin_test_support.hpp"
#include "daemon_test_support.hpp"
#include "scripted_server.hpp"

#include <soci/soci.h>

#include "sinkron/store/state_store.hpp"

namespace fs = std::filesystem;
using sinkron::test::eventually;
using sinkron::test::Reply;
using sinkron::test::request;
using sinkron::test::slurp;

std::string run(const std::string& command) {
  auto r = sinkron::test::runCommand(command);
  REQUIRE(r.exit >= 0);  // the command ran to its end
  return r.out;
}

namespace {}  // namespace

TEST_CASE("serve: the admin API answers with tokens and roles, and serves /metrics",
          "[serve][admin]") {
  const fs::path dir = fs::temp_directory_path() / ("sinkron-admin-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path cfg = dir / "sinkron.yaml";
  sinkron::test::writeClosedPortConfig(cfg);
  const std::string bin = SINKRON_BINARY;
  std::string operatorToken = run(bin + " token create --config " + cfg.string() +
                                  " --name ops --role operator 2>/dev/null");
  std::string helpdeskToken = run(bin + " token create --config " + cfg.string() +
                                  " --name hd --role helpdesk 2>/dev/null");
  while (!operatorToken.empty() && operatorToken.back() == '\n') operatorToken.pop_back();
  while (!helpdeskToken.empty() && helpdeskToken.back() == '\n') helpdeskToken.pop_back();
  REQUIRE(operatorToken.size() > 20);
  CHECK(run(bin + " token list --config " + cfg.string()).find("helpdesk") != std::string::npos);

  {
    // A conflict waiting for a person.
    sinkron::store::StoreOptions o;
    o.connect = (dir / "state.db").string();
    auto st = sinkron::store::StateStore::open(o);
    REQUIRE(st);
    (*st)->session() << "INSERT INTO conflicts (field, left_source, left_value, right_source, "
                        "right_value, status, reason, created_at) VALUES ('identity', 'simpeg', "
                        "'100001', 'siasn', '199001012015031001', 'open', 'review', 1)";
  }
  const fs::path log = dir / "log.txt";
  sinkron::test::ServedDaemon daemon(bin, cfg, log);
  const int port = daemon.waitForAdminPort();
  REQUIRE(port > 0);

  CHECK(request(port, "GET", "/healthz").status == 200);
  CHECK(request(port, "GET", "/readyz").status == 200);
  CHECK(request(port, "GET", "/api/v1/status").status == 401);
  CHECK(request(port, "GET", "/api/v1/status", "wrong-token").status == 401);
  Reply status = request(port, "GET", "/api/v1/status", helpdeskToken);
  CHECK(status.status == 200);
  CHECK(status.body.find("\"name\":\"sync\"") != std::string::npos);
  CHECK(request(port, "POST", "/api/v1/jobs/sync/run", helpdeskToken).status == 403);
  CHECK(request(port, "POST", "/api/v1/jobs/nope/run", operatorToken).status == 404);
  Reply started = request(port, "POST", "/api/v1/jobs/sync/run", operatorToken);
  CHECK(started.status == 202);
  REQUIRE(eventually(
      [&] { return slurp(log).find("run 1: sync cycle partial") != std::string::npos; }));
  REQUIRE(eventually([&] {
    return request(port, "GET", "/api/v1/runs", operatorToken)
               .body.find("\"status\":\"partial\"") != std::string::npos;
  }));

  Reply conflicts = request(port, "GET", "/api/v1/conflicts", helpdeskToken);
  CHECK(conflicts.status == 200);
  CHECK(conflicts.body.find("\"field\":\"identity\"") != std::string::npos);
  CHECK(conflicts.body.find("199001012015031001") == std::string::npos);  // masked
  const std::string resolve = R"({"resolution":"right","reason":"same person, checked SK"})";
  CHECK(request(port, "POST", "/api/v1/conflicts/1/resolve", helpdeskToken, resolve).status == 403);
  CHECK(request(port, "POST", "/api/v1/conflicts/1/resolve", operatorToken, "{}").status == 400);
  CHECK(request(port, "POST", "/api/v1/conflicts/1/resolve", operatorToken, resolve).status == 200);
  CHECK(request(port, "POST", "/api/v1/conflicts/1/resolve", operatorToken, resolve).status == 409);
  CHECK(request(port, "POST", "/api/v1/conflicts/99/resolve", operatorToken, resolve).status ==
        404);

  Reply unknown = request(port, "GET", "/api/v1/diagnose?nip=199001012015031001", helpdeskToken);
  CHECK(unknown.status == 200);
  CHECK(unknown.body.find("\"found\":false") != std::string::npos);
  CHECK(request(port, "GET", "/api/v1/diagnose?nip=12", helpdeskToken).status == 400);
  const std::string fix = R"({"connector":"simpeg","kind":"pegawai-patch","target_key":"100001",)"
                          R"("natural_key":"pegawai|100001|email=a@b.go.id",)"
                          R"("json":"{\"email\":\"a@b.go.id\"}","reason":"diagnose, approved"})";
  CHECK(request(port, "POST", "/api/v1/fixes", helpdeskToken, fix).status == 403);
  CHECK(request(port, "POST", "/api/v1/fixes", operatorToken, fix).status == 201);
  CHECK(request(port, "POST", "/api/v1/fixes", operatorToken, fix).status == 200);  // once only

  Reply report =
      request(port, "GET", "/api/v1/reports/agency?agency=U1&period=2026-11", helpdeskToken);
  CHECK(report.status == 200);
  CHECK(report.body.find("\"employees\":0") != std::string::npos);
  CHECK(request(port, "GET", "/api/v1/reports/agency?agency=U1&period=2026-13", helpdeskToken)
            .status == 400);
  Reply html = request(port, "GET", "/api/v1/reports/agency?agency=U1&period=2026-11&format=html",
                       helpdeskToken);
  CHECK(html.status == 200);
  CHECK(html.body.find("<svg") != std::string::npos);

  Reply metrics = request(port, "GET", "/metrics", operatorToken);
  CHECK(metrics.status == 200);
  CHECK(metrics.body.find("sinkron_runs_total{job=\"sync\",status=\"partial\"} 1") !=
        std::string::npos);
  CHECK(metrics.body.find("sinkron_outbox_entries") != std::string::npos);
  // Per connector: requests, the refused connections as transport errors, attempt latencies.
  CHECK(metrics.body.find("sinkron_http_requests_total{connector=\"simpeg\"}") !=
        std::string::npos);
  CHECK(metrics.body.find(
            "sinkron_http_failures_total{connector=\"simpeg\",kind=\"transport_error\"}") !=
        std::string::npos);
  CHECK(metrics.body.find(
            "sinkron_http_failures_total{connector=\"simpeg\",kind=\"transport_error\"} 0") ==
        std::string::npos);
  CHECK(metrics.body.find("sinkron_http_request_duration_seconds_bucket{connector=\"simpeg\"") !=
        std::string::npos);
  CHECK(metrics.body.find("sinkron_http_circuits{connector=\"simpeg\",state=\"open\"}") !=
        std::string::npos);
  Reply afterRun = request(port, "GET", "/api/v1/status", operatorToken);
  CHECK(afterRun.body.find("\"circuit\":\"") != std::string::npos);
  std::ofstream(dir / "metrics.txt") << metrics.body;
  std::string lint = run("/usr/bin/promtool check metrics < " + (dir / "metrics.txt").string() +
                         " 2>&1; echo exit=$?");
  INFO(lint);
  CHECK(lint.find("exit=0") != std::string::npos);
  fs::remove_all(dir);
}

namespace {

// A counter's value in Prometheus text, -1 when the series is not there.
double seriesValue(const std::string& text, const std::string& series) {
  const std::string head = series + " ";
  auto at = text.find("\n" + head);
  if (at == std::string::npos) return -1;
  return std::strtod(text.c_str() + at + 1 + head.size(), nullptr);
}

std::string trimmedToken(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace

TEST_CASE("serve: /metrics counts HTTP requests during a run, once, and pushes per connector",
          "[serve][admin][metrics]") {
  const fs::path dir =
      fs::temp_directory_path() / ("sinkron-admin-live-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  // SIMPEG: the cycle's pegawai pull is held; the post and unit tables are empty; pegawai 100001
  // already holds the pushed email, pegawai 100003 is not there (404).
  sinkron::test::ScriptedServer simpeg(1, [](const std::string& line) {
    if (line.find("/api/v1/pegawai/100001 ") != std::string::npos)
      return sinkron::test::ScriptedAnswer{
          200, R"({"data":{"id_pegawai":"100001","email":"a@b.go.id"}})", {}};
    if (line.find("/api/v1/pegawai/100003 ") != std::string::npos)
      return sinkron::test::ScriptedAnswer{404, R"({"error":"not found"})", {}};
    return sinkron::test::ScriptedAnswer{200, R"({"data":[],"total":0})", {}};
  });
  const std::string mappings = std::string(SINKRON_SOURCE_DIR) + "/deploy/mappings";
  const fs::path cfg = dir / "sinkron.yaml";
  std::ofstream(cfg) << "store: {path: state.db}\n"
                        "admin: {port: 0}\n"
                        "connectors:\n"
                        "  simpeg: {type: simpeg-rest, base_url: '"
                     << simpeg.url() << "', api_key: k, max_attempts: 1, mapping: " << mappings
                     << "/simpeg-rest.yaml}\n"
                        "  siasn: {type: siasn, gateway_url: 'http://127.0.0.1:9', sso_url: "
                        "'http://127.0.0.1:9', consumer_key: c, consumer_secret: s, "
                        "sso_client_id: i, sso_username: u, sso_password: p, max_attempts: 1, "
                        "mapping: "
                     << mappings
                     << "/siasn-data-utama.yaml}\n"
                        "sync: {schedule: '0 3 1 1 *', jobs: {push: '0 3 1 1 *'}}\n";
  const std::string bin = SINKRON_BINARY;
  const std::string token = trimmedToken(run(bin + " token create --config " + cfg.string() +
                                             " --name ops --role operator "
                                             "2>/dev/null"));
  REQUIRE(token.size() > 20);
  const fs::path log = dir / "log.txt";
  sinkron::test::ServedDaemon daemon(bin, cfg, log, [&] { simpeg.release(); });
  const int port = daemon.waitForAdminPort();
  REQUIRE(port > 0);
  const std::string requests = "sinkron_http_requests_total{connector=\"simpeg\"}";

  REQUIRE(request(port, "POST", "/api/v1/jobs/sync/run", token).status == 202);
  REQUIRE(eventually([&] { return simpeg.held() == 1; }));
  // The run is still in its first pull: its request shows now, and a second scrape does not
  // count it again.
  Reply during = request(port, "GET", "/metrics", token);
  INFO(during.body);
  CHECK(request(port, "GET", "/api/v1/status", token).body.find("\"running_run_id\":1") !=
        std::string::npos);
  CHECK(seriesValue(during.body, requests) == 1);
  CHECK(seriesValue(request(port, "GET", "/metrics", token).body, requests) == 1);

  simpeg.letGo();  // the pegawai pull fails; the post and unit tables are pulled (2 more)
  REQUIRE(
      eventually([&] { return slurp(log).find("run 1: sync cycle partial") != std::string::npos; },
                 std::chrono::seconds(60)));
  // The run's end and the scrapes merge the same requests once; the rebuilt connectors start
  // from zero without taking anything away.
  Reply after = request(port, "GET", "/metrics", token);
  CHECK(seriesValue(after.body, requests) == 3);
  CHECK(seriesValue(after.body,
                    "sinkron_http_failures_total{connector=\"simpeg\",kind=\"transport_error\"}") ==
        1);
  CHECK(seriesValue(after.body,
                    "sinkron_http_request_duration_seconds_count{connector=\"simpeg\"}") == 3);
  CHECK(seriesValue(request(port, "GET", "/metrics", token).body, requests) == 3);

  // Two approved fixes pushed: one already present (delivered), one whose person is gone (dead).
  for (const char* id : {"100001", "100003"}) {
    const std::string fix = std::string(R"({"connector":"simpeg","kind":"pegawai-patch",)") +
                            R"("target_key":")" + id + R"(","natural_key":"pegawai|)" + id +
                            R"(|email=a@b.go.id","json":"{\"email\":\"a@b.go.id\"}",)" +
                            R"("reason":"diagnose, approved"})";
    REQUIRE(request(port, "POST", "/api/v1/fixes", token, fix).status == 201);
  }
  REQUIRE(request(port, "POST", "/api/v1/jobs/push/run", token).status == 202);
  const std::regex pushEnded("run 2: push (ok|partial|failed) in");
  REQUIRE(eventually([&] { return std::regex_search(slurp(log), pushEnded); },
                     std::chrono::seconds(60)));
  Reply pushed = request(port, "GET", "/metrics", token);
  INFO(pushed.body);
  CHECK(seriesValue(pushed.body,
                    "sinkron_records_pushed_total{connector=\"simpeg\",outcome=\"delivered\"}") ==
        1);
  CHECK(seriesValue(pushed.body,
                    "sinkron_records_pushed_total{connector=\"simpeg\",outcome=\"dead\"}") == 1);
  CHECK(seriesValue(pushed.body, requests) == 5);  // the two reads before write
  std::ofstream(dir / "metrics.txt") << pushed.body;
  std::string lint = run("/usr/bin/promtool check metrics < " + (dir / "metrics.txt").string() +
                         " 2>&1; echo exit=$?");
  INFO(lint);
  CHECK(lint.find("exit=0") != std::string::npos);
  fs::remove_all(dir);
}
