#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>

#include "sinkron/population/organisation.hpp"
#include "sinkron/sim/simpeg_model.hpp"
#include "sinkron/sim/simpeg_sim.hpp"

using namespace sinkron;
using namespace sinkron::sim;

namespace {

constexpr std::uint64_t kPeople = 400;

WorldOptions worldOptions() {
  WorldOptions o;
  o.population.people = kPeople;
  o.population.seed = 7;
  return o;
}

struct Client {
  Router& router;
  std::string key = "simpeg-demo-key";

  HttpResponse call(std::string method, std::string target, std::string body = {}) {
    HttpRequest r;
    r.method = std::move(method);
    r.target = std::move(target);
    r.body = std::move(body);
    if (!key.empty()) r.headers.emplace_back("x-api-key", key);
    REQUIRE(r.parseTarget());
    return router.dispatch(r);
  }
};

rapidjson::Document parse(const HttpResponse& res) {
  rapidjson::Document d;
  d.Parse(res.body.c_str());
  INFO(res.body.substr(0, 400));
  REQUIRE_FALSE(d.HasParseError());
  return d;
}

std::string str(const rapidjson::Value& v, const char* name) {
  const rapidjson::Value& f = v[name];
  return f.IsNull() ? std::string() : std::string(f.GetString(), f.GetStringLength());
}

struct Listed {
  std::string updatedAt;
  std::uint32_t id;
};

// Pages through GET /api/v1/pegawai (bounded) from `query`; returns the rows in order.
std::vector<Listed> pageAll(Client& c, const std::string& query, int limit,
                            std::vector<std::string>* cursors = nullptr) {
  std::vector<Listed> out;
  std::string cursor;
  for (int page = 0; page < 1000; ++page) {
    std::string target = "/api/v1/pegawai?limit=" + std::to_string(limit) + query;
    if (!cursor.empty()) target += "&cursor=" + cursor;
    HttpResponse res = c.call("GET", target);
    REQUIRE(res.status == 200);
    rapidjson::Document d = parse(res);
    CHECK(str(d, "status") == "success");
    REQUIRE(d["data"].Size() <= static_cast<unsigned>(limit));
    for (const auto& row : d["data"].GetArray())
      out.push_back({str(row, "updated_at"), row["id_pegawai"].GetUint()});
    if (d["next_cursor"].IsNull()) return out;
    cursor = str(d, "next_cursor");
    if (cursors) cursors->push_back(cursor);
  }
  FAIL("paging did not end");
  return out;
}

std::set<std::uint32_t> allRowIds(const World& world) {
  std::set<std::uint32_t> ids;
  for (std::uint64_t i = 0; i < kPeople; ++i) {
    population::PersonRecords r = world.population().records(i);
    for (int k = 0; k < r.simpegCount; ++k)
      ids.insert(static_cast<std::uint32_t>(std::stoul(r.simpeg[k].idPegawai)));
  }
  return ids;
}

// A person with a SIMPEG row whose NIP is the true one.
population::PersonRecords plainPerson(const World& world, std::uint64_t from) {
  for (std::uint64_t i = from; i < kPeople; ++i) {
    population::PersonRecords r = world.population().records(i);
    if (r.simpegCount == 1 && r.simpeg[0].nipBaru == r.person.nipBaru) return r;
  }
  FAIL("no plain person");
  return {};
}

}  // namespace

TEST_CASE("SIMPEG REST refuses a missing or wrong API key", "[sim][simpeg]") {
  World world(worldOptions());
  Router router = simpegRouter(world);
  Client c{router, ""};
  for (const char* target : {"/api/v1/pegawai", "/api/v1/pegawai/100001", "/api/v1/unit-kerja",
                             "/api/v1/jabatan", "/api/v1/pegawai/100001/diklat"}) {
    HttpResponse res = c.call("GET", target);
    CHECK(res.status == 401);
    CHECK(res.body == R"({"status":"error","message":"API key tidak valid"})");
  }
  c.key = "wrong";
  CHECK(c.call("PATCH", "/api/v1/pegawai/100001", R"({"nama":"X"})").status == 401);
  CHECK(world.writes().total() == 0);
}

TEST_CASE("SIMPEG REST pages every row exactly once in (updated_at, id) order", "[sim][simpeg]") {
  World world(worldOptions());
  Router router = simpegRouter(world);
  Client c{router};
  std::vector<Listed> rows = pageAll(c, "", 37);
  std::set<std::uint32_t> seen;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CHECK(seen.insert(rows[i].id).second);
    if (i > 0) {
      bool ordered = rows[i - 1].updatedAt < rows[i].updatedAt ||
                     (rows[i - 1].updatedAt == rows[i].updatedAt && rows[i - 1].id < rows[i].id);
      CHECK(ordered);
    }
  }
  CHECK(seen == allRowIds(world));
  CHECK(pageAll(c, "", 1000).size() == rows.size());

  SECTION("updated_since is inclusive and filters") {
    const std::string since = rows[rows.size() / 2].updatedAt;
    std::vector<Listed> recent = pageAll(c, "&updated_since=" + since, 50);
    std::size_t expected = 0;
    for (const Listed& r : rows) expected += r.updatedAt >= since;
    CHECK(recent.size() == expected);
    for (const Listed& r : recent) CHECK(r.updatedAt >= since);
    // The same instant in another zone.
    CHECK(pageAll(c, "&updated_since=" + since.substr(0, 10) + "T00:00:00%2B00:00", 200).size() >=
          expected);
  }
  SECTION("bad parameters answer 400 naming the parameter") {
    for (const char* q : {"?limit=0", "?limit=1001", "?limit=abc", "?cursor=zz", "?cursor=7631",
                          "?updated_since=yesterday"}) {
      HttpResponse res = c.call("GET", std::string("/api/v1/pegawai") + q);
      CHECK(res.status == 400);
      rapidjson::Document d = parse(res);
      CHECK(str(d, "status") == "error");
      std::string name = std::string(q).substr(1, std::string(q).find('=') - 1);
      CHECK(str(d, "message").find(name) == 0);
    }
  }
}

TEST_CASE("SIMPEG REST finds a row by id_pegawai and by nip_baru, with its histories",
          "[sim][simpeg]") {
  World world(worldOptions());
  Router router = simpegRouter(world);
  Client c{router};
  population::PersonRecords p = plainPerson(world, 10);
  const population::SimpegRow& row = p.simpeg[0];
  for (std::string key : {row.idPegawai, row.nipBaru}) {
    HttpResponse res = c.call("GET", "/api/v1/pegawai/" + key);
    REQUIRE(res.status == 200);
    rapidjson::Document d = parse(res);
    const rapidjson::Value& data = d["data"];
    CHECK(std::to_string(data["id_pegawai"].GetUint()) == row.idPegawai);
    CHECK(str(data, "nip_baru") == row.nipBaru);
    CHECK(str(data, "pangkat_gol") == row.pangkatGol);
    CHECK(std::to_string(data["id_j"].GetUint()) == row.idJ);
    CHECK(str(data, "unit_kerja") == row.unitKerja);
    CHECK_FALSE(str(data, "nama_jabatan").empty());
    // The inline name is split into titles and name.
    std::string joined = str(data, "gelar_depan");
    if (!joined.empty()) joined += " ";
    joined += str(data, "nama");
    if (!str(data, "gelar_belakang").empty()) joined += ", " + str(data, "gelar_belakang");
    CHECK(joined == row.nama);
  }

  HttpResponse pangkat = c.call("GET", "/api/v1/pegawai/" + row.idPegawai + "/riwayat-pangkat");
  REQUIRE(pangkat.status == 200);
  rapidjson::Document rp = parse(pangkat);
  REQUIRE(rp["data"].Size() >= 1);
  const rapidjson::Value& lastRank = rp["data"][rp["data"].Size() - 1];
  CHECK(str(lastRank, "pangkat_gol") == row.pangkatGol);
  CHECK(str(lastRank, "tmt_pangkat") == row.tmtGol);
  CHECK(str(rp["data"][0], "tmt_pangkat") == row.tmtCpns);

  HttpResponse jabatan = c.call("GET", "/api/v1/pegawai/" + row.nipBaru + "/riwayat-jabatan");
  REQUIRE(jabatan.status == 200);
  rapidjson::Document rj = parse(jabatan);
  REQUIRE(rj["data"].Size() >= 1);
  CHECK(std::to_string(rj["data"][rj["data"].Size() - 1]["id_j"].GetUint()) == row.idJ);

  HttpResponse training = c.call("GET", "/api/v1/pegawai/" + row.idPegawai + "/diklat");
  REQUIRE(training.status == 200);
  rapidjson::Document dk = parse(training);
  REQUIRE(dk["data"].IsArray());
  for (const auto& t : dk["data"].GetArray()) {
    CHECK(str(t, "tgl_mulai") <= str(t, "tgl_selesai"));
    CHECK(t["jumlah_jam"].GetUint() > 0);
  }

  CHECK(c.call("GET", "/api/v1/pegawai/999").status == 404);
  CHECK(c.call("GET", "/api/v1/pegawai/199001012020011999").status == 404);
  CHECK(c.call("GET", "/api/v1/pegawai/abc/diklat").status == 404);
  HttpResponse missing = c.call("GET", "/api/v1/pegawai/999/riwayat-pangkat");
  CHECK(missing.status == 404);
  CHECK(missing.body == R"({"status":"error","message":"Pegawai tidak ditemukan"})");
}

TEST_CASE("SIMPEG REST finds rows by their own (mistyped) NIP", "[sim][simpeg]") {
  WorldOptions o = worldOptions();
  o.population.corruption = 8;  // enough mistyped NIPs in a small population
  World world(o);
  Router router = simpegRouter(world);
  Client c{router};
  int checked = 0;
  for (std::uint64_t i = 0; i < kPeople && checked < 5; ++i) {
    population::PersonRecords r = world.population().records(i);
    if (r.simpegCount == 0 || r.simpeg[0].nipBaru.empty() ||
        r.simpeg[0].nipBaru == r.person.nipBaru)
      continue;
    HttpResponse res = c.call("GET", "/api/v1/pegawai/" + r.simpeg[0].nipBaru);
    REQUIRE(res.status == 200);
    CHECK(str(parse(res)["data"], "nip_baru") == r.simpeg[0].nipBaru);
    ++checked;
  }
  CHECK(checked > 0);
}

TEST_CASE("SIMPEG REST corrections show in reads, in the next incremental page and in the log",
          "[sim][simpeg]") {
  World world(worldOptions());
  Router router = simpegRouter(world);
  Client c{router};
  std::vector<Listed> before = pageAll(c, "", 500);
  std::string watermark;
  for (const Listed& r : before) watermark = std::max(watermark, r.updatedAt);

  population::PersonRecords p = plainPerson(world, 3);
  const std::string id = p.simpeg[0].idPegawai;
  std::string newNip =
      "19850101"
      "201001"
      "1"
      "777";
  HttpResponse res = c.call("PATCH", "/api/v1/pegawai/" + id,
                            R"({"nip_baru":")" + newNip +
                                R"(","email":"baru@example.go.id","gelar_depan":null,)"
                                R"("tgl_lahir":"01-01-1985","id_unit_kerja":)" +
                                p.simpeg[0].idUnitKerja + "}");
  INFO(res.body);
  REQUIRE(res.status == 200);
  rapidjson::Document patched = parse(res);
  CHECK(str(patched["data"], "nip_baru") == newNip);
  CHECK(str(patched["data"], "tgl_lahir") == "1985-01-01");
  CHECK(patched["data"]["gelar_depan"].IsNull());

  // Visible by id and by the new NIP; the old NIP no longer finds it.
  rapidjson::Document byId = parse(c.call("GET", "/api/v1/pegawai/" + id));
  CHECK(str(byId["data"], "email") == "baru@example.go.id");
  CHECK(str(byId["data"], "updated_at") > watermark);
  CHECK(c.call("GET", "/api/v1/pegawai/" + newNip).status == 200);
  CHECK(c.call("GET", "/api/v1/pegawai/" + p.simpeg[0].nipBaru).status == 404);

  // An incremental pull from the watermark returns the corrected row (and only what is new).
  std::vector<Listed> recent = pageAll(c, "&updated_since=" + watermark, 10);
  REQUIRE_FALSE(recent.empty());
  CHECK(recent.back().id == std::stoul(id));
  CHECK(recent.size() <= 3);  // the row(s) at the watermark itself, then the corrected one

  // Paging the whole table still returns every row once; the corrected one last.
  std::vector<Listed> after = pageAll(c, "", 41);
  CHECK(after.size() == before.size());
  CHECK(after.back().id == std::stoul(id));

  // A new position: the join and the history follow it.
  const std::string head = std::to_string(simpeg::headPostOf(std::stoul(p.simpeg[0].idUnitKerja)));
  REQUIRE(c.call("PATCH", "/api/v1/pegawai/" + id, R"({"id_j":)" + head + "}").status == 200);
  rapidjson::Document moved = parse(c.call("GET", "/api/v1/pegawai/" + id));
  CHECK(std::to_string(moved["data"]["id_j"].GetUint()) == head);
  CHECK(str(moved["data"], "nama_jabatan") ==
        simpeg::headPostRow(std::stoul(p.simpeg[0].idUnitKerja)).namaJabatan);
  CHECK(str(moved["data"], "email") == "baru@example.go.id");  // earlier corrections stay
  rapidjson::Document history = parse(c.call("GET", "/api/v1/pegawai/" + id + "/riwayat-jabatan"));
  CHECK(std::to_string(history["data"][history["data"].Size() - 1]["id_j"].GetUint()) == head);

  auto writes = world.writes().entries("simpeg", 0, 10);
  REQUIRE(writes.size() == 2);
  CHECK(writes[1].key == "pegawai|" + id + "|id_j=" + head);
  CHECK(writes[0].endpoint == "/api/v1/pegawai/{id}");
  CHECK(writes[0].key == "pegawai|" + id + "|email=baru@example.go.id|gelar_depan=|id_unit_kerja=" +
                             p.simpeg[0].idUnitKerja + "|nip_baru=" + newNip +
                             "|tgl_lahir=1985-01-01");
}

TEST_CASE("SIMPEG REST paging stays complete while rows are corrected", "[sim][simpeg]") {
  World world(worldOptions());
  Router router = simpegRouter(world);
  Client c{router};
  std::set<std::uint32_t> all = allRowIds(world);
  std::set<std::uint32_t> seen;
  std::string cursor;
  std::vector<std::uint32_t> firstPage;
  for (int page = 0; page < 100; ++page) {
    std::string target = "/api/v1/pegawai?limit=50";
    if (!cursor.empty()) target += "&cursor=" + cursor;
    rapidjson::Document d = parse(c.call("GET", target));
    for (const auto& row : d["data"].GetArray()) {
      seen.insert(row["id_pegawai"].GetUint());
      if (page == 0) firstPage.push_back(row["id_pegawai"].GetUint());
    }
    if (page == 0) {
      // Correct a row already seen and one not seen yet.
      std::uint32_t notYet = 0;
      for (std::uint32_t id : all)
        if (!seen.count(id)) notYet = id;
      for (std::uint32_t id : {firstPage[3], notYet})
        REQUIRE(
            c.call("PATCH", "/api/v1/pegawai/" + std::to_string(id), R"({"no_hp":"081234567890"})")
                .status == 200);
    }
    if (d["next_cursor"].IsNull()) break;
    cursor = str(d, "next_cursor");
  }
  CHECK(seen == all);
}

TEST_CASE("SIMPEG REST rejects invalid corrections with 422 naming the field", "[sim][simpeg]") {
  World world(worldOptions());
  Router router = simpegRouter(world);
  Client c{router};
  population::PersonRecords p = plainPerson(world, 0);
  const std::string target = "/api/v1/pegawai/" + p.simpeg[0].idPegawai;
  struct Case {
    const char* body;
    const char* field;
  };
  for (Case k :
       {Case{R"({"nip_baru":"12345678901234567"})", "nip_baru"}, Case{R"({"nik":"12ab"})", "nik"},
        Case{R"({"tgl_lahir":"1985-02-30"})", "tgl_lahir"},
        Case{R"({"jenis_kelamin":"M"})", "jenis_kelamin"},
        Case{R"({"id_unit_kerja":5})", "id_unit_kerja"}, Case{R"({"id_j":"42"})", "id_j"},
        Case{R"({"email":"bukan-email"})", "email"}, Case{R"({"nama":null})", "nama"},
        Case{R"({"gaji":1})", "gaji"}, Case{R"({"no_hp":"12"})", "no_hp"}}) {
    HttpResponse res = c.call("PATCH", target, k.body);
    INFO(k.body << " -> " << res.body);
    CHECK(res.status == 422);
    rapidjson::Document d = parse(res);
    CHECK(str(d, "status") == "error");
    REQUIRE(d.HasMember("errors"));
    CHECK(d["errors"].HasMember(k.field));
    CHECK(str(d, "message").find(k.field) != std::string::npos);
  }
  // Several errors at once; nothing is applied.
  rapidjson::Document two =
      parse(c.call("PATCH", target, R"({"nik":"1","email":"x","nama":"Ok"})"));
  CHECK(two["errors"].MemberCount() == 2);
  CHECK(c.call("PATCH", target, "{nope").status == 400);
  CHECK(c.call("PATCH", target, "[1]").status == 400);
  CHECK(c.call("PATCH", target, "{}").status == 422);
  CHECK(c.call("PATCH", "/api/v1/pegawai/99", R"({"nama":"X"})").status == 404);
  CHECK(world.writes().total() == 0);
  rapidjson::Document unchanged = parse(c.call("GET", target));
  CHECK(str(unchanged["data"], "nik") == p.simpeg[0].nik);
}

TEST_CASE("SIMPEG REST serves the unit and position tables with the seeded defects",
          "[sim][simpeg]") {
  World world(worldOptions());
  Router router = simpegRouter(world);
  Client c{router};
  rapidjson::Document units = parse(c.call("GET", "/api/v1/unit-kerja"));
  REQUIRE(units["data"].Size() == population::units().size());
  CHECK(units["total"].GetUint() == population::units().size());
  std::size_t unmapped = 0;
  for (const auto& u : units["data"].GetArray()) {
    bool isNull = u["id_unor_bkn"].IsNull();
    unmapped += isNull;
    CHECK(isNull == simpeg::unitUnmapped(7, u["id_unit_kerja"].GetUint()));
  }
  CHECK(unmapped > 0);
  CHECK(unmapped < units["data"].Size() / 10);
  rapidjson::Document slice = parse(c.call("GET", "/api/v1/unit-kerja?limit=10&offset=5"));
  CHECK(slice["data"].Size() == 10);
  CHECK(slice["data"][0]["id_unit_kerja"].GetUint() == units["data"][5]["id_unit_kerja"].GetUint());
  CHECK(c.call("GET", "/api/v1/unit-kerja?offset=-1").status == 400);

  rapidjson::Document jab = parse(c.call("GET", "/api/v1/jabatan"));
  std::map<std::uint32_t, std::uint32_t> boss;
  for (const auto& j : jab["data"].GetArray())
    boss[j["id_j"].GetUint()] = j["id_bos"].IsNull() ? 0 : j["id_bos"].GetUint();
  // Every held position exists; every chain ends at the top within a few steps.
  for (std::uint32_t id : allRowIds(world)) {
    rapidjson::Document row = parse(c.call("GET", "/api/v1/pegawai/" + std::to_string(id)));
    CHECK(boss.count(row["data"]["id_j"].GetUint()) == 1);
  }
  for (const auto& [id, up] : boss) {
    std::uint32_t at = id;
    int steps = 0;
    while (at != 0 && steps < 10) {
      REQUIRE(boss.count(at) == 1);
      at = boss[at];
      ++steps;
    }
    CHECK(at == 0);
  }
  // The abolished posts (a unit's staff report to them) are held by nobody.
  std::size_t abolished = 0;
  for (const auto& [id, up] : boss)
    if (id % 1000 == simpeg::kAbolishedCatalog) {
      ++abolished;
      CHECK(simpeg::supervisorDefect(7, id / 1000) == simpeg::SupervisorDefect::kAbolishedPost);
    }
  CHECK(abolished > 0);
}
