#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "sinkron/population/organisation.hpp"
#include "sinkron/sim/ekinerja_sim.hpp"

using namespace sinkron::sim;

namespace {

constexpr int kPeople = 1500;

WorldOptions worldOptions() {
  WorldOptions o;
  o.population.seed = 7;
  o.population.people = kPeople;
  return o;
}

// One World and router for all cases: building the unit index is the slow part.
struct Fixture {
  World world{worldOptions()};
  Router router = ekinerjaRouter(world);
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

HttpResponse call(const std::string& method, const std::string& target, std::string body = {},
                  NameValues headers = {}, bool drift = false) {
  HttpRequest req;
  req.method = method;
  req.target = target;
  req.body = std::move(body);
  req.headers = std::move(headers);
  req.fieldDrift = drift;
  REQUIRE(req.parseTarget());
  return fixture().router.dispatch(req);
}

rapidjson::Document parse(const HttpResponse& r) {
  rapidjson::Document doc;
  doc.Parse(r.body.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

std::string freshToken() {
  HttpResponse r = call("POST", "/oauth/token",
                        "grant_type=client_credentials&client_id=sinkron&client_secret=ekinerja-"
                        "secret",
                        {{"content-type", "application/x-www-form-urlencoded"}});
  REQUIRE(r.status == 200);
  return parse(r)["access_token"].GetString();
}

const std::string& token() {
  static const std::string t = freshToken();
  return t;
}

HttpResponse get(const std::string& target, bool drift = false) {
  return call("GET", target, {}, {{"authorization", "Bearer " + token()}}, drift);
}

std::string firstError(const HttpResponse& r, const char* field) {
  REQUIRE(r.status == 422);
  rapidjson::Document doc = parse(r);
  CHECK(std::string(doc["message"].GetString()) == "The given data was invalid.");
  REQUIRE(doc["errors"].HasMember(field));
  return doc["errors"][field][0].GetString();
}

bool isEmployee(const sinkron::population::Person& p) {
  return p.inSiasn && p.kedudukanId != "98" && p.kedudukanId != "99" && p.kedudukanId != "66";
}

}  // namespace

TEST_CASE("e-Kinerja: Issues tokens for the configured client only", "[sim][ekinerja][auth]") {
  SECTION("form and JSON bodies") {
    HttpResponse form = call("POST", "/oauth/token",
                             "grant_type=client_credentials&client_id=sinkron&client_secret="
                             "ekinerja-secret");
    REQUIRE(form.status == 200);
    rapidjson::Document doc = parse(form);
    CHECK(std::string(doc["token_type"].GetString()) == "Bearer");
    CHECK(doc["expires_in"].GetInt() == 3600);
    CHECK(std::string(doc["access_token"].GetString()).size() > 16);
    HttpResponse json = call("POST", "/oauth/token",
                             R"({"grant_type":"client_credentials","client_id":"sinkron",)"
                             R"("client_secret":"ekinerja-secret"})",
                             {{"content-type", "application/json"}});
    CHECK(json.status == 200);
  }
  SECTION("failures") {
    HttpResponse wrong = call("POST", "/oauth/token",
                              "grant_type=client_credentials&client_id=sinkron&client_secret=x");
    CHECK(wrong.status == 401);
    CHECK(std::string(parse(wrong)["error"].GetString()) == "invalid_client");
    HttpResponse grant =
        call("POST", "/oauth/token",
             "grant_type=password&client_id=sinkron&client_secret=ekinerja-secret");
    CHECK(grant.status == 400);
    CHECK(std::string(parse(grant)["error"].GetString()) == "unsupported_grant_type");
    HttpResponse missing = call("POST", "/oauth/token", "grant_type=client_credentials");
    CHECK(missing.status == 400);
    CHECK(std::string(parse(missing)["error_description"].GetString()).find("client_id") !=
          std::string::npos);
    CHECK(
        call("POST", "/oauth/token", "{not json", {{"content-type", "application/json"}}).status ==
        400);
    CHECK(call("GET", "/oauth/token").status == 405);
  }
}

TEST_CASE("e-Kinerja: /api calls need a valid bearer token", "[sim][ekinerja][auth]") {
  std::string target = "/api/v1/skp?nip=198501012010011001&tahun=2025";
  auto expect401 = [](const HttpResponse& r) {
    CHECK(r.status == 401);
    CHECK(r.body == R"({"message":"Unauthenticated."})");
  };
  expect401(call("GET", target));
  expect401(call("GET", target, {}, {{"authorization", "Bearer nope"}}));
  expect401(call("GET", target, {}, {{"authorization", "Basic abc"}}));

  // A separate World: revoking and expiring here must not disturb the other cases' token.
  World world(worldOptions());
  Router router = ekinerjaRouter(world);
  auto tokenOf = [&] {
    HttpRequest req;
    req.method = "POST";
    req.target = "/oauth/token";
    req.body = "grant_type=client_credentials&client_id=sinkron&client_secret=ekinerja-secret";
    REQUIRE(req.parseTarget());
    return std::string(parse(router.dispatch(req))["access_token"].GetString());
  };
  auto getWith = [&](const std::string& t) {
    HttpRequest req;
    req.method = "GET";
    req.target = "/api/v1/pegawai?unor_id=" + sinkron::population::units()[0].unorId;
    req.headers = {{"authorization", "Bearer " + t}};
    REQUIRE(req.parseTarget());
    return router.dispatch(req);
  };
  std::string valid = tokenOf();
  CHECK(getWith(valid).status == 200);
  world.tokens("ekinerja").revokeAll();
  expect401(getWith(valid));
  world.tokens("ekinerja").setLifetime(std::chrono::seconds(0));
  expect401(getWith(tokenOf()));
}

TEST_CASE("e-Kinerja: Predikat follows the PermenPANRB 6/2022 matrix in all nine cells",
          "[sim][ekinerja][predikat]") {
  auto [hasil, perilaku, predikat] = GENERATE(table<int, int, std::string>({
      {1, 1, "Sangat Baik"},
      {1, 2, "Baik"},
      {1, 3, "Kurang"},
      {2, 1, "Baik"},
      {2, 2, "Baik"},
      {2, 3, "Kurang"},
      {3, 1, "Butuh Perbaikan"},
      {3, 2, "Butuh Perbaikan"},
      {3, 3, "Sangat Kurang"},
  }));
  CAPTURE(hasil, perilaku);
  CHECK(std::string(ekinerjaPredikat(hasil, perilaku)) == predikat);
  CHECK(ekinerjaPredikat(0, 2).empty());
  CHECK(ekinerjaPredikat(2, 4).empty());
}

TEST_CASE("e-Kinerja: SKP per employee and year, with people who never filled it in",
          "[sim][ekinerja][skp]") {
  const auto& population = fixture().world.population();
  int employees = 0, found = 0, notFound = 0;
  std::uint64_t wrongPredikat = 0, rated = 0, drafts = 0, unrated = 0;
  std::set<std::string> ids;
  for (std::uint64_t i = 0; i < kPeople; ++i) {
    sinkron::population::Person p = population.person(i);
    HttpResponse r = get("/api/v1/skp?nip=" + p.nipBaru + "&tahun=2025");
    if (!isEmployee(p)) {
      CHECK(r.status == 404);
      continue;
    }
    ++employees;
    if (r.status == 404) {
      ++notFound;
      CHECK(r.body == R"({"message":"SKP tidak ditemukan"})");
      continue;
    }
    REQUIRE(r.status == 200);
    ++found;
    rapidjson::Document doc = parse(r);
    const rapidjson::Value& skp = doc["data"]["skp"];
    std::string id = skp["id"].GetString();
    CHECK(id.size() == 36);
    CHECK(ids.insert(id).second);
    CHECK(skp["tahun"].GetInt() == 2025);
    CHECK(std::string(skp["nip"].GetString()) == p.nipBaru);
    CHECK(std::string(skp["unor_id"].GetString()) == std::string(p.unorId));
    CHECK(std::string(skp["periode_akhir"].GetString()) == "2025-12-31");
    CHECK(skp.HasMember("atasan"));
    if (skp["atasan"].IsObject()) CHECK(std::string(skp["atasan"]["nip"].GetString()) != p.nipBaru);

    HttpResponse pen = get("/api/v1/skp/" + id + "/penilaian");
    REQUIRE(pen.status == 200);
    rapidjson::Document list = parse(pen);
    REQUIRE(list["data"].IsArray());
    // TW1..TW4 + TAHUNAN, without the quarters that ended before a 2025 TMT CPNS.
    unsigned periods = 5;
    if (p.tmtCpns.year == 2025) {
      periods = 1;
      for (int quarterEnd : {3, 6, 9, 12}) periods += p.tmtCpns.month <= quarterEnd;
      CHECK(std::string(skp["periode_awal"].GetString()).substr(0, 7) ==
            "2025-" + std::string(p.tmtCpns.month < 10 ? "0" : "") +
                std::to_string(p.tmtCpns.month));
    } else {
      CHECK(std::string(skp["periode_awal"].GetString()) == "2025-01-01");
    }
    CHECK(list["data"].Size() == periods);
    for (const rapidjson::Value& row : list["data"].GetArray()) {
      std::string status = row["status"].GetString();
      if (status == "belum_dinilai") {
        ++unrated;
        CHECK(row["predikat"].IsNull());
        CHECK(row["hasil_kerja"]["rating"].IsNull());
        continue;
      }
      drafts += status == "draft";
      ++rated;
      int h = row["hasil_kerja"]["rating"].GetInt(), b = row["perilaku"]["rating"].GetInt();
      CHECK(row["hasil_kerja"]["rencana_hasil_kerja"].Size() == 3);
      CHECK(std::string(row["hasil_kerja"]["label"].GetString()).find("ekspektasi") !=
            std::string::npos);
      wrongPredikat += std::string(row["predikat"].GetString()) != ekinerjaPredikat(h, b);
    }
  }
  CAPTURE(employees, found, notFound, rated, wrongPredikat, drafts, unrated);
  REQUIRE(employees > 1000);
  CHECK(notFound > employees * 0.02);  // ~5 % never filled in
  CHECK(notFound < employees * 0.09);
  CHECK(wrongPredikat > 0);  // ~1 % wrong data entered
  CHECK(wrongPredikat < rated * 0.025);
  CHECK(drafts > 0);
  CHECK(unrated > 0);
}

TEST_CASE("e-Kinerja: The year in progress has TW4 and the annual appraisal open",
          "[sim][ekinerja][skp]") {
  const auto& population = fixture().world.population();
  int checked = 0;
  for (std::uint64_t i = 0; i < kPeople && checked < 50; ++i) {
    sinkron::population::Person p = population.person(i);
    HttpResponse r = get("/api/v1/skp?nip=" + p.nipBaru + "&tahun=2026");
    if (r.status != 200) continue;
    ++checked;
    std::string id = parse(r)["data"]["skp"]["id"].GetString();
    rapidjson::Document list = parse(get("/api/v1/skp/" + id + "/penilaian"));
    for (const rapidjson::Value& row : list["data"].GetArray()) {
      std::string periode = row["periode"].GetString();
      if (periode == "TW4" || periode == "TAHUNAN")
        CHECK(std::string(row["status"].GetString()) == "belum_dinilai");
    }
  }
  CHECK(checked == 50);
}

TEST_CASE("e-Kinerja: The truth route flags exactly the wrongly entered predikat",
          "[sim][ekinerja][truth]") {
  const auto& population = fixture().world.population();
  int flagged = 0;
  for (std::uint64_t i = 0; i < kPeople; ++i) {
    sinkron::population::Person p = population.person(i);
    for (int year : {2023, 2024, 2025}) {
      HttpResponse t =
          call("GET", "/_sim/truth/skp?nip=" + p.nipBaru + "&tahun=" + std::to_string(year));
      REQUIRE(t.status == 200);
      rapidjson::Document doc = parse(t);
      for (const rapidjson::Value& row : doc["penilaian"].GetArray()) {
        if (row["predikat_benar"].IsNull()) continue;
        bool differs =
            std::string(row["predikat_tercatat"].GetString()) != row["predikat_benar"].GetString();
        CHECK(differs == row["salah_input"].GetBool());
        flagged += differs;
      }
    }
  }
  CHECK(flagged > 10);
}

TEST_CASE("e-Kinerja: Answers 404 and Laravel-style 422", "[sim][ekinerja][errors]") {
  CHECK(get("/api/v1/skp/not-an-id/penilaian").status == 404);
  CHECK(get("/api/v1/skp/00000000-0000-0000-0000-000000000000/penilaian").body ==
        R"({"message":"SKP tidak ditemukan"})");
  CHECK(get("/api/v1/skp?nip=999999999999999999&tahun=2025").status == 404);

  CHECK(firstError(get("/api/v1/skp?nip=198501012010011001"), "tahun") ==
        "The tahun field is required.");
  CHECK(firstError(get("/api/v1/skp?nip=198501012010011001&tahun=abc"), "tahun") ==
        "The tahun must be an integer.");
  CHECK(firstError(get("/api/v1/skp?nip=198501012010011001&tahun=2019"), "tahun") ==
        "The tahun must be between 2023 and 2026.");
  CHECK(firstError(get("/api/v1/skp?nip=12345&tahun=2025"), "nip") == "The nip must be 18 digits.");
  HttpResponse both = get("/api/v1/skp");
  rapidjson::Document doc = parse(both);
  CHECK(doc["errors"].HasMember("nip"));
  CHECK(doc["errors"].HasMember("tahun"));

  std::string unor = sinkron::population::units()[0].unorId;
  CHECK(firstError(get("/api/v1/penilaian?unor_id=xyz&tahun=2025&periode=TW1"), "unor_id") ==
        "The unor id format is invalid.");
  CHECK(firstError(get("/api/v1/penilaian?unor_id=" + unor + "&tahun=2025&periode=TW5"),
                   "periode") == "The selected periode is invalid.");
  CHECK(firstError(get("/api/v1/penilaian?unor_id=" + unor + "&tahun=2025&periode=TW1&per_page=0"),
                   "per_page") == "The per page must be between 1 and 500.");
  CHECK(firstError(get("/api/v1/pegawai?unor_id=" + unor + "&page=0"), "page") ==
        "The page must be between 1 and 1000000000.");
  CHECK(firstError(get("/api/v1/pegawai"), "unor_id") == "The unor id field is required.");
}

TEST_CASE("e-Kinerja: Listings per unit are paginated, ordered by NIP and cover every employee",
          "[sim][ekinerja][listing]") {
  const auto& population = fixture().world.population();
  std::map<std::string, std::vector<std::string>> nipsByUnit;  // unorId -> NIPs of employees
  for (std::uint64_t i = 0; i < kPeople; ++i) {
    sinkron::population::Person p = population.person(i);
    if (isEmployee(p)) nipsByUnit[std::string(p.unorId)].push_back(p.nipBaru);
  }
  std::string unor;
  for (auto& [u, nips] : nipsByUnit) {
    std::sort(nips.begin(), nips.end());
    if (unor.empty() || nips.size() > nipsByUnit[unor].size()) unor = u;
  }
  const std::vector<std::string>& expected = nipsByUnit[unor];
  REQUIRE(expected.size() >= 10);

  SECTION("pegawai") {
    std::vector<std::string> seen;
    int lastPage = 1;
    for (int page = 1; page <= lastPage && page < 1000; ++page) {
      rapidjson::Document doc = parse(
          get("/api/v1/pegawai?unor_id=" + unor + "&page=" + std::to_string(page) + "&per_page=3"));
      const rapidjson::Value& meta = doc["meta"];
      CHECK(meta["page"].GetInt() == page);
      CHECK(meta["per_page"].GetInt() == 3);
      CHECK(meta["total"].GetUint64() == expected.size());
      lastPage = meta["last_page"].GetInt();
      CHECK(lastPage == static_cast<int>((expected.size() + 2) / 3));
      for (const rapidjson::Value& row : doc["data"].GetArray()) {
        seen.push_back(row["nip"].GetString());
        CHECK(std::string(row["unor_id"].GetString()) == unor);
      }
    }
    CHECK(seen == expected);
    rapidjson::Document beyond = parse(get("/api/v1/pegawai?unor_id=" + unor + "&page=999"));
    CHECK(beyond["data"].Size() == 0);
  }

  SECTION("penilaian, with belum_mengisi beside the SKP statuses") {
    std::vector<std::string> seen;
    std::map<std::string, int> statuses;
    int lastPage = 1;
    for (int page = 1; page <= lastPage && page < 1000; ++page) {
      rapidjson::Document doc =
          parse(get("/api/v1/penilaian?unor_id=" + unor +
                    "&tahun=2025&periode=TAHUNAN&page=" + std::to_string(page) + "&per_page=4"));
      lastPage = doc["meta"]["last_page"].GetInt();
      CHECK(doc["meta"]["total"].GetUint64() == expected.size());
      for (const rapidjson::Value& row : doc["data"].GetArray()) {
        std::string nip = row["nip"].GetString();
        seen.push_back(nip);
        std::string status = row["status"].GetString();
        ++statuses[status];
        CHECK(std::string(row["periode"].GetString()) == "TAHUNAN");
        bool hasSkp = get("/api/v1/skp?nip=" + nip + "&tahun=2025").status == 200;
        CHECK(hasSkp == (status != "belum_mengisi"));
        CHECK(row["skp_id"].IsNull() == !hasSkp);
        if (status == "final" || status == "draft") {
          CHECK(row["hasil_kerja_rating"].IsInt());
          CHECK(row["perilaku_rating"].IsInt());
          CHECK(row["predikat"].IsString());
        }
      }
    }
    CHECK(seen == expected);
    CHECK(statuses["final"] > 0);
  }

  SECTION("belum_mengisi shows up across the population") {
    int belumMengisi = 0;
    for (const auto& [u, nips] : nipsByUnit) {
      rapidjson::Document doc =
          parse(get("/api/v1/penilaian?unor_id=" + u + "&tahun=2024&periode=TAHUNAN&per_page=500"));
      for (const rapidjson::Value& row : doc["data"].GetArray())
        belumMengisi += std::string(row["status"].GetString()) == "belum_mengisi";
    }
    CHECK(belumMengisi > 0);
  }

  SECTION("an unknown unit is empty, field drift renames fields") {
    rapidjson::Document none = parse(get("/api/v1/pegawai?unor_id=" + std::string(32, 'f')));
    CHECK(none["data"].Size() == 0);
    CHECK(none["meta"]["total"].GetInt() == 0);
    CHECK(none["meta"]["last_page"].GetInt() == 1);
    HttpResponse drift = get("/api/v1/penilaian?unor_id=" + unor + "&tahun=2025&periode=TW1", true);
    CHECK(drift.body.find("\"rating_hasil_kerja\"") != std::string::npos);
    CHECK(drift.body.find("\"hasil_kerja_rating\"") == std::string::npos);
  }
}

TEST_CASE("e-Kinerja: The agency truth route agrees with the listings", "[sim][ekinerja][truth]") {
  const auto& population = fixture().world.population();
  std::map<std::string, int> employeesByUnit;
  for (std::uint64_t i = 0; i < kPeople; ++i) {
    sinkron::population::Person p = population.person(i);
    if (isEmployee(p)) ++employeesByUnit[std::string(p.unorId)];
  }
  std::string unor;
  for (const auto& [u, n] : employeesByUnit)
    if (unor.empty() || n > employeesByUnit[unor]) unor = u;
  rapidjson::Document truth = parse(
      call("GET", "/_sim/truth/skp/agency?unor_id=" + unor + "&tahun=2025"));  // no token needed
  std::map<std::string, std::string> annual;  // NIP -> TAHUNAN status
  int listed = 0;
  for (const rapidjson::Value& p : truth["pegawai"].GetArray()) {
    listed += p["ekinerja"].GetBool();
    if (p["periode"].HasMember("TAHUNAN"))
      annual[p["nip"].GetString()] = p["periode"]["TAHUNAN"].GetString();
  }
  CHECK(listed == employeesByUnit[unor]);
  rapidjson::Document page =
      parse(get("/api/v1/penilaian?unor_id=" + unor + "&tahun=2025&periode=TAHUNAN&per_page=100"));
  REQUIRE(page["data"].Size() == annual.size());
  for (const rapidjson::Value& row : page["data"].GetArray())
    CHECK(annual[row["nip"].GetString()] == row["status"].GetString());
  CHECK(firstError(call("GET", "/_sim/truth/skp/agency?unor_id=xyz&tahun=2025"), "unor_id").size() >
        0);
}
