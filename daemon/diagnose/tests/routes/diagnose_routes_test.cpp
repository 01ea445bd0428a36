// The diagnose routes of the admin API over a crafted store: agency scope (403 outside the
// token's agencies), approving an offered fix by its fix_id, and the refresh answer when the
// daemon has no connectors to re-pull from.
#include <rapidjson/document.h>
#include <soci/soci.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "../../../src/serve/admin_context.hpp"

namespace fs = std::filesystem;
using namespace sinkron;
using namespace sinkron::daemon;

namespace {

constexpr const char* kNip = "198001012005011001";
constexpr const char* kSiasnJson =
    "{\"person_id\":\"a0b1c2d3e4f5a6b7c8d9e0f1a2b3c401\",\"nip\":\"198001012005011001\","
    "\"nik\":\"3404010101800001\",\"nama\":\"Ahmad Yani\",\"tgl_lahir\":\"1980-01-01\","
    "\"jenis_kelamin\":\"M\",\"unit_id\":\"UNOR-A\",\"kedudukan\":\"01\",\"email\":"
    "\"lama@kab.go.id\",\"tmt_cpns\":\"2005-01-01\"}";
constexpr const char* kSimpegJson =
    "{\"person_id\":\"a0b1c2d3e4f5a6b7c8d9e0f1a2b3c401\",\"nip\":\"198001012005011001\","
    "\"nik\":\"3404010101800001\",\"nama\":\"Ahmad Yani\",\"tgl_lahir\":\"1980-01-01\","
    "\"jenis_kelamin\":\"M\",\"unit_id\":\"7\",\"kedudukan\":\"01\",\"email\":"
    "\"baru@kab.go.id\",\"tmt_cpns\":\"2005-01-01\"}";

struct Site {
  fs::path dir =
      fs::temp_directory_path() / ("sinkron-diagnose-routes-" + std::to_string(::getpid()));
  AdminContext ctx;
  admin::AdminRouter router;

  Site() {
    fs::create_directories(dir);
    store::StoreOptions o;
    o.connect = (dir / "state.db").string();
    auto s = store::StateStore::open(o);
    REQUIRE(s);
    ctx.store = std::move(*s);
    ctx.simpegConnector = "simpeg";
    ctx.siasnConnector = "siasn";
    ctx.timeZone = "Asia/Jakarta";
    for (auto [c, st, k, j] : {std::tuple("simpeg", "pegawai", "P1", kSimpegJson),
                               std::tuple("siasn", "data-utama", kNip, kSiasnJson)}) {
      std::string connector = c, stream = st, key = k, json = j;
      ctx.store->session() << "INSERT INTO source_records (connector, stream, source_key, "
                              "content_hash, record_json, updated_at) VALUES (:c, :s, :k, 'h', "
                              ":j, 0)",
          soci::use(connector), soci::use(stream), soci::use(key), soci::use(json);
    }
    REQUIRE(addDiagnoseRoutes(router, ctx));
  }
  ~Site() {
    ctx.store.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }

  admin::AdminResponse call(const std::string& method, const std::string& path,
                            std::map<std::string, std::string> query, std::string body,
                            const admin::Principal& who) {
    auto m = router.match(method, path);
    REQUIRE(m.kind == admin::AdminRouter::Match::Kind::kFound);
    REQUIRE(m.route->access.allows(who.role));
    admin::AdminRequest req;
    req.method = method;
    req.path = path;
    req.query = std::move(query);
    req.body = std::move(body);
    return m.route->handler(req, who);
  }
};

admin::Principal token(admin::Role role, std::vector<std::string> agencies = {}) {
  return {"t", role, std::move(agencies)};
}

std::string contactFixId(const std::string& json) {
  rapidjson::Document d;
  d.Parse(json.c_str());
  REQUIRE(d.IsObject());
  for (const auto& c : d["checks"].GetArray())
    if (std::string(c["code"].GetString()) == "contact_agreement")
      for (const auto& f : c["offered_fixes"].GetArray()) return f["fix_id"].GetString();
  FAIL("no offered contact fix in " << json);
  return {};
}

}  // namespace

TEST_CASE("Diagnose routes: agency scope", "[diagnose][routes]") {
  Site s;
  SECTION("a token of the person's agency sees them, with the agency named") {
    auto r = s.call("GET", "/api/v1/diagnose", {{"nip", kNip}}, "",
                    token(admin::Role::kHelpdesk, {"UNOR-A"}));
    CHECK(r.status == 200);
    CHECK(r.body.find("\"agency\":\"UNOR-A\"") != std::string::npos);
  }
  SECTION("a token of another agency gets 403") {
    auto r = s.call("GET", "/api/v1/diagnose", {{"nip", kNip}}, "",
                    token(admin::Role::kHelpdesk, {"UNOR-B"}));
    CHECK(r.status == 403);
    CHECK(r.body.find("forbidden") != std::string::npos);
  }
  SECTION("an unscoped token sees everyone; an unknown person is a report, not a 403") {
    CHECK(s.call("GET", "/api/v1/diagnose", {{"nip", kNip}}, "", token(admin::Role::kOperator))
              .status == 200);
    auto r = s.call("GET", "/api/v1/diagnose", {{"nip", "199001012015011002"}}, "",
                    token(admin::Role::kHelpdesk, {"UNOR-B"}));
    CHECK(r.status == 200);
    CHECK(r.body.find("\"found\":false") != std::string::npos);
  }
  SECTION("refresh without a daemon config answers 500 naming it, and nothing is re-pulled") {
    auto r = s.call("GET", "/api/v1/diagnose", {{"nip", kNip}, {"refresh", "1"}}, "",
                    token(admin::Role::kHelpdesk));
    CHECK(r.status == 500);
    CHECK(r.body.find("config") != std::string::npos);
  }
}

TEST_CASE("Diagnose routes: approving an offered fix by its fix_id", "[diagnose][routes]") {
  Site s;
  const auto op = token(admin::Role::kOperator);
  const std::string fixId =
      contactFixId(s.call("GET", "/api/v1/diagnose", {{"nip", kNip}}, "", op).body);
  const std::string body = std::string("{\"nip\":\"") + kNip + "\",\"fix_id\":\"" + fixId +
                           "\",\"reason\":\"email dari SIMPEG\"}";
  SECTION("queued once, then reported as already queued and no longer offered") {
    auto first = s.call("POST", "/api/v1/fixes", {}, body, op);
    CHECK(first.status == 201);
    CHECK(first.body.find("\"created\":true") != std::string::npos);
    auto again = s.call("POST", "/api/v1/fixes", {}, body, op);
    CHECK(again.status == 200);
    CHECK(again.body.find("\"created\":false") != std::string::npos);
    auto shown = s.call("GET", "/api/v1/diagnose", {{"nip", kNip}}, "", op);
    CHECK(shown.body.find("\"state\":\"pending\"") != std::string::npos);
    std::string payload;
    s.ctx.store->session() << "SELECT payload FROM outbox WHERE connector = 'siasn'",
        soci::into(payload);
    CHECK(payload.find("baru@kab.go.id") != std::string::npos);
  }
  SECTION("an unknown fix id is 404, a missing reason 400, another agency 403") {
    CHECK(s.call("POST", "/api/v1/fixes", {},
                 std::string("{\"nip\":\"") + kNip + "\",\"fix_id\":\"0000\",\"reason\":\"x\"}", op)
              .status == 404);
    CHECK(s.call("POST", "/api/v1/fixes", {},
                 std::string("{\"nip\":\"") + kNip + "\",\"fix_id\":\"" + fixId + "\"}", op)
              .status == 400);
    CHECK(s.call("POST", "/api/v1/fixes", {}, body, token(admin::Role::kOperator, {"UNOR-B"}))
              .status == 403);
  }
}
