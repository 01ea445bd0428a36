#include <catch2/catch.hpp>

#include <set>
#include <thread>

#include "siasn_harness.hpp"
#include "sinkron/population/organisation.hpp"

using namespace sinkron::sim;
using sinkron::sim::testing::parseJson;
using sinkron::sim::testing::SiasnHarness;
using sinkron::sim::testing::str;
namespace population = sinkron::population;

namespace {

constexpr const char* kDataUtama = "/apisiasn/1.0/pns/data-utama/";

// The first person (from `from`) for whom `wanted` holds.
template <typename Pred>
population::PersonRecords findPerson(const World& world, Pred wanted, std::uint64_t from = 0) {
  const auto& gen = world.population();
  for (std::uint64_t i = from; i < gen.options().people; ++i) {
    population::PersonRecords r = gen.records(i);
    if (wanted(r)) return r;
  }
  FAIL("no person in the test population fits");
  return {};
}

population::PersonRecords siasnPerson(const World& world, std::uint64_t from = 0) {
  return findPerson(
      world, [](const auto& r) { return r.person.inSiasn; }, from);
}

std::string kursusBody(const std::string& personId, const std::string& nama = "Pelatihan SIASN",
                       const std::string& tanggal = "10-03-2025") {
  return R"({"pnsOrangId":")" + personId + R"(","namaKursus":")" + nama +
         R"(","jumlahJam":24,"tanggalKursus":")" + tanggal +
         R"(","tanggalSelesaiKursus":"12-03-2025","tahunKursus":2025,"nomorSertipikat":"SERT/1",)"
         R"("institusiPenyelenggara":"BKPSDM","jenisKursusId":"4"})";
}

const rapidjson::Value& lastRow(const rapidjson::Document& doc) {
  const rapidjson::Value& data = doc["data"];
  REQUIRE(data.IsArray());
  REQUIRE(data.Size() > 0);
  return data[data.Size() - 1];
}

}  // namespace

TEST_CASE("SSO issues Keycloak-style tokens and rejects bad requests", "[siasn][sso]") {
  SiasnHarness h;
  const WorldOptions& o = h.world.options();
  std::string good = "grant_type=password&client_id=" + o.ssoClientId +
                     "&username=" + o.ssoUsername + "&password=" + o.ssoPassword;

  HttpResponse ok = h.requestSsoToken(good);
  REQUIRE(ok.status == 200);
  auto doc = parseJson(ok.body);
  CHECK(doc["access_token"].IsString());
  CHECK(str(doc, "token_type") == "Bearer");
  CHECK(doc["expires_in"].GetInt() == o.ssoTokenLifetime.count());
  CHECK(doc.HasMember("refresh_expires_in"));
  CHECK(doc.HasMember("scope"));

  HttpResponse badPassword = h.requestSsoToken(good + "x");
  CHECK(badPassword.status == 401);
  CHECK(badPassword.body ==
        R"({"error":"invalid_grant","error_description":"Invalid user credentials"})");

  HttpResponse badGrant =
      h.requestSsoToken("grant_type=client_credentials&client_id=" + o.ssoClientId);
  CHECK(badGrant.status == 400);
  CHECK(str(parseJson(badGrant.body), "error") == "unsupported_grant_type");

  HttpResponse badClient =
      h.requestSsoToken("grant_type=password&client_id=other&username=" + o.ssoUsername +
                        "&password=" + o.ssoPassword);
  CHECK(badClient.status == 401);
  CHECK(str(parseJson(badClient.body), "error") == "invalid_client");
  CHECK(h.requestSsoToken("").status == 400);
}

TEST_CASE("Gateway issues client-credentials tokens with HTTP Basic", "[siasn][gateway]") {
  SiasnHarness h;
  const WorldOptions& o = h.world.options();
  std::string basic = testing::base64(o.consumerKey + ":" + o.consumerSecret);

  HttpResponse ok = h.requestGatewayToken(basic, "grant_type=client_credentials");
  REQUIRE(ok.status == 200);
  auto doc = parseJson(ok.body);
  CHECK(str(doc, "token_type") == "Bearer");
  CHECK(doc["expires_in"].GetInt() == o.gatewayTokenLifetime.count());
  CHECK(doc.HasMember("scope"));
  CHECK(h.world.tokens("siasn-gateway").check(str(doc, "access_token")) == TokenCheck::kValid);

  auto wrongSecret = h.requestGatewayToken(testing::base64(o.consumerKey + ":nope"),
                                           "grant_type=client_credentials");
  CHECK(wrongSecret.status == 401);
  CHECK(str(parseJson(wrongSecret.body), "error") == "invalid_client");
  CHECK(h.requestGatewayToken("%%%notbase64", "grant_type=client_credentials").status == 401);
  CHECK(SiasnHarness::call(h.gateway, "POST", "/oauth2/token", "grant_type=client_credentials")
            .status == 401);
  auto wrongGrant = h.requestGatewayToken(basic, "grant_type=password");
  CHECK(wrongGrant.status == 400);
  CHECK(str(parseJson(wrongGrant.body), "error") == "unsupported_grant_type");
}

TEST_CASE("API calls need both tokens and reference data only the gateway token",
          "[siasn][gateway][sso]") {
  SiasnHarness h;
  h.login();
  auto person = siasnPerson(h.world);
  std::string target = kDataUtama + person.person.nipBaru;

  SECTION("no gateway token: WSO2 900901") {
    HttpResponse r = SiasnHarness::call(h.gateway, "GET", target, {}, {{"auth", "bearer x"}});
    CHECK(r.status == 401);
    CHECK(r.body ==
          R"({"code":900901,"message":"Invalid Credentials","description":"Access failure for )"
          R"(API: /apisiasn/1.0, version: 1.0 status: (900901) - Invalid Credentials. Make sure )"
          R"(you have provided the correct security credentials"})");
  }
  SECTION("unknown gateway token") {
    HttpResponse r =
        SiasnHarness::call(h.gateway, "GET", target, {},
                           {{"authorization", "Bearer nope"}, {"auth", "bearer " + h.ssoToken}});
    CHECK(r.status == 401);
    CHECK(parseJson(r.body)["code"].GetInt() == 900901);
  }
  SECTION("missing Auth header") {
    HttpResponse r = SiasnHarness::call(h.gateway, "GET", target, {},
                                        {{"authorization", "Bearer " + h.gatewayToken}});
    CHECK(r.status == 401);
    CHECK(r.body == R"({"code":0,"message":"invalid or expired jwt"})");
  }
  SECTION("an SSO token this SSO never issued: mismatch") {
    HttpResponse r = SiasnHarness::call(
        h.gateway, "GET", target, {},
        {{"authorization", "Bearer " + h.gatewayToken}, {"auth", "bearer eyJ.other.realm"}});
    CHECK(r.status == 401);
    CHECK(r.body == R"({"code":0,"message":"Token SSO mismatch"})");
  }
  SECTION("the gateway token is not an SSO token") {
    HttpResponse r = SiasnHarness::call(
        h.gateway, "GET", target, {},
        {{"authorization", "Bearer " + h.gatewayToken}, {"auth", "bearer " + h.gatewayToken}});
    CHECK(r.status == 401);
    CHECK(str(parseJson(r.body), "message") == "Token SSO mismatch");
  }
  SECTION("both tokens") {
    CHECK(h.get(target).status == 200);
  }
  SECTION("reference data with the gateway token alone") {
    HttpResponse r = SiasnHarness::call(h.gateway, "GET", "/referensi_siasn/1/golongan", {},
                                        {{"authorization", "Bearer " + h.gatewayToken}});
    CHECK(r.status == 200);
    HttpResponse denied = SiasnHarness::call(h.gateway, "GET", "/referensi_siasn/1/golongan");
    CHECK(denied.status == 401);
    CHECK(str(parseJson(denied.body), "description").find("/referensi_siasn/1") !=
          std::string::npos);
  }
}

TEST_CASE("Expired and revoked tokens are refused", "[siasn][gateway][sso]") {
  SECTION("gateway token with a zero lifetime") {
    auto options = testing::smallWorld();
    options.gatewayTokenLifetime = std::chrono::seconds(0);
    SiasnHarness h(options);
    h.login();
    REQUIRE_FALSE(h.gatewayToken.empty());
    HttpResponse r = h.get(kDataUtama + siasnPerson(h.world).person.nipBaru);
    CHECK(r.status == 401);
    CHECK(parseJson(r.body)["code"].GetInt() == 900901);
  }
  SECTION("SSO token with a zero lifetime") {
    auto options = testing::smallWorld();
    options.ssoTokenLifetime = std::chrono::seconds(0);
    SiasnHarness h(options);
    h.login();
    HttpResponse r = h.get(kDataUtama + siasnPerson(h.world).person.nipBaru);
    CHECK(r.status == 401);
    CHECK(r.body == R"({"code":0,"message":"invalid or expired jwt"})");
  }
  SECTION("token_revoke fault on siasn revokes both") {
    SiasnHarness h;
    h.login();
    std::string target = kDataUtama + siasnPerson(h.world).person.nipBaru;
    REQUIRE(h.get(target).status == 200);
    FaultRule rule;
    rule.system = "siasn";
    rule.kind = FaultKind::kTokenRevoke;
    h.world.faults().add(rule);
    h.world.applyRevocations();
    HttpResponse r = h.get(target);
    CHECK(r.status == 401);
    CHECK(parseJson(r.body)["code"].GetInt() == 900901);
    // A new gateway token alone is not enough: the SSO token was revoked too.
    std::string oldSso = h.ssoToken;
    h.login();
    CHECK(h.get(target).status == 200);
    HttpResponse stale = SiasnHarness::call(
        h.gateway, "GET", target, {},
        {{"authorization", "Bearer " + h.gatewayToken}, {"auth", "bearer " + oldSso}});
    CHECK(stale.body == R"({"code":0,"message":"invalid or expired jwt"})");
  }
}

TEST_CASE("data-utama serves the SIASN record of a true NIP", "[siasn][data-utama]") {
  SiasnHarness h;
  h.login();
  auto withNipLama = [](const population::PersonRecords& r) {
    return r.person.inSiasn && !r.siasn.nipLama.empty();
  };
  population::PersonRecords p = findPerson(h.world, withNipLama);
  const population::SiasnRecord& s = p.siasn;

  HttpResponse r = h.get(kDataUtama + p.person.nipBaru);
  REQUIRE(r.status == 200);
  auto doc = parseJson(r.body);
  CHECK(doc["code"].GetInt() == 1);
  const rapidjson::Value& d = doc["data"];
  CHECK(str(d, "id") == s.id);
  CHECK(str(d, "nipBaru") == s.nipBaru);
  CHECK(str(d, "nipLama") == s.nipLama);
  CHECK(str(d, "nama") == s.nama);
  CHECK(str(d, "tglLahir") == s.tglLahir);
  CHECK(str(d, "jenisKelamin") == s.jenisKelamin);
  CHECK(str(d, "kedudukanPnsId") == s.kedudukanPnsId);
  CHECK(str(d, "unorId") == s.unorId);
  CHECK(str(d, "golRuangAkhirId") == s.golRuangAkhirId);
  CHECK(str(d, "tmtGolAkhir") == s.tmtGolAkhir);
  CHECK(str(d, "jabatanNama") == s.jabatanNama);
  for (const char* field : {"gelarDepan", "gelarBelakang", "email", "noHp", "nik", "tmtPns"}) {
    INFO(field);
    CHECK(d.HasMember(field));
  }
  CHECK(d["alamat"].IsNull());  // empty values are null

  SECTION("a person without SIASN record, an unknown NIP and a NIP lama: 404") {
    auto simpegOnly = findPerson(h.world, [](const auto& x) { return !x.person.inSiasn; });
    HttpResponse missing = h.get(kDataUtama + simpegOnly.person.nipBaru);
    CHECK(missing.status == 404);
    CHECK(missing.body == R"({"code":0,"data":"Data tidak ditemukan"})");
    std::string unknown = p.person.nipBaru;
    unknown[17] = unknown[17] == '9' ? '8' : '9';
    unknown[16] = unknown[16] == '9' ? '8' : '9';
    CHECK(h.get(kDataUtama + unknown).status == 404);
    CHECK(h.get(kDataUtama + s.nipLama).status == 404);
  }
  SECTION("a malformed NIP: validation 400") {
    HttpResponse bad = h.get(kDataUtama + std::string("19850101x"));
    CHECK(bad.status == 400);
    auto e = parseJson(bad.body);
    CHECK(e["code"].GetInt() == 0);
    CHECK(e["data"].IsNull());
    CHECK(str(e, "message").rfind("1 error occurred: nipBaru: ", 0) == 0);
  }
  SECTION("field drift renames fields") {
    HttpResponse drift = h.get(kDataUtama + p.person.nipBaru, true);
    REQUIRE(drift.status == 200);
    auto dd = parseJson(drift.body);
    const rapidjson::Value& x = dd["data"];
    CHECK_FALSE(x.HasMember("tglLahir"));
    CHECK(str(x, "tanggalLahir") == s.tglLahir);
    CHECK_FALSE(x.HasMember("noHp"));
    CHECK(x.HasMember("nomorHp"));
    CHECK_FALSE(x.HasMember("golRuangAkhirId"));
    CHECK(str(x, "golonganId") == s.golRuangAkhirId);
  }
}

TEST_CASE("Histories are deterministic and consistent with data-utama", "[siasn][history]") {
  SiasnHarness a, b;
  a.login();
  b.login();
  const char* kinds[] = {"jabatan", "golongan", "diklat", "kursus", "skp22", "kinerjaperiodik"};
  int people = 0;
  std::set<std::string> ids;
  for (std::uint64_t i = 0; i < 500 && people < 40; ++i) {
    population::PersonRecords p = a.world.population().records(i);
    if (!p.person.inSiasn) continue;
    ++people;
    for (const char* kind : kinds) {
      std::string target = std::string("/apisiasn/1.0/pns/rw-") + kind + "/" + p.person.nipBaru;
      HttpResponse x = a.get(target), y = b.get(target);
      INFO(target);
      REQUIRE(x.status == 200);
      CHECK(x.body == y.body);
      auto doc = parseJson(x.body);
      REQUIRE(doc["data"].IsArray());
      for (const auto& row : doc["data"].GetArray()) {
        CHECK(ids.insert(str(row, "id")).second);  // every row its own id
        CHECK(str(row, "nipBaru") == p.person.nipBaru);
      }
    }
    auto gol = parseJson(a.get("/apisiasn/1.0/pns/rw-golongan/" + p.person.nipBaru).body);
    CHECK(str(lastRow(gol), "golonganId") == p.siasn.golRuangAkhirId);
    CHECK(str(lastRow(gol), "tmtGolongan") == p.siasn.tmtGolAkhir);
    auto jab = parseJson(a.get("/apisiasn/1.0/pns/rw-jabatan/" + p.person.nipBaru).body);
    CHECK(str(lastRow(jab), "namaJabatan") == p.siasn.jabatanNama);
    CHECK(str(lastRow(jab), "unorId") == p.siasn.unorId);
    auto skp = parseJson(a.get("/apisiasn/1.0/pns/rw-skp22/" + p.person.nipBaru).body);
    for (const auto& row : skp["data"].GetArray()) {
      int hasil = row["hasilKinerjaNilai"].GetInt(), perilaku = row["perilakuKerjaNilai"].GetInt();
      int kuadran = row["kuadranKinerjaNilai"].GetInt();
      // PermenPANRB 6/2022: above/below is Kurang (4), below/above Butuh Perbaikan (3).
      int expected = hasil == 1   ? (perilaku == 1   ? 1
                                     : perilaku == 2 ? 2
                                                     : 4)
                     : hasil == 2 ? (perilaku == 3 ? 4 : 2)
                                  : (perilaku == 3 ? 5 : 3);
      CHECK(kuadran == expected);
      CHECK(row["tahun"].GetInt() >= 2022);
    }
  }
  CHECK(people == 40);
  CHECK(a.get("/apisiasn/1.0/pns/rw-kursus/199001012020011999").status == 404);
}

TEST_CASE("Each save kind is accepted and shows in its history", "[siasn][writes]") {
  SiasnHarness h;
  h.login();
  population::PersonRecords p = siasnPerson(h.world);
  const std::string id = p.person.personId, nip = p.person.nipBaru;
  const std::string unor(population::units()[3].unorId);

  auto refId = [&](const char* table, std::size_t index) {
    auto doc = parseJson(h.get(std::string("/referensi_siasn/1/") + table + "?limit=100").body);
    return str(doc["results"][static_cast<rapidjson::SizeType>(index)], "id");
  };
  struct Case {
    const char* kind;
    const char* idKey;
    std::string body;
    const char* rowField;  // a field name of the history row (differs from the body's)
  };
  std::vector<Case> cases = {
      {"kursus", "rwKursusId", kursusBody(id), "noSertipikat"},
      {"diklat", "rwDiklatId",
       R"({"pnsOrangId":")" + id +
           R"(","latihanStrukturalId":"6","nomor":"12/PKP/2024",)"
           R"("tanggal":"01-07-2024","tahun":2024,"institusiPenyelenggara":"BPSDM",)"
           R"("jumlahJam":331})",
       "latihanStrukturalNama"},
      {"jabatan", "rwJabatanId",
       R"({"pnsId":")" + id + R"(","unorId":")" + unor +
           R"(","jenisJabatan":"2",)"
           R"("jabatanFungsionalId":")" +
           refId("jabatan-fungsional", 1) +
           R"(","tmtJabatan":"01-01-2025","nomorSk":"821/1/2024","tanggalSk":"15-12-2024"})",
       "jabatanFungsionalNama"},
      {"skp22", "rwSkp22Id",
       R"({"pnsDinilaiId":")" + id +
           R"(","tahun":2025,"hasilKinerjaNilai":1,)"
           R"("perilakuKerjaNilai":3,"kuadranKinerjaNilai":4,"penilaiNipNrp":"198001012005011001",)"
           R"("penilaiNama":"Budi"})",
       "kuadranKinerja"},
      {"kinerjaperiodik", "rwKinerjaPeriodikId",
       R"({"pnsDinilaiId":")" + id +
           R"(","tahun":2025,"bulanMulaiPenilaian":1,)"
           R"("bulanSelesaiPenilaian":3,"hasilKinerjaNilai":3,"perilakuKerjaNilai":1,)"
           R"("kuadranKinerjaNilai":3,"penilaiNipNrp":"198001012005011001","penilaiNama":"Budi"})",
       "bulanMulai"},
  };
  for (const Case& c : cases) {
    INFO(c.kind);
    std::string before = h.get(std::string("/apisiasn/1.0/pns/rw-") + c.kind + "/" + nip).body;
    HttpResponse r = h.post(std::string("/apisiasn/1.0/") + c.kind + "/save", c.body);
    REQUIRE(r.status == 200);
    auto doc = parseJson(r.body);
    REQUIRE(doc["success"].GetBool());
    CHECK(str(doc, "message") == "success");
    std::string rowId = str(doc["mapData"], c.idKey);
    CHECK(rowId.size() == 36);

    auto history = parseJson(h.get(std::string("/apisiasn/1.0/pns/rw-") + c.kind + "/" + nip).body);
    CHECK(history["data"].Size() == parseJson(before)["data"].Size() + 1);
    const rapidjson::Value& row = lastRow(history);
    CHECK(str(row, "id") == rowId);
    CHECK(row.HasMember(c.rowField));
    CHECK(str(row, "nipBaru") == nip);
  }
  auto skp = parseJson(h.get("/apisiasn/1.0/pns/rw-skp22/" + nip).body);
  CHECK(str(lastRow(skp), "kuadranKinerja") == "Kurang");
  auto kursus = parseJson(h.get("/apisiasn/1.0/pns/rw-kursus/" + nip).body);
  CHECK(str(lastRow(kursus), "noSertipikat") == "SERT/1");
  CHECK_FALSE(lastRow(kursus).HasMember("nomorSertipikat"));

  CHECK(h.world.writes().total() == cases.size());
  auto entries = h.world.writes().entries("siasn", 0, 10);
  REQUIRE(entries.size() == cases.size());
  CHECK(entries[0].endpoint == "/apisiasn/1.0/kursus/save");
  CHECK(entries[0].key == "kursus|" + id + "|Pelatihan SIASN|10-03-2025");
  CHECK(entries[3].key == "skp22|" + id + "|2025");
}

TEST_CASE("Invalid save bodies get a 400 that counts the errors", "[siasn][writes]") {
  SiasnHarness h;
  h.login();
  std::string id = siasnPerson(h.world).person.personId;

  SECTION("one error") {
    std::string body = kursusBody(id);
    body.replace(body.find("\"jumlahJam\":24"), 14, "\"jumlahJam\":\"24\"");
    HttpResponse r = h.post("/apisiasn/1.0/kursus/save", body);
    CHECK(r.status == 400);
    CHECK(r.body ==
          R"({"code":0,"data":null,"message":"1 error occurred: jumlahJam: must be an integer"})");
  }
  SECTION("several errors") {
    HttpResponse r =
        h.post("/apisiasn/1.0/kursus/save",
               R"({"pnsOrangId":")" + id +
                   R"(","namaKursus":"",)"
                   R"("jumlahJam":8,"tanggalKursus":"2025-03-10","tahunKursus":2025})");
    CHECK(r.status == 400);
    std::string message = str(parseJson(r.body), "message");
    CHECK(message.rfind("4 errors occurred: namaKursus: must not be blank; tanggalKursus: ", 0) ==
          0);
    CHECK(message.find("institusiPenyelenggara: is required") != std::string::npos);
    CHECK(message.find("jenisKursusId: is required") != std::string::npos);
  }
  SECTION("malformed JSON and cross-field rules") {
    HttpResponse broken = h.post("/apisiasn/1.0/diklat/save", "{\"pnsOrangId\":");
    CHECK(broken.status == 400);
    CHECK(
        str(parseJson(broken.body), "message").rfind("1 error occurred: body: malformed JSON", 0) ==
        0);
    HttpResponse order =
        h.post("/apisiasn/1.0/kinerjaperiodik/save",
               R"({"pnsDinilaiId":")" + id +
                   R"(","tahun":2025,)"
                   R"("bulanMulaiPenilaian":6,"bulanSelesaiPenilaian":3,)"
                   R"("hasilKinerjaNilai":2,"perilakuKerjaNilai":2,)"
                   R"("kuadranKinerjaNilai":2,"penilaiNipNrp":"1","penilaiNama":"A"})");
    CHECK(order.status == 400);
    CHECK(str(parseJson(order.body), "message") ==
          "1 error occurred: bulanSelesaiPenilaian: must not be before bulanMulaiPenilaian");
    HttpResponse jabatan =
        h.post("/apisiasn/1.0/jabatan/save",
               R"({"pnsId":")" + id +
                   R"(","unorId":"x","jenisJabatan":"2",)"
                   R"("tmtJabatan":"01-01-2025","nomorSk":"1","tanggalSk":"01-01-2025"})");
    CHECK(str(parseJson(jabatan.body), "message") ==
          "1 error occurred: jabatanFungsionalId: is required when jenisJabatan is 2");
  }
  CHECK(h.world.writes().total() == 0);
}

TEST_CASE("Business rules answer HTTP 200 with success false", "[siasn][writes]") {
  SiasnHarness h;
  h.login();
  std::string id = siasnPerson(h.world).person.personId;
  auto rejected = [](const HttpResponse& r) {
    REQUIRE(r.status == 200);
    auto doc = parseJson(r.body);
    CHECK_FALSE(doc["success"].GetBool());
    CHECK(doc["mapData"].IsNull());
    return str(doc, "message");
  };

  CHECK(rejected(h.post("/apisiasn/1.0/kursus/save", kursusBody(std::string(32, 'a'))))
            .find("tidak ditemukan") != std::string::npos);
  auto simpegOnly = findPerson(h.world, [](const auto& r) { return !r.person.inSiasn; });
  CHECK(rejected(h.post("/apisiasn/1.0/kursus/save", kursusBody(simpegOnly.person.personId)))
            .find("pnsOrangId") != std::string::npos);
  CHECK(rejected(
            h.post("/apisiasn/1.0/jabatan/save",
                   R"({"pnsId":")" + id +
                       R"(","unorId":"0123456789abcdef0123456789abcdef",)"
                       R"("jenisJabatan":"1","jabatanStrukturalId":"s1","tmtJabatan":"01-01-2025",)"
                       R"("nomorSk":"1","tanggalSk":"01-01-2025"})"))
            .find("Unor") != std::string::npos);
  std::string body = kursusBody(id);
  body.replace(body.find("\"jenisKursusId\":\"4\""), 19, "\"jenisKursusId\":\"99\"");
  CHECK(rejected(h.post("/apisiasn/1.0/kursus/save", body)).find("Jenis kursus") !=
        std::string::npos);
  // hasil above + perilaku below is Kurang (4), not Sangat Baik/Baik as max() would give.
  CHECK(rejected(h.post("/apisiasn/1.0/skp22/save",
                        R"({"pnsDinilaiId":")" + id +
                            R"(","tahun":2025,"hasilKinerjaNilai":1,)"
                            R"("perilakuKerjaNilai":3,"kuadranKinerjaNilai":2,)"
                            R"("penilaiNipNrp":"1","penilaiNama":"A"})"))
            .find("seharusnya 4 Kurang") != std::string::npos);
  CHECK(h.world.writes().total() == 0);
}

TEST_CASE("Duplicate writes are kept and counted", "[siasn][writes]") {
  SiasnHarness h;
  h.login();
  population::PersonRecords p = siasnPerson(h.world);
  std::string body = kursusBody(p.person.personId, "Bimtek Duplikat");
  auto first = parseJson(h.post("/apisiasn/1.0/kursus/save", body).body);
  auto second = parseJson(h.post("/apisiasn/1.0/kursus/save", body).body);
  REQUIRE(first["success"].GetBool());
  REQUIRE(second["success"].GetBool());
  CHECK(str(first["mapData"], "rwKursusId") != str(second["mapData"], "rwKursusId"));
  CHECK(h.world.writes().total() == 2);
  CHECK(h.world.writes().duplicates() == 1);
  auto history = parseJson(h.get("/apisiasn/1.0/pns/rw-kursus/" + p.person.nipBaru).body);
  int copies = 0;
  for (const auto& row : history["data"].GetArray())
    copies += str(row, "namaKursus") == "Bimtek Duplikat";
  CHECK(copies == 2);
}

TEST_CASE("data-utama-update changes the served record", "[siasn][writes][data-utama]") {
  SiasnHarness h;
  h.login();
  population::PersonRecords p = siasnPerson(h.world);
  HttpResponse r = h.post("/apisiasn/1.0/pns/data-utama-update",
                          R"({"pns_orang_id":")" + p.person.personId +
                              R"(","email":"baru@example.go.id","nomor_hp":"081234567890",)"
                              R"("alamat":"Jl. Merdeka 1"})");
  REQUIRE(r.status == 200);
  CHECK(parseJson(r.body)["success"].GetBool());
  auto doc = parseJson(h.get(kDataUtama + p.person.nipBaru).body);
  CHECK(str(doc["data"], "email") == "baru@example.go.id");
  CHECK(str(doc["data"], "noHp") == "081234567890");
  CHECK(str(doc["data"], "alamat") == "Jl. Merdeka 1");
  CHECK(str(doc["data"], "nama") == p.siasn.nama);
  REQUIRE(h.world.writes().total() == 1);
  CHECK(h.world.writes().entries("siasn", 0, 1)[0].endpoint ==
        "/apisiasn/1.0/pns/data-utama-update");

  HttpResponse invalid = h.post(
      "/apisiasn/1.0/pns/data-utama-update",
      R"({"pns_orang_id":")" + p.person.personId + R"(","email":"not-an-email","nomor_hp":"12"})");
  CHECK(invalid.status == 400);
  CHECK(str(parseJson(invalid.body), "message").rfind("2 errors occurred: email: ", 0) == 0);
  HttpResponse nothing = h.post("/apisiasn/1.0/pns/data-utama-update",
                                R"({"pns_orang_id":")" + p.person.personId + R"("})");
  CHECK(nothing.status == 400);
  HttpResponse unknown =
      h.post("/apisiasn/1.0/pns/data-utama-update", R"({"pns_orang_id":"ffff","email":"a@b.id"})");
  CHECK(unknown.status == 200);
  CHECK_FALSE(parseJson(unknown.body)["success"].GetBool());
  CHECK(h.world.writes().total() == 1);
}

TEST_CASE("Reference tables page with limit and offset", "[siasn][referensi]") {
  SiasnHarness h;
  h.login();
  auto page = [&](const std::string& target) { return parseJson(h.get(target).body); };

  auto first = page("/referensi_siasn/1/golongan");
  CHECK(first["count"].GetInt() == 17);
  CHECK(first["results"].Size() == 10);  // default limit
  CHECK(str(first["results"][0], "id") == "11");
  CHECK(str(first["results"][0], "nama") == "I/a");
  auto tail = page("/referensi_siasn/1/golongan?limit=5&offset=15");
  REQUIRE(tail["results"].Size() == 2);
  CHECK(str(tail["results"][1], "id") == "45");
  CHECK(str(tail["results"][1], "namaPangkat") == "Pembina Utama");
  CHECK(page("/referensi_siasn/1/golongan?offset=100")["results"].Size() == 0);

  auto unor = page("/referensi_siasn/1/unor?limit=3&offset=2");
  CHECK(unor["count"].GetUint64() == population::units().size());
  CHECK(str(unor["results"][0], "id") == population::units()[2].unorId);

  CHECK(page("/referensi_siasn/1/kedudukan-hukum?limit=100")["count"].GetInt() >= 8);
  CHECK(page("/referensi_siasn/1/jenis-jabatan")["count"].GetInt() == 4);
  CHECK(page("/referensi_siasn/1/agama")["count"].GetInt() == 7);
  auto fungsional = page("/referensi_siasn/1/jabatan-fungsional?limit=1000");
  bool guru = false;
  for (const auto& row : fungsional["results"].GetArray())
    guru = guru || str(row, "nama") == "Guru Ahli Pertama";
  CHECK(guru);

  HttpResponse bad = h.get("/referensi_siasn/1/golongan?limit=abc&offset=-1");
  CHECK(bad.status == 400);
  CHECK(str(parseJson(bad.body), "message").rfind("2 errors occurred: limit: ", 0) == 0);
  CHECK(h.get("/referensi_siasn/1/nope").status == 404);
}

TEST_CASE("Concurrent reads and writes stay consistent", "[siasn][concurrency]") {
  SiasnHarness h;
  h.login();
  std::vector<population::PersonRecords> people;
  for (std::uint64_t from = 0; people.size() < 4; from = people.back().person.index + 1)
    people.push_back(siasnPerson(h.world, from));
  constexpr int kWritesPerThread = 50;
  auto writer = [&](int t) {
    for (int i = 0; i < kWritesPerThread; ++i) {
      const auto& p = people[(t + i) % people.size()];
      h.post("/apisiasn/1.0/kursus/save",
             kursusBody(p.person.personId, "Conc-" + std::to_string(t) + "-" + std::to_string(i)));
      h.get(kDataUtama + p.person.nipBaru);
      h.get("/apisiasn/1.0/pns/rw-kursus/" + p.person.nipBaru);
    }
  };
  std::thread a(writer, 0), b(writer, 1);
  a.join();
  b.join();
  CHECK(h.world.writes().total() == 2 * kWritesPerThread);
  CHECK(h.world.writes().duplicates() == 0);
  std::size_t added = 0;
  for (const auto& p : people) {
    auto doc = parseJson(h.get("/apisiasn/1.0/pns/rw-kursus/" + p.person.nipBaru).body);
    for (const auto& row : doc["data"].GetArray())
      added += str(row, "namaKursus").rfind("Conc-", 0) == 0;
  }
  CHECK(added == 2 * kWritesPerThread);
}
