// The admin API inside `sinkron serve`: probes without a token, 401 without one, 403 for the
// wrong role, a manual run through the API, and /metrics that promtool accepts.
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
