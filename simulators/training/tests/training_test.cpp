#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "sinkron/sim/training_sim.hpp"

using namespace sinkron::sim;

namespace {

constexpr int kPeople = 2000;
constexpr int kMaxPages = 20000;  // bound for every paging loop

WorldOptions worldOptions(double corruption = 1.0) {
  WorldOptions o;
  o.population.seed = 11;
  o.population.people = kPeople;
  o.population.corruption = corruption;
  return o;
}

struct Fixture {
  World world{worldOptions()};
  Router router = trainingRouter(world);
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

HttpResponse get(Router& router, const std::string& target, bool withKey = true,
                 bool drift = false) {
  HttpRequest req;
  req.method = "GET";
  req.target = target;
  if (withKey) req.headers = {{"x-api-key", "training-demo-key"}};
  req.fieldDrift = drift;
  REQUIRE(req.parseTarget());
  return router.dispatch(req);
}

HttpResponse get(const std::string& target, bool withKey = true, bool drift = false) {
  return get(fixture().router, target, withKey, drift);
}

rapidjson::Document parse(const HttpResponse& r) {
  rapidjson::Document doc;
  doc.Parse(r.body.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

struct Row {
  std::uint32_t id = 0;
  std::string nip, nama, updatedAt, nik;
  bool nikNull = false;
};

Row rowOf(const rapidjson::Value& v) {
  Row r;
  r.id = v["id"].GetUint();
  r.nip = v["nip"].GetString();
  r.nama = v["nama"].GetString();
  r.updatedAt = v["updated_at"].GetString();
  r.nikNull = v["nik"].IsNull();
  if (!r.nikNull) r.nik = v["nik"].GetString();
  return r;
}

// Every row, following next_cursor from `first` (a target with or without a cursor).
std::vector<Row> allRows(Router& router, const std::string& first) {
  std::vector<Row> rows;
  std::string target = first;
  for (int page = 0; page < kMaxPages; ++page) {
    HttpResponse r = get(router, target);
    REQUIRE(r.status == 200);
    rapidjson::Document doc = parse(r);
    for (const rapidjson::Value& v : doc["data"].GetArray()) rows.push_back(rowOf(v));
    if (doc["next_cursor"].IsNull()) return rows;
    target = first + (first.find('?') == std::string::npos ? "?" : "&") +
             "cursor=" + doc["next_cursor"].GetString();
  }
  FAIL("paging did not end within " << kMaxPages << " pages");
  return rows;
}

const std::vector<Row>& everyRow() {
  static const std::vector<Row> rows = allRows(fixture().router, "/api/v1/completions?limit=500");
  return rows;
}

bool oneDigitApart(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  int diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff += a[i] != b[i];
  return diff == 1;
}

std::string errorOf(const HttpResponse& r) {
  REQUIRE(r.status == 400);
  return parse(r)["error"].GetString();
}

}  // namespace

TEST_CASE("Training: API needs the API key", "[sim][training][auth]") {
  for (const char* target : {"/api/v1/completions", "/api/v1/completions/1"}) {
    HttpResponse none = get(target, false);
    CHECK(none.status == 401);
    CHECK(none.body == R"({"error":"invalid api key"})");
    HttpRequest wrong;
    wrong.method = "GET";
    wrong.target = target;
    wrong.headers = {{"x-api-key", "training-demo-kez"}};
    REQUIRE(wrong.parseTarget());
    CHECK(fixture().router.dispatch(wrong).status == 401);
  }
  CHECK(get("/api/v1/completions?limit=1").status == 200);
}

TEST_CASE("Training: Paging covers every row exactly once in a stable order",
          "[sim][training][paging]") {
  const std::vector<Row>& rows = everyRow();
  CAPTURE(rows.size());
  CHECK(rows.size() > kPeople * 2);  // about 3 per person
  CHECK(rows.size() < kPeople * 4);
  std::set<std::uint32_t> ids;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CHECK(ids.insert(rows[i].id).second);
    if (i > 0) {
      bool ordered = rows[i - 1].updatedAt < rows[i].updatedAt ||
                     (rows[i - 1].updatedAt == rows[i].updatedAt && rows[i - 1].id < rows[i].id);
      CHECK(ordered);
    }
  }

  SECTION("small pages give the same sequence") {
    std::vector<Row> small = allRows(fixture().router, "/api/v1/completions?limit=7");
    REQUIRE(small.size() == rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) CHECK(small[i].id == rows[i].id);
  }
  SECTION("a cursor gives the same page every time") {
    rapidjson::Document first = parse(get("/api/v1/completions?limit=3"));
    std::string cursor = first["next_cursor"].GetString();
    HttpResponse a = get("/api/v1/completions?limit=5&cursor=" + cursor);
    HttpResponse b = get("/api/v1/completions?limit=5&cursor=" + cursor);
    CHECK(a.body == b.body);
    CHECK(parse(a)["data"][0]["id"].GetUint() == rows[3].id);
  }
  SECTION("the single-row route answers the listed row") {
    for (std::size_t i = 0; i < rows.size(); i += 37) {
      HttpResponse r = get("/api/v1/completions/" + std::to_string(rows[i].id));
      REQUIRE(r.status == 200);
      Row one = rowOf(parse(r)["data"]);
      CHECK(one.nip == rows[i].nip);
      CHECK(one.nama == rows[i].nama);
      CHECK(one.updatedAt == rows[i].updatedAt);
    }
  }
  SECTION("row fields are well formed") {
    rapidjson::Document doc = parse(get("/api/v1/completions?limit=200"));
    for (const rapidjson::Value& v : doc["data"].GetArray()) {
      std::string jenis = v["jenis"].GetString();
      CHECK((jenis == "diklat" || jenis == "kursus"));
      CHECK(v["jp"].GetInt() >= 2);
      CHECK(v["jp"].GetInt() <= 40);
      std::string mulai = v["tanggal_mulai"].GetString(),
                  selesai = v["tanggal_selesai"].GetString();
      CHECK(mulai.size() == 10);
      CHECK(mulai <= selesai);
      CHECK(selesai < std::string(v["updated_at"].GetString()));
      CHECK(std::string(v["updated_at"].GetString()) < "2026-11-01");
      CHECK(std::string(v["penyelenggara"].GetString()).size() > 2);
      CHECK(std::string(v["nama_pelatihan"].GetString()).size() > 5);
    }
  }
}

TEST_CASE("Training: updated_since keeps rows updated strictly after it",
          "[sim][training][since]") {
  const std::vector<Row>& rows = everyRow();
  const std::string& pivot = rows[rows.size() / 2].updatedAt;  // "yyyy-mm-ddThh:mm:ssZ"
  std::size_t after = 0;
  for (const Row& r : rows) after += r.updatedAt > pivot;
  std::vector<Row> since =
      allRows(fixture().router, "/api/v1/completions?limit=250&updated_since=" + pivot);
  CHECK(since.size() == after);
  REQUIRE_FALSE(since.empty());
  CHECK(since.front().updatedAt > pivot);

  // The same instant in another zone; '+' encoded and unencoded (decoded to a space).
  std::string date = pivot.substr(0, 10), time = pivot.substr(11, 8);
  int hour = std::stoi(time.substr(0, 2));
  if (hour < 16) {
    std::string local =
        date + "T" + (hour + 7 < 10 ? "0" : "") + std::to_string(hour + 7) + time.substr(2);
    HttpResponse plain = get("/api/v1/completions?limit=5&updated_since=" + pivot);
    CHECK(get("/api/v1/completions?limit=5&updated_since=" + local + "%2B07:00").body ==
          plain.body);
    CHECK(get("/api/v1/completions?limit=5&updated_since=" + local + "+07:00").body == plain.body);
  }
  // A date alone is its midnight UTC; a cursor and updated_since combine.
  std::size_t afterDate = 0;
  for (const Row& r : rows)
    afterDate +=
        r.updatedAt.substr(0, 10) > "2025-06-01" ||
        (r.updatedAt.substr(0, 10) == "2025-06-01" && r.updatedAt > "2025-06-01T00:00:00Z");
  CHECK(
      allRows(fixture().router, "/api/v1/completions?limit=500&updated_since=2025-06-01").size() ==
      afterDate);
  CHECK(parse(get("/api/v1/completions?updated_since=2100-01-01"))["data"].Size() == 0);
  CHECK(parse(get("/api/v1/completions?updated_since=2100-01-01"))["next_cursor"].IsNull());
}

TEST_CASE("Training: Bad parameters answer 400 naming the parameter; unknown ids 404",
          "[sim][training][errors]") {
  for (const char* limit : {"0", "501", "abc", "-3", "10x"})
    CHECK(errorOf(get(std::string("/api/v1/completions?limit=") + limit)).rfind("limit:", 0) == 0);
  for (const char* since : {"2025-13-01", "2025-02-30", "yesterday", "2025-01-01T25:00:00Z",
                            "2025-01-01T10:00:00+07:00x", "2025-01-01T10"})
    CHECK(errorOf(get(std::string("/api/v1/completions?updated_since=") + since))
              .rfind("updated_since:", 0) == 0);
  for (const char* cursor : {"zzz", "00000000000000000000", "0123456789abcdef0123"})
    CHECK(errorOf(get(std::string("/api/v1/completions?cursor=") + cursor)).rfind("cursor:", 0) ==
          0);
  // A cursor of another population (seed) is not accepted either.
  WorldOptions other = worldOptions();
  other.population.seed = 12;
  World otherWorld(other);
  Router otherRouter = trainingRouter(otherWorld);
  std::string foreign =
      parse(get(otherRouter, "/api/v1/completions?limit=1"))["next_cursor"].GetString();
  CHECK(get("/api/v1/completions?cursor=" + foreign).status == 400);

  HttpResponse missing = get("/api/v1/completions/not-a-number");
  CHECK(missing.status == 404);
  CHECK(missing.body == R"({"error":"not found"})");
  CHECK(get("/api/v1/completions/99999999999").status == 404);
  int notFound = 0;
  for (int id = 0; id < 200; ++id)
    notFound += get("/api/v1/completions/" + std::to_string(id)).status == 404;
  CHECK(notFound > 150);  // ids are sparse over 32 bits
  CHECK_FALSE(trainingAttendeePerson(fixture().world, "abc"));
  CHECK_FALSE(trainingAttendeePerson(fixture().world, ""));
}

TEST_CASE("Training: Attendee defects occur at their rough rates, and the truth resolves them",
          "[sim][training][defects]") {
  const auto& population = fixture().world.population();
  const std::vector<Row>& rows = everyRow();
  std::map<std::string, std::size_t> counts;
  std::size_t withNip = 0;
  for (const Row& r : rows) {
    std::optional<std::uint64_t> person =
        trainingAttendeePerson(fixture().world, std::to_string(r.id));
    HttpResponse truth = get("/_sim/truth/completions/" + std::to_string(r.id), false);
    REQUIRE(truth.status == 200);
    rapidjson::Document t = parse(truth);
    CHECK(t["person"].IsNull() == !person);
    if (!person) {
      ++counts["nobody"];
      CHECK_FALSE(population.personByNip(r.nip));
      CHECK_FALSE(r.nikNull);
      continue;
    }
    CHECK(t["person"].GetUint64() == *person);
    sinkron::population::Person p = population.person(*person);
    if (r.nip.empty()) {
      ++counts["nip_empty"];
      CHECK(r.nik == p.nik);
    } else {
      ++withNip;
      counts["nik_null"] += r.nikNull;
      if (r.nip != p.nipBaru) {
        ++counts["nip_wrong"];
        CHECK(oneDigitApart(r.nip, p.nipBaru));
      }
    }
    if (!p.gelarBelakang.empty() && r.nama.find(',') != std::string::npos) ++counts["titles"];
    bool upper = true;
    for (char c : r.nama) upper = upper && !(c >= 'a' && c <= 'z');
    counts["upper"] += upper;
  }
  double n = static_cast<double>(rows.size());
  CAPTURE(n, counts["nobody"], counts["nip_empty"], counts["nip_wrong"], counts["nik_null"],
          counts["titles"], counts["upper"]);
  CHECK(counts["nobody"] > 0);
  CHECK(counts["nobody"] < n * 0.015);
  CHECK(counts["nip_empty"] > n * 0.02);
  CHECK(counts["nip_empty"] < n * 0.065);
  CHECK(counts["nip_wrong"] > n * 0.015);
  CHECK(counts["nip_wrong"] < n * 0.05);
  CHECK(counts["nik_null"] > withNip * 0.10);
  CHECK(counts["nik_null"] < withNip * 0.20);
  CHECK(counts["titles"] > 0);
  CHECK(counts["upper"] > n * 0.12);
  CHECK(counts["upper"] < n * 0.28);
}

TEST_CASE("Training: A mistyped NIP can be another person's real NIP", "[sim][training][defects]") {
  // More NIP-neighbour pairs at a higher corruption, so the case shows up in a small world.
  World world(worldOptions(10.0));
  Router router = trainingRouter(world);
  std::vector<Row> rows = allRows(router, "/api/v1/completions?limit=500");
  int otherPerson = 0;
  for (const Row& r : rows) {
    std::optional<std::uint64_t> person = trainingAttendeePerson(world, std::to_string(r.id));
    std::optional<std::uint64_t> byNip = world.population().personByNip(r.nip);
    if (person && byNip && *byNip != *person) {
      ++otherPerson;
      CHECK(oneDigitApart(r.nip, world.population().person(*person).nipBaru));
    }
  }
  CHECK(otherPerson > 0);
}

TEST_CASE("Training: Field drift renames row fields", "[sim][training][drift]") {
  HttpResponse drift = get("/api/v1/completions?limit=2", true, true);
  CHECK(drift.body.find("\"no_sertifikat\"") != std::string::npos);
  CHECK(drift.body.find("\"nomor_sertifikat\"") == std::string::npos);
  CHECK(get("/api/v1/completions?limit=2").body.find("\"nomor_sertifikat\"") != std::string::npos);
}
