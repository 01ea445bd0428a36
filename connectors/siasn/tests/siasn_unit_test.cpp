// Pure parts of the SIASN connector: config validation and YAML parsing (unknown keys with their
// line), data-utama mapping with field drift and malformed answers, and the natural-key matching
// of read-before-write (history field names differ from save field names).
#include <rapidjson/document.h>
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>

#include "data_utama_mapper.hpp"
#include "sinkron/connectors/siasn_config.hpp"
#include "write_kinds.hpp"

using namespace sinkron;
using namespace sinkron::connectors::siasn;

namespace {

const std::string kMappingFile =
    std::string(SINKRON_SOURCE_DIR) + "/deploy/mappings/siasn-data-utama.yaml";

SiasnConfig validConfig() {
  SiasnConfig c;
  c.gatewayUrl = "https://gateway.example";
  c.ssoUrl = "https://sso.example";
  c.consumerKey = "key";
  c.consumerSecret = security::Secret("secret");
  c.ssoClientId = "client";
  c.ssoUsername = "user";
  c.ssoPassword = security::Secret("pw");
  c.mapping = kMappingFile;
  return c;
}

rapidjson::Document parse(const char* text) {
  rapidjson::Document d;
  d.Parse(text);
  REQUIRE_FALSE(d.HasParseError());
  return d;
}

const char* kPerson = R"({"code":1,"data":{"id":"0123456789abcdef0123456789abcdef",
  "nipBaru":"199001312015031002","nama":"Ahmad Yani","gelarDepan":"-","gelarBelakang":"S.Pd.",
  "tglLahir":"31-01-1990","jenisKelamin":"M","golRuangAkhirId":"31","jenisJabatanId":"4",
  "kedudukanPnsId":"01","statusPegawai":"PNS","tmtCpns":"01-03-2015","noHp":"08123456789"}})";

}  // namespace

TEST_CASE("config validation names the field") {
  CHECK(validConfig().validate().ok());
  SECTION("gateway url") {
    SiasnConfig c = validConfig();
    c.gatewayUrl = "gateway.example";
    CHECK_THAT(c.validate().error().message, Catch::Contains("gateway_url"));
  }
  SECTION("SSO: password grant or pre-issued token, not both") {
    SiasnConfig c = validConfig();
    c.ssoToken = security::Secret("pre-issued");
    CHECK_THAT(c.validate().error().message, Catch::Contains("not both"));
    c.ssoClientId.clear();
    c.ssoUsername.clear();
    c.ssoPassword = security::Secret();
    c.ssoUrl.clear();
    CHECK(c.validate().ok());
  }
  SECTION("concurrency range") {
    SiasnConfig c = validConfig();
    c.concurrency = 0;
    CHECK_THAT(c.validate().error().message, Catch::Contains("concurrency"));
  }
  SECTION("paths need their placeholders") {
    SiasnConfig c = validConfig();
    c.paths.history = "/apisiasn/1.0/pns/rw/{nip}";
    CHECK_THAT(c.validate().error().message, Catch::Contains("{kind}"));
  }
}

TEST_CASE("config from YAML: strict keys with line numbers, secrets kept out of messages") {
  const std::string yaml =
      "name: siasn-kab\n"
      "gateway_url: https://gw.example\n"
      "sso_url: https://sso.example\n"
      "consumer_key: k\n"
      "consumer_secret: very-secret\n"
      "sso_token: pre-issued\n"
      "mapping: " +
      kMappingFile +
      "\n"
      "concurrency: 32\n"
      "paths:\n"
      "  data_utama: /api/v2/pns/data-utama/{nip}\n"
      "field_aliases:\n"
      "  tglLahir: [tanggal_lahir]\n";
  Result<SiasnConfig> c = parseSiasnConfig(YAML::Load(yaml), "connectors.yaml");
  REQUIRE(c.ok());
  CHECK(c->name == "siasn-kab");
  CHECK(c->concurrency == 32);
  CHECK(c->usesPreIssuedSsoToken());
  CHECK(c->paths.dataUtama == "/api/v2/pns/data-utama/{nip}");
  CHECK(c->fieldAliases.at("tglLahir") == std::vector<std::string>{"tanggal_lahir"});
  CHECK(c->fieldAliases.count("noHp") == 1);  // defaults kept for fields not listed

  Result<SiasnConfig> unknown =
      parseSiasnConfig(YAML::Load(yaml + "concurency: 4\n"), "connectors.yaml");
  REQUIRE_FALSE(unknown.ok());
  CHECK_THAT(unknown.error().message,
             Catch::Contains("connectors.yaml:13: concurency: unknown key"));
  Result<SiasnConfig> unknownPath =
      parseSiasnConfig(YAML::Load("gateway_url: https://gw\npaths:\n  dataUtama: /x\n"), "c.yaml");
  REQUIRE_FALSE(unknownPath.ok());
  CHECK_THAT(unknownPath.error().message, Catch::Contains("c.yaml:3: dataUtama: unknown key"));
  Result<SiasnConfig> badType = parseSiasnConfig(
      YAML::Load("gateway_url: https://gw\nconcurrency: many\nconsumer_secret: very-secret\n"),
      "c.yaml");
  REQUIRE_FALSE(badType.ok());
  CHECK_THAT(badType.error().message, Catch::Contains("c.yaml:2: concurrency"));
  CHECK_THAT(badType.error().message, !Catch::Contains("very-secret"));
}

TEST_CASE("data-utama answers map to canonical records, tolerating field drift") {
  SiasnConfig config = validConfig();
  Result<DataUtamaMapper> mapper = DataUtamaMapper::load(kMappingFile, config.fieldAliases);
  REQUIRE(mapper.ok());
  using mappings::Field;

  SECTION("canonical values") {
    Result<MappedAnswer> m = mapper->map(kPerson, "GET /x");
    REQUIRE(m.ok());
    CHECK(m->record.key == "199001312015031002");
    CHECK(m->record.get(Field::kNip) == "199001312015031002");
    CHECK(m->record.get(Field::kNama) == "Ahmad Yani");
    CHECK(m->record.get(Field::kTglLahir) == "1990-01-31");
    CHECK(m->record.get(Field::kTmtCpns) == "2015-03-01");
    CHECK(m->record.get(Field::kGelarDepan).empty());
    CHECK(m->record.get(Field::kGolongan) == "31");
    CHECK(m->issues.empty());
    CHECK_THAT(m->json, Catch::StartsWith("{\"id\":\"0123"));
  }
  SECTION("drifted names") {
    std::string drifted = kPerson;
    for (auto [from, to] : {std::pair{"tglLahir", "tanggalLahir"},
                            {"noHp", "nomorHp"},
                            {"golRuangAkhirId", "golonganId"}})
      drifted.replace(drifted.find(from), std::string_view(from).size(), to);
    Result<MappedAnswer> m = mapper->map(drifted, "GET /x");
    REQUIRE(m.ok());
    CHECK(m->record.get(Field::kTglLahir) == "1990-01-31");
    CHECK(m->record.get(Field::kPhone) == "08123456789");
    CHECK(m->record.get(Field::kGolongan) == "31");
  }
  SECTION("malformed JSON names the request") {
    Result<MappedAnswer> m = mapper->map(R"({"data":{"nipBaru":"1990)", "GET https://gw/x");
    REQUIRE_FALSE(m.ok());
    CHECK(m.error().code == ErrorCode::kParse);
    CHECK_THAT(m.error().message, Catch::Contains("GET https://gw/x: malformed JSON"));
  }
  SECTION("an answer without data") {
    Result<MappedAnswer> m = mapper->map(R"({"code":1})", "GET /x");
    REQUIRE_FALSE(m.ok());
    CHECK_THAT(m.error().message, Catch::Contains("no \"data\" object"));
  }
  SECTION("a field problem is an issue, masked, and the record still counts") {
    std::string bad = kPerson;
    bad.replace(bad.find("31-01-1990"), 10, "31-13-1990");
    Result<MappedAnswer> m = mapper->map(bad, "GET /data-utama/199001312015031002");
    REQUIRE(m.ok());
    REQUIRE(m->issues.size() == 1);
    CHECK_THAT(m->issues[0], Catch::Contains("tglLahir"));
    CHECK_THAT(m->issues[0], !Catch::Contains("199001312015031002"));
  }
}

TEST_CASE("read-before-write recognises a history row by its natural key") {
  const WriteKind* kursus = findWriteKind("kursus");
  REQUIRE(kursus != nullptr);
  rapidjson::Document body = parse(R"({"pnsOrangId":"p1","namaKursus":"Pelatihan  SIASN",
    "tanggalKursus":"05-03-2024","jumlahJam":20,"nomorSertipikat":"A-1"})");
  SECTION("same name (case, spaces) and date in another layout") {
    rapidjson::Document rows = parse(R"([{"idPns":"p1","namaKursus":"pelatihan siasn",
      "tanggalKursus":"2024-03-05","noSertipikat":"other"}])");
    Result<bool> held = historyHolds(*kursus, body, rows);
    REQUIRE(held.ok());
    CHECK(*held);
  }
  SECTION("another date is another course") {
    rapidjson::Document rows =
        parse(R"([{"idPns":"p1","namaKursus":"Pelatihan SIASN","tanggalKursus":"06-03-2024"}])");
    CHECK_FALSE(*historyHolds(*kursus, body, rows));
  }
  SECTION("rows of another person: wrong targetKey") {
    rapidjson::Document rows = parse(R"([{"idPns":"p2","namaKursus":"x","tanggalKursus":"x"}])");
    Result<bool> held = historyHolds(*kursus, body, rows);
    REQUIRE_FALSE(held.ok());
    CHECK_THAT(held.error().message, Catch::Contains("targetKey"));
  }
  SECTION("a body without a key field is refused") {
    rapidjson::Document noDate = parse(R"({"pnsOrangId":"p1","namaKursus":"x"})");
    Result<std::string> key = naturalKeyOf(*kursus, noDate);
    REQUIRE_FALSE(key.ok());
    CHECK_THAT(key.error().message, Catch::Contains("tanggalKursus"));
  }
  SECTION("kinerjaperiodik: save names differ from row names, numbers as text or numbers") {
    const WriteKind* periodik = findWriteKind("kinerjaperiodik");
    rapidjson::Document b = parse(R"({"pnsDinilaiId":"p1","tahun":"2024",
      "bulanMulaiPenilaian":1,"bulanSelesaiPenilaian":3})");
    rapidjson::Document rows =
        parse(R"([{"pnsDinilaiId":"p1","tahun":2024,"bulanMulai":1,"bulanSelesai":3}])");
    CHECK(*historyHolds(*periodik, b, rows));
  }
  SECTION("jabatan compares only the id field the body gives") {
    const WriteKind* jabatan = findWriteKind("jabatan");
    rapidjson::Document b = parse(R"({"pnsId":"p1","tmtJabatan":"01-01-2020","unorId":"u1",
      "jenisJabatan":"4","jabatanFungsionalUmumId":"f9"})");
    rapidjson::Document rows = parse(R"([{"idPns":"p1","tmtJabatan":"01-01-2020","unorId":"u1",
      "jabatanStrukturalId":"","jabatanFungsionalId":"","jabatanFungsionalUmumId":"f9"}])");
    CHECK(*historyHolds(*jabatan, b, rows));
  }
  CHECK(findWriteKind("golongan") == nullptr);
}

TEST_CASE("data-utama-update is already present when every field has its value") {
  rapidjson::Document data =
      parse(R"({"id":"p1","email":"a@b.go.id","nomorHp":"0812","alamat":"Jl. Merdeka 1"})");
  CHECK(dataUtamaHolds(parse(R"({"pns_orang_id":"p1","email":"a@b.go.id","nomor_hp":"0812"})"),
                       data));
  CHECK_FALSE(dataUtamaHolds(parse(R"({"pns_orang_id":"p1","email":"c@b.go.id"})"), data));
  CHECK_FALSE(dataUtamaHolds(parse(R"({"pns_orang_id":"p1","unknown":"x"})"), data));
  CHECK_FALSE(dataUtamaHolds(parse(R"({"pns_orang_id":"p1"})"), data));
}
