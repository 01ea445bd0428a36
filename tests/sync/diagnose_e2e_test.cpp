// `sinkron diagnose` against the simulators after a sync cycle: for each planted problem of the
// seeded population (read from /_sim/truth), a person who has it fails the matching check and a
// person without defects passes it; an offered fix, approved (diagnose --approve) and pushed by
// the next cycle, lands in the simulator and the refreshed diagnose passes.
#include <rapidjson/document.h>
#include <soci/soci.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <functional>
#include <optional>
#include <set>

#include "require_ok.hpp"
#include "sim_server.hpp"
#include "sinkron/store/state_store.hpp"
#include "sync_site.hpp"
#include "temp_dir.hpp"

using namespace sinkron;
using namespace sinkron::test::sync;

namespace {

struct Planted {
  std::uint64_t index = 0;
  std::string nip, nik;
  bool inSimpeg = false, inSiasn = false;
  std::vector<std::string> simpegIds, simpegNips;
  std::set<std::string> defects;
};

// A synced site: the simulator, one sync cycle, and the population's ground truth.
struct DiagnoseSite {
  TempDir dir{"sinkron_diagnose_e2e"};
  std::unique_ptr<SimServer> sim;
  std::optional<SyncSite> site;
  std::vector<Planted> people;
  int commands = 0;

  void start() {
    auto s = SimServer::start({}, dir.path);
    REQUIRE_OK(s);
    sim = std::move(*s);
    auto created = SyncSite::create(dir.path, *sim, {});
    REQUIRE_OK(created);
    site.emplace(std::move(*created));
    auto cycle = site->sync();
    REQUIRE_OK(cycle);
    INFO(cycle->output);
    REQUIRE(cycle->exitCode == 0);
    readTruth();
  }

  void readTruth() {
    LoopbackHttp http;
    for (int page = 0; page < 100; ++page) {
      auto reply = http.get(sim->url("training") +
                            "/_sim/truth?limit=1000&offset=" + std::to_string(people.size()));
      REQUIRE_OK(reply);
      REQUIRE(reply->status == 200);
      rapidjson::Document d;
      d.Parse(reply->body.c_str());
      REQUIRE(d.IsObject());
      const auto& items = d["items"].GetArray();
      for (const auto& it : items) {
        Planted p;
        p.index = it["index"].GetUint64();
        p.nip = it["nipBaru"].GetString();
        p.nik = it["nik"].GetString();
        p.inSimpeg = it["inSimpeg"].GetBool();
        p.inSiasn = it["inSiasn"].GetBool();
        for (const auto& v : it["simpegIds"].GetArray()) p.simpegIds.push_back(v.GetString());
        for (const auto& v : it["simpegNips"].GetArray()) p.simpegNips.push_back(v.GetString());
        for (const auto& v : it["defects"].GetArray()) p.defects.insert(v.GetString());
        people.push_back(std::move(p));
      }
      if (items.Empty() || people.size() >= d["people"].GetUint64()) return;
    }
  }

  // People in both systems, once in SIMPEG, with the given defect (only that one when
  // `only`), or without any defect when `defect` is "".
  std::vector<Planted> with(const std::string& defect, std::size_t most = 5,
                            bool only = false) const {
    std::vector<Planted> out;
    for (const Planted& p : people) {
      if (!p.inSimpeg || !p.inSiasn || p.simpegIds.size() != 1 || p.nip.size() != 18) continue;
      if (defect.empty() ? !p.defects.empty()
                         : !p.defects.count(defect) || (only && p.defects.size() != 1))
        continue;
      out.push_back(p);
      if (out.size() == most) break;
    }
    return out;
  }

  struct Ran {
    int exitCode = -1;
    std::string out, err;
  };
  Ran command(std::vector<std::string> args) {
    args.insert(args.begin(), {"diagnose", "--local", "--config", site->configFile().string()});
    auto done = runToEnd(sinkronCommand(args, dir.path, "diagnose-" + std::to_string(++commands)),
                         std::chrono::seconds(120));
    REQUIRE_OK(done);
    return {done->exitCode, done->out, done->err};
  }

  // The JSON report of `sinkron diagnose --nip N --json`.
  rapidjson::Document diagnose(const std::string& nip, bool refresh = false) {
    std::vector<std::string> args = {"--nip", nip, "--json"};
    if (refresh) args.push_back("--refresh");
    Ran r = command(args);
    INFO(r.out << r.err);
    REQUIRE((r.exitCode == 0 || r.exitCode == 2));
    rapidjson::Document d;
    d.Parse(r.out.c_str());
    REQUIRE(d.IsObject());
    REQUIRE(d["found"].GetBool());
    return d;
  }
};

// The statuses of the checks with this code ("" system: any).
std::vector<std::string> statuses(const rapidjson::Document& d, const std::string& code,
                                  const std::string& system = "") {
  std::vector<std::string> out;
  for (const auto& c : d["checks"].GetArray())
    if (c["code"].GetString() == code && (system.empty() || c["system"].GetString() == system))
      out.push_back(c["status"].GetString());
  return out;
}

bool any(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string summary(const rapidjson::Document& d) {
  std::string out;
  for (const auto& c : d["checks"].GetArray())
    out += std::string(c["status"].GetString()) + " " + c["system"].GetString() + " " +
           c["code"].GetString() + ": " + c["message"]["en"].GetString() + "\n";
  for (const auto& x : d["refreshed"].GetArray())
    out += std::string("re-pulled ") + x["connector"].GetString() + ": " +
           (x["ok"].GetBool() ? "ok " + std::to_string(x["records"].GetUint64())
                              : std::string("FAILED ") + x["error"].GetString()) +
           "\n";
  return out;
}

// One planted defect: at least one person who has it fails `code`; a clean person passes it.
void plantedFails(DiagnoseSite& s, const std::string& defect, const std::string& code,
                  const std::string& failing = "FAIL") {
  std::vector<Planted> planted;
  for (const Planted& p : s.people)
    if (p.defects.count(defect) && (p.inSimpeg || p.inSiasn) && p.nip.size() == 18 &&
        planted.size() < 5)
      planted.push_back(p);
  INFO("defect " << defect);
  REQUIRE_FALSE(planted.empty());
  bool failed = false;
  for (const Planted& p : planted) {
    const auto d = s.diagnose(p.nip);
    INFO(summary(d));
    failed = any(statuses(d, code), failing);
    if (failed) break;
  }
  CHECK(failed);
  const auto clean = s.with("", 1);
  REQUIRE_FALSE(clean.empty());
  const auto d = s.diagnose(clean.front().nip);
  INFO(summary(d));
  const auto st = statuses(d, code);
  REQUIRE_FALSE(st.empty());
  for (const std::string& x : st) CHECK(x == "PASS");
}

}  // namespace

TEST_CASE("diagnose e2e: a birth date disagreeing with the NIP fails nip_consistent",
          "[e2e][diagnose]") {
  DiagnoseSite s;
  s.start();
  plantedFails(s, "birth_date_wrong", "nip_consistent");
}

TEST_CASE("diagnose e2e: an invalid NIK fails nik_valid", "[e2e][diagnose]") {
  DiagnoseSite s;
  s.start();
  plantedFails(s, "nik_invalid", "nik_valid");
}

TEST_CASE("diagnose e2e: an active employee past retirement age fails retirement_age",
          "[e2e][diagnose]") {
  DiagnoseSite s;
  s.start();
  plantedFails(s, "active_past_bup", "retirement_age");
}

TEST_CASE("diagnose e2e: an empty email fails email_set", "[e2e][diagnose]") {
  DiagnoseSite s;
  s.start();
  plantedFails(s, "email_empty", "email_set");
}

TEST_CASE("diagnose e2e: a person missing from SIASN fails presence", "[e2e][diagnose]") {
  DiagnoseSite s;
  s.start();
  const Planted* only = nullptr;
  for (const Planted& p : s.people)
    if (p.defects.count("simpeg_only") && p.simpegIds.size() == 1 && p.nip.size() == 18) {
      only = &p;
      break;
    }
  REQUIRE(only != nullptr);
  const auto d = s.diagnose(only->nip);
  INFO(summary(d));
  CHECK(statuses(d, "presence", "simpeg") == std::vector<std::string>{"PASS"});
  CHECK(statuses(d, "presence", "siasn") == std::vector<std::string>{"FAIL"});
}

TEST_CASE("diagnose e2e: a supervisor post nobody holds fails supervisor", "[e2e][diagnose]") {
  DiagnoseSite s;
  s.start();
  const auto clean = s.with("", 20);
  REQUIRE_FALSE(clean.empty());
  // --refresh pulls SIMPEG's post table (jabatan, with id_bos) the check reads.
  const auto first = s.diagnose(clean.front().nip, true);
  INFO(summary(first));
  for (const auto& x : first["refreshed"].GetArray()) {
    INFO(x["connector"].GetString() << ": " << x["error"].GetString());
    CHECK(x["ok"].GetBool());
  }
  // The simulator's abolished posts are id_unit_kerja*1000 + 399: their unit's staff report to
  // a post nobody holds. Find one holder of such a post's subordinate post in the store.
  store::StoreOptions o;
  o.connect = (s.dir.path / "state" / "sinkron.db").string();
  auto st = store::StateStore::open(o);
  REQUIRE_OK(st);
  std::vector<std::string> orphanPosts;
  {
    soci::rowset<soci::row> rows =
        ((*st)->session().prepare << "SELECT source_key, record_json FROM source_records WHERE "
                                     "connector = 'simpeg' AND stream = 'jabatan'");
    for (const soci::row& r : rows) {
      rapidjson::Document j;
      j.Parse(r.get<std::string>(1).c_str());
      if (j.IsObject() && j.HasMember("id_bos") && j["id_bos"].IsUint() &&
          j["id_bos"].GetUint() % 1000 == 399)
        orphanPosts.push_back(r.get<std::string>(0));
    }
  }
  REQUIRE_FALSE(orphanPosts.empty());
  std::optional<std::string> orphanNip;
  std::string sample;
  (*st)->session() << "SELECT record_json FROM source_records WHERE connector = 'simpeg' AND "
                      "stream = 'pegawai' LIMIT 1",
      soci::into(sample);
  INFO("posts reporting to an abolished post: "
       << orphanPosts.size() << ", first " << orphanPosts.front() << "; a pegawai: " << sample);
  {
    const std::set<std::string> posts(orphanPosts.begin(), orphanPosts.end());
    soci::rowset<std::string> rows =
        ((*st)->session().prepare << "SELECT record_json FROM source_records WHERE connector = "
                                     "'simpeg' AND stream = 'pegawai'");
    for (const std::string& json : rows) {
      rapidjson::Document j;
      j.Parse(json.c_str());
      if (!j.IsObject() || !j.HasMember("jabatan_id") || !j.HasMember("nip")) continue;
      if (posts.count(j["jabatan_id"].GetString()) && std::strlen(j["nip"].GetString()) == 18) {
        orphanNip = j["nip"].GetString();
        break;
      }
    }
  }
  REQUIRE(orphanNip);
  const auto d = s.diagnose(*orphanNip);
  INFO(summary(d));
  CHECK(statuses(d, "supervisor") == std::vector<std::string>{"FAIL"});
  // Most clean people have an active supervisor in SIASN.
  bool passed = false;
  for (const Planted& p : clean) {
    const auto c = s.diagnose(p.nip);
    if (statuses(c, "supervisor") == std::vector<std::string>{"PASS"}) passed = true;
    if (passed) break;
  }
  CHECK(passed);
}

TEST_CASE("diagnose e2e: a SIMPEG NIP one digit off is offered as a patch that lands once approved",
          "[e2e][diagnose]") {
  DiagnoseSite s;
  s.start();
  const auto planted = s.with("nip_digit", 10, true);
  REQUIRE_FALSE(planted.empty());
  // A person diagnose offers the SIASN NIP to SIMPEG for (not queued by the cycle already).
  std::optional<Planted> who;
  std::string fixId, naturalTarget;
  for (const Planted& p : planted) {
    // The cycle pulls SIASN by the NIPs SIMPEG holds, so it never saw this person's SIASN
    // record: --refresh pulls it by the NIP asked for.
    const auto d = s.diagnose(p.nip, true);
    for (const auto& c : d["checks"].GetArray()) {
      if (std::string(c["code"].GetString()) != "identity_agreement") continue;
      for (const auto& f : c["offered_fixes"].GetArray())
        if (std::string(f["state"].GetString()) == "offered" &&
            std::string(f["kind"].GetString()) == "pegawai-patch") {
          who = p;
          fixId = f["fix_id"].GetString();
        }
    }
    UNSCOPED_INFO(p.nip.substr(0, 8) << ":\n" << summary(d));
    for (const auto& c : d["checks"].GetArray())
      for (const auto& f : c["offered_fixes"].GetArray())
        UNSCOPED_INFO("  fix " << f["kind"].GetString() << " " << f["state"].GetString());
    if (who) {
      INFO(summary(d));
      CHECK(any(statuses(d, "presence", "simpeg"), "WARN"));
      CHECK(statuses(d, "identity_agreement") == std::vector<std::string>{"FAIL"});
      break;
    }
  }
  REQUIRE(who);
  auto approved = s.command(
      {"--nip", who->nip, "--approve", fixId, "--reason", "SK BKN: NIP yang benar", "--json"});
  INFO(approved.out << approved.err);
  REQUIRE(approved.exitCode == 0);
  CHECK(approved.out.find("\"created\":true") != std::string::npos);

  // Queued, not offered again.
  const auto queued = s.diagnose(who->nip);
  INFO(summary(queued));
  CHECK(statuses(queued, "identity_agreement") == std::vector<std::string>{"WARN"});

  auto cycle = s.site->sync();
  REQUIRE_OK(cycle);
  INFO(cycle->output);
  CHECK(cycle->exitCode == 0);
  auto writes = s.sim->writes("simpeg");
  REQUIRE_OK(writes);
  const std::string expected = "pegawai|" + who->simpegIds.front() + "|nip_baru=" + who->nip;
  bool landed = false;
  for (const SimWrite& w : *writes) landed = landed || w.key == expected;
  CHECK(landed);

  const auto after = s.diagnose(who->nip, true);
  INFO(summary(after));
  CHECK(statuses(after, "identity_agreement") == std::vector<std::string>{"PASS"});
  CHECK(statuses(after, "presence", "simpeg") == std::vector<std::string>{"PASS"});
}

TEST_CASE("diagnose e2e: a SIMPEG unit not mapped to SIASN fails unit_mapped", "[e2e][diagnose]") {
  DiagnoseSite s;
  s.start();
  const auto clean = s.with("", 20);
  REQUIRE_FALSE(clean.empty());
  // --refresh pulls SIMPEG's unit table (unit-kerja, id_unor_bkn null when unmapped).
  const auto first = s.diagnose(clean.front().nip, true);
  INFO(summary(first));
  store::StoreOptions o;
  o.connect = (s.dir.path / "state" / "sinkron.db").string();
  auto st = store::StateStore::open(o);
  REQUIRE_OK(st);
  std::set<std::string> unmapped;
  {
    soci::rowset<soci::row> rows =
        ((*st)->session().prepare << "SELECT source_key, record_json FROM source_records WHERE "
                                     "connector = 'simpeg' AND stream = 'unit-kerja'");
    for (const soci::row& r : rows) {
      rapidjson::Document j;
      j.Parse(r.get<std::string>(1).c_str());
      if (j.IsObject() && j.HasMember("id_unor_bkn") && j["id_unor_bkn"].IsNull())
        unmapped.insert(r.get<std::string>(0));
    }
  }
  REQUIRE_FALSE(unmapped.empty());
  std::optional<std::string> nip;
  {
    soci::rowset<std::string> rows =
        ((*st)->session().prepare << "SELECT record_json FROM source_records WHERE connector = "
                                     "'simpeg' AND stream = 'pegawai'");
    for (const std::string& json : rows) {
      rapidjson::Document j;
      j.Parse(json.c_str());
      if (!j.IsObject() || !j.HasMember("unit_id") || !j.HasMember("nip")) continue;
      if (unmapped.count(j["unit_id"].GetString()) && std::strlen(j["nip"].GetString()) == 18) {
        nip = j["nip"].GetString();
        break;
      }
    }
  }
  REQUIRE(nip);
  const auto d = s.diagnose(*nip);
  INFO(summary(d));
  CHECK(statuses(d, "unit_mapped", "simpeg") == std::vector<std::string>{"FAIL"});
  bool passed = false;
  for (const Planted& p : clean) {
    passed =
        statuses(s.diagnose(p.nip), "unit_mapped", "simpeg") == std::vector<std::string>{"PASS"};
    if (passed) break;
  }
  CHECK(passed);
}
