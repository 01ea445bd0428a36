// A conflict resolved through the admin API plans its push, and the next cycle delivers it to
// the simulator: a SIMPEG employee without an email (SIMPEG owns email, so sinkron cannot decide)
// gets SIASN's email once an operator takes the right-hand value.
#include <curl/curl.h>
#include <soci/soci.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <fstream>
#include <regex>
#include <thread>

#include "require_ok.hpp"
#include "sim_server.hpp"
#include "sinkron/store/state_store.hpp"
#include "sync_site.hpp"
#include "temp_dir.hpp"

using namespace sinkron;
using namespace sinkron::test::sync;

namespace {

struct Posted {
  long status = 0;
  std::string body;
};

std::size_t collect(char* data, std::size_t size, std::size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

// POST over loopback with a bearer token, bounded by a timeout.
Posted post(const std::string& url, const std::string& token, const std::string& body) {
  Posted r;
  CURL* curl = curl_easy_init();
  REQUIRE(curl != nullptr);
  curl_slist* headers = curl_slist_append(nullptr, ("Authorization: Bearer " + token).c_str());
  headers = curl_slist_append(headers, "Content-Type: application/json");
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 20L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &r.body);
  if (curl_easy_perform(curl) == CURLE_OK)
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r.status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return r;
}

struct EmailConflict {
  long long id = 0;
  std::string simpegKey, email;
};

// An open email conflict where SIMPEG has none and SIASN has one.
std::optional<EmailConflict> emailConflict(const std::filesystem::path& dir) {
  store::StoreOptions o;
  o.connect = (dir / "state" / "sinkron.db").string();
  auto st = store::StateStore::open(o);
  REQUIRE_OK(st);
  long long id = 0;
  std::string left, right;
  soci::statement q =
      ((*st)->session().prepare << "SELECT id, left_value, right_value FROM conflicts WHERE "
                                   "status = 'open' AND field = 'email' ORDER BY id",
       soci::into(id), soci::into(left), soci::into(right));
  q.execute();
  while (q.fetch()) {
    const auto l = left.find('='), r = right.find('=');
    if (l == std::string::npos || r == std::string::npos) continue;
    if (l + 1 == left.size() && r + 1 < right.size())
      return EmailConflict{id, left.substr(0, l), right.substr(r + 1)};
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("conflict resolved through the admin API is pushed to SIMPEG by the next cycle",
          "[e2e][conflict]") {
  TempDir dir("sinkron_conflict_push");
  auto sim = SimServer::start({}, dir.path);
  REQUIRE_OK(sim);
  auto site = SyncSite::create(dir.path, **sim, {});
  REQUIRE_OK(site);
  auto first = site->sync();
  REQUIRE_OK(first);
  INFO(first->output);
  REQUIRE(first->exitCode == 0);

  const auto conflict = emailConflict(dir.path);
  REQUIRE(conflict.has_value());

  std::ofstream(site->configFile(), std::ios::app) << "admin: {port: 0}\n";
  auto created =
      runToEnd(sinkronCommand({"token", "create", "--config", site->configFile().string(), "--name",
                               "ops", "--role", "operator"},
                              dir.path, "token"),
               std::chrono::seconds(60));
  REQUIRE_OK(created);
  REQUIRE(created->exitCode == 0);
  std::string token = created->out;
  while (!token.empty() && token.back() == '\n') token.pop_back();

  {
    auto serve = ChildProcess::spawn(
        sinkronCommand({"serve", "--config", site->configFile().string()}, dir.path, "serve"));
    REQUIRE_OK(serve);
    std::string base;
    for (int i = 0; i < 400 && base.empty(); ++i) {
      std::smatch m;
      const std::string log = readFile(dir.path / "serve.err");
      if (std::regex_search(log, m, std::regex("admin API at (http://127\\.0\\.0\\.1:\\d+)")))
        base = m[1];
      else
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    REQUIRE_FALSE(base.empty());
    const std::string url = base + "/api/v1/conflicts/" + std::to_string(conflict->id) + "/resolve";
    Posted resolved = post(url, token, R"({"resolution":"right","reason":"email from SIASN"})");
    INFO(resolved.body);
    REQUIRE(resolved.status == 200);
    CHECK(resolved.body.find("\"queued\":[") != std::string::npos);
    CHECK(resolved.body.find("\"queued\":[]") == std::string::npos);
    CHECK(post(url, token, R"({"resolution":"right","reason":"again"})").status == 409);
    (*serve)->signal(SIGTERM);
    REQUIRE((*serve)->waitExit(std::chrono::seconds(30)).has_value());
  }

  auto second = site->sync();
  REQUIRE_OK(second);
  INFO(second->output);
  REQUIRE((second->exitCode == 0 || second->exitCode == 2));
  const std::string key = "pegawai|" + conflict->simpegKey + "|email=" + conflict->email;
  auto rows = site->outbox();
  REQUIRE_OK(rows);
  bool delivered = false;
  for (const OutboxRow& r : *rows)
    if (r.connector == "simpeg" && r.naturalKey == key) delivered = r.status == "delivered";
  CHECK(delivered);
  auto writes = (*sim)->writes("simpeg");
  REQUIRE_OK(writes);
  bool landed = false;
  for (const SimWrite& w : *writes) landed = landed || w.key == key;
  CHECK(landed);
}
