// The Fingerspot-style cloud and the e-presensi app, through their routers.
#include <map>
#include <set>

#include <rapidjson/document.h>
#include <catch2/catch.hpp>

#include "attendance_test_support.hpp"
#include "sinkron/population/organisation.hpp"
#include "sinkron/sim/attendance_sim.hpp"

using namespace sinkron::sim;
using sinkron::mappings::CivilDate;
using sinkron::sim::testing::call;
using sinkron::sim::testing::json;
using sinkron::sim::testing::smallWorld;

namespace {

std::string attlogBody(const std::string& cloudId, const std::string& start,
                       const std::string& end) {
  return R"({"trans_id":"1","cloud_id":")" + cloudId + R"(","start_date":")" + start +
         R"(","end_date":")" + end + R"("})";
}

}  // namespace

TEST_CASE("Fingerspot get_attlog serves a device's punches for at most 2 days", "[fingerspot]") {
  World world(smallWorld());
  auto model = AttendanceModel::build(world);
  Router router = fingerspotRouter(world, model);
  const std::string bearer = "Bearer " + world.options().fingerspotToken;
  const std::string cloud = world.options().fingerspotCloudId;

  SECTION("shape and content") {
    HttpResponse r = call(router, "POST", "/api/v1/get_attlog",
                          attlogBody(cloud, "2026-03-02", "2026-03-03"), bearer);
    REQUIRE(r.status == 200);
    rapidjson::Document doc = json(r);
    CHECK(doc["success"].GetBool());
    CHECK(std::string(doc["trans_id"].GetString()) == "1");
    const rapidjson::Value& data = doc["data"];
    const AttendanceDevice& device = model->devices()[0];
    std::vector<Punch> expected = model->punches(device, {2026, 3, 2});
    for (const Punch& p : model->punches(device, {2026, 3, 3})) expected.push_back(p);
    REQUIRE(data.Size() == expected.size());
    for (rapidjson::SizeType i = 0; i < data.Size(); ++i) {
      CHECK(std::string(data[i]["pin"].GetString()) == expected[i].pin);
      CHECK(std::string(data[i]["scan_date"].GetString()) == expected[i].time);
      int verify = data[i]["verify"].GetInt();
      CHECK((verify == 1 || verify == 3 || verify == 15));
      CHECK(verify == expected[i].verify);
      CHECK(data[i]["status_scan"].GetInt() == expected[i].status);
    }
  }
  SECTION("one day and another device") {
    const AttendanceDevice& second = model->devices()[1];
    HttpResponse r = call(router, "POST", "/api/v1/get_attlog",
                          attlogBody(second.cloudId, "2026-03-02", "2026-03-02"), bearer);
    rapidjson::Document doc = json(r);
    CHECK(doc["success"].GetBool());
    CHECK(doc["data"].Size() == model->punches(second, {2026, 3, 2}).size());
  }
  SECTION("more than 2 days is refused as the cloud does (HTTP 200, success false)") {
    HttpResponse r = call(router, "POST", "/api/v1/get_attlog",
                          attlogBody(cloud, "2026-03-02", "2026-03-04"), bearer);
    CHECK(r.status == 200);
    rapidjson::Document doc = json(r);
    CHECK_FALSE(doc["success"].GetBool());
    CHECK(std::string(doc["message"].GetString()).find("2 days") != std::string::npos);
    r = call(router, "POST", "/api/v1/get_attlog", attlogBody(cloud, "2026-03-03", "2026-03-02"),
             bearer);
    CHECK_FALSE(json(r)["success"].GetBool());
    r = call(router, "POST", "/api/v1/get_attlog", attlogBody("CFFFF", "2026-03-02", "2026-03-02"),
             bearer);
    CHECK(std::string(json(r)["message"].GetString()).find("cloud_id") != std::string::npos);
  }
  SECTION("field drift renames fields") {
    HttpResponse r = call(router, "POST", "/api/v1/get_attlog",
                          attlogBody(cloud, "2026-03-02", "2026-03-02"), bearer, true);
    rapidjson::Document doc = json(r);
    REQUIRE(doc["data"].Size() > 0);
    CHECK(doc["data"][0].HasMember("scandate"));
    CHECK_FALSE(doc["data"][0].HasMember("scan_date"));
  }
}

TEST_CASE("Fingerspot checks the token and names bad fields", "[fingerspot]") {
  World world(smallWorld());
  Router router = fingerspotRouter(world);
  const std::string body =
      attlogBody(world.options().fingerspotCloudId, "2026-03-02", "2026-03-02");
  const std::string bearer = "Bearer " + world.options().fingerspotToken;

  SECTION("auth") {
    for (std::string auth :
         {std::string(), std::string("Bearer wrong"), "Basic " + world.options().fingerspotToken}) {
      HttpResponse r = call(router, "POST", "/api/v1/get_attlog", body, auth);
      CHECK(r.status == 401);
      CHECK(r.body == R"({"success":false,"message":"Unauthorized"})");
    }
    std::string issued = world.tokens("fingerspot").issue("client").token;
    CHECK(call(router, "POST", "/api/v1/get_attlog", body, "Bearer " + issued).status == 200);
    world.tokens("fingerspot").revokeAll();
    CHECK(call(router, "POST", "/api/v1/get_attlog", body, "Bearer " + issued).status == 401);
    CHECK(call(router, "POST", "/api/v1/get_attlog", body, bearer).status == 200);
  }
  SECTION("validation") {
    auto [sent, field] = GENERATE(table<std::string, std::string>({
        {"{nope", "body"},
        {"[1]", "body"},
        {R"({"cloud_id":"C1","start_date":"2026-03-02","end_date":"2026-03-02"})", "trans_id"},
        {R"({"trans_id":"1","start_date":"2026-03-02","end_date":"2026-03-02"})", "cloud_id"},
        {R"({"trans_id":"1","cloud_id":"C1","start_date":"02-03-2026","end_date":"2026-03-02"})",
         "start_date"},
        {R"({"trans_id":"1","cloud_id":"C1","start_date":"2026-03-02","end_date":7})", "end_date"},
    }));
    HttpResponse r = call(router, "POST", "/api/v1/get_attlog", sent, bearer);
    CHECK(r.status == 400);
    rapidjson::Document doc = json(r);
    CHECK_FALSE(doc["success"].GetBool());
    CHECK(std::string(doc["message"].GetString()).rfind(field, 0) == 0);
  }
}

TEST_CASE("Fingerspot lists users and the PIN map", "[fingerspot]") {
  World world(smallWorld());
  auto model = AttendanceModel::build(world);
  Router router = fingerspotRouter(world, model);
  const std::string bearer = "Bearer " + world.options().fingerspotToken;
  const AttendanceDevice& device = model->devices()[0];
  DeviceUser user = model->user(device, 0);

  HttpResponse r = call(router, "POST", "/api/v1/get_userinfo",
                        R"({"trans_id":"7","cloud_id":")" + device.cloudId + R"(","pin":")" +
                            std::to_string(user.pin) + R"("})",
                        bearer);
  rapidjson::Document doc = json(r);
  REQUIRE(doc["success"].GetBool());
  CHECK(std::string(doc["trans_id"].GetString()) == "7");
  CHECK(std::string(doc["data"]["name"].GetString()) == user.name);
  DeviceUser elsewhere = model->user(model->devices()[1], 0);
  r = call(router, "POST", "/api/v1/get_userinfo",
           R"({"trans_id":"7","cloud_id":")" + device.cloudId + R"(","pin":)" +
               std::to_string(elsewhere.pin) + "}",
           bearer);
  CHECK_FALSE(json(r)["success"].GetBool());

  r = call(router, "POST", "/api/v1/get_all_pin",
           R"({"trans_id":"1","cloud_id":")" + device.cloudId + R"("})", bearer);
  CHECK(json(r)["data"].Size() == device.userCount());

  r = call(router, "GET", "/_sim/attendance/pin-map?sn=" + device.serialNumber, "");
  REQUIRE(r.status == 200);
  CHECK(r.body.rfind("device_sn,cloud_id,pin,nip,name\n", 0) == 0);
  CHECK(std::count(r.body.begin(), r.body.end(), '\n') == device.userCount() + 1);
  CHECK(r.body.find(device.serialNumber + "," + device.cloudId + "," + std::to_string(user.pin) +
                    "," + user.nip + ",") != std::string::npos);
  CHECK(call(router, "GET", "/_sim/attendance/pin-map?sn=XX", "").status == 404);
}

TEST_CASE("e-presensi login issues revocable tokens", "[epresensi]") {
  World world(smallWorld());
  Router router = epresensiRouter(world);
  HttpResponse r = call(router, "POST", "/api/login", R"({"username":"sinkron","password":"x"})");
  CHECK(r.status == 401);
  r = call(router, "POST", "/api/login", R"({"username":"sinkron"})");
  CHECK(r.status == 422);
  CHECK(json(r)["errors"].HasMember("password"));
  r = call(router, "POST", "/api/login", "{oops");
  CHECK(r.status == 400);
  r = call(router, "POST", "/api/login", R"({"username":"sinkron","password":"epresensi-demo"})");
  REQUIRE(r.status == 200);
  std::string token = json(r)["token"].GetString();
  const std::string list = "/api/v1/presensi?tanggal_mulai=2026-03-02&tanggal_selesai=2026-03-02";
  CHECK(call(router, "GET", list, "").status == 401);
  CHECK(call(router, "GET", list, "", "Bearer nope").status == 401);
  CHECK(call(router, "GET", list, "", "Bearer " + token).status == 200);
  world.tokens("epresensi").revokeAll();
  r = call(router, "GET", list, "", "Bearer " + token);
  CHECK(r.status == 401);
  CHECK(r.body == R"({"message":"Unauthenticated."})");
}

TEST_CASE("e-presensi pages through person-days consistent with the device punches",
          "[epresensi]") {
  World world(smallWorld());
  auto model = AttendanceModel::build(world);
  Router router = epresensiRouter(world, model);
  HttpResponse login =
      call(router, "POST", "/api/login", R"({"username":"sinkron","password":"epresensi-demo"})");
  const std::string bearer = "Bearer " + std::string(json(login)["token"].GetString());
  const AttendanceDevice& device = model->devices()[0];
  // Friday to Monday: the weekend has no rows.
  const std::string base = "/api/v1/presensi?tanggal_mulai=2026-03-06&tanggal_selesai=2026-03-09";

  SECTION("pagination of one unit") {
    std::map<std::pair<std::string, std::string>, const rapidjson::Value*> rows;
    std::vector<rapidjson::Document> pages;
    pages.reserve(1000);  // rows point into the documents
    std::uint64_t lastPage = 1;
    for (std::uint64_t page = 1; page <= lastPage && page < 1000; ++page) {
      HttpResponse r =
          call(router, "GET",
               base + "&unor_id=" + device.unorId + "&per_page=7&page=" + std::to_string(page), "",
               bearer);
      REQUIRE(r.status == 200);
      pages.push_back(json(r));
      const rapidjson::Value& meta = pages.back()["meta"];
      lastPage = meta["last_page"].GetUint64();
      CHECK(meta["current_page"].GetUint64() == page);
      CHECK(meta["per_page"].GetInt() == 7);
      CHECK(meta["total"].GetUint64() == 2ull * device.employees);
      CHECK(pages.back()["data"].Size() <= 7);
      for (const rapidjson::Value& row : pages.back()["data"].GetArray())
        CHECK(rows.emplace(std::make_pair(row["nip"].GetString(), row["tanggal"].GetString()), &row)
                  .second);
    }
    CHECK(lastPage == (2ull * device.employees + 6) / 7);
    REQUIRE(rows.size() == 2ull * device.employees);

    // Same status as the model, jam_in/jam_out = the device's first check-in / check-out.
    std::map<std::pair<std::string, std::string>, std::vector<Punch>> punchesOf;
    for (CivilDate date : {CivilDate{2026, 3, 6}, CivilDate{2026, 3, 9}})
      for (const Punch& p : model->punches(device, date))
        punchesOf[{p.nip, p.time.substr(0, 10)}].push_back(p);
    std::set<std::string> statuses;
    for (const auto& [key, row] : rows) {
      std::string status = (*row)["status"].GetString();
      statuses.insert(status);
      const std::vector<Punch>& punches = punchesOf[key];
      if (status != "H") {
        CHECK(punches.empty());
        CHECK((*row)["jam_in"].IsNull());
        CHECK((*row)["lokasi"].IsNull());
        continue;
      }
      REQUIRE_FALSE(punches.empty());
      CHECK(punches.front().time.substr(11) == (*row)["jam_in"].GetString());
      CHECK(std::string((*row)["lokasi"].GetString()) == device.unitName);
      if (punches.back().status == kStatusCheckOut)
        CHECK(punches.back().time.substr(11) == (*row)["jam_out"].GetString());
      else
        CHECK((*row)["jam_out"].IsNull());
    }
    CHECK(statuses.count("H") == 1);
    for (const std::string& s : statuses)
      CHECK(std::set<std::string>{"H", "I", "S", "C", "DL", "TK"}.count(s) == 1);

    HttpResponse beyond = call(
        router, "GET", base + "&unor_id=" + device.unorId + "&per_page=7&page=1000", "", bearer);
    rapidjson::Document doc = json(beyond);
    CHECK(doc["data"].Size() == 0);
    CHECK(doc["meta"]["from"].IsNull());
  }
  SECTION("everyone, every status consistent with the model") {
    HttpResponse r = call(router, "GET", base + "&per_page=1000", "", bearer);
    rapidjson::Document doc = json(r);
    CHECK(doc["meta"]["total"].GetUint64() == 2ull * model->employeeCount());
    const rapidjson::Value& data = doc["data"];
    REQUIRE(data.Size() == 2ull * model->employeeCount());
    for (std::uint32_t p = 0; p < model->employeeCount(); ++p) {
      DeviceUser user = model->employeeAt(p);
      const rapidjson::Value& row = data[p];  // the first day, in PIN order
      CHECK(std::string(row["nip"].GetString()) == user.nip);
      CHECK(std::string(row["tanggal"].GetString()) == "2026-03-06");
      CHECK(row["status"].GetString() ==
            dayStatusCode(model->personDay(user.key, {2026, 3, 6}).status));
    }
  }
  SECTION("unknown and empty units, drift") {
    CHECK(call(router, "GET", base + "&unor_id=ffff", "", bearer).status == 404);
    std::string emptyUnit;
    for (const auto& unit : sinkron::population::units())
      if (!model->deviceByUnorId(unit.unorId)) {
        emptyUnit = unit.unorId;
        break;
      }
    REQUIRE_FALSE(emptyUnit.empty());
    HttpResponse r = call(router, "GET", base + "&unor_id=" + emptyUnit, "", bearer);
    REQUIRE(r.status == 200);
    CHECK(json(r)["meta"]["total"].GetUint64() == 0);
    r = call(router, "GET", base + "&per_page=1", "", bearer, true);
    CHECK(json(r)["data"][0].HasMember("jam_masuk"));
  }
  SECTION("validation names the fields") {
    auto [query, field] = GENERATE(table<std::string, std::string>({
        {"?tanggal_selesai=2026-03-02", "tanggal_mulai"},
        {"?tanggal_mulai=2026-3-2&tanggal_selesai=2026-03-02", "tanggal_mulai"},
        {"?tanggal_mulai=2026-03-02&tanggal_selesai=2026-03-01", "tanggal_selesai"},
        {"?tanggal_mulai=2026-03-01&tanggal_selesai=2026-04-01", "tanggal_selesai"},
        {"?tanggal_mulai=2026-03-02&tanggal_selesai=2026-03-02&per_page=0", "per_page"},
        {"?tanggal_mulai=2026-03-02&tanggal_selesai=2026-03-02&page=x", "page"},
    }));
    HttpResponse r = call(router, "GET", "/api/v1/presensi" + query, "", bearer);
    CHECK(r.status == 422);
    CHECK(json(r)["errors"].HasMember(field.c_str()));
  }
}
