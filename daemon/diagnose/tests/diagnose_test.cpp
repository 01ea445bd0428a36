// Diagnoser over a crafted SQLite store: one person per planted problem, each check asserted
// with its status and fix, plus look-ups by NIK, by name + birth date, and an unknown person.
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <soci/soci.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>

#include "sinkron/diagnose/diagnoser.hpp"
#include "sinkron/diagnose/report_render.hpp"
#include "sinkron/test/database_server.hpp"

namespace fs = std::filesystem;
using namespace sinkron;
using namespace sinkron::diagnose;

namespace {

using Fields = std::map<std::string, std::string>;

struct TempDir {
  fs::path path =
      fs::temp_directory_path() / ("sinkron-diagnose-" + std::to_string(::getpid()) + "-" +
                                   std::to_string(reinterpret_cast<std::uintptr_t>(this)));
  TempDir() { fs::create_directories(path); }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string toJsonText(const Fields& f) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  w.StartObject();
  for (const auto& [k, v] : f) {
    if (v.empty()) continue;
    w.Key(k.c_str());
    w.String(v.c_str());
  }
  w.EndObject();
  return sb.GetString();
}

std::string two(int n) {
  char b[8];
  std::snprintf(b, sizeof b, "%02d", n);
  return b;
}

// Person n: male, born 1980-01-(n), TMT CPNS 2005-01, NIP and NIK consistent with that.
Fields cleanPerson(int n, const std::string& nama) {
  char serial[8];
  std::snprintf(serial, sizeof serial, "%03d", n);
  const std::string dd = two(n);
  return {{"nip", "198001" + dd + "200501" + "1" + serial},
          {"nik", "340401" + dd + "0180" + "00" + two(n)},
          {"nama", nama},
          {"tgl_lahir", "1980-01-" + dd},
          {"jenis_kelamin", "M"},
          {"tmt_cpns", "2005-01-01"},
          {"kedudukan", "01"},
          {"status_pegawai", "PNS"},
          {"jenis_jabatan", "4"},
          {"jabatan", "Analis Kepegawaian"},
          {"jabatan_id", "J" + dd},
          {"unit", "Badan Kepegawaian Daerah"},
          {"unit_id", "U" + dd},
          {"email", "pegawai" + dd + "@kab.go.id"},
          {"phone", "08120000" + dd},
          {"person_id", "a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4" + dd}};
}

class Fixture {
 public:
  // SQLite in a temp dir by default; PostgreSQL when given the options of a test server.
  explicit Fixture(std::optional<store::StoreOptions> options = std::nullopt) {
    store::StoreOptions o;
    o.connect = (dir_.path / "state.db").string();
    if (options) o = *options;
    auto s = store::StateStore::open(o);
    REQUIRE(s);
    store_ = std::move(*s);
  }
  soci::session& sql() { return store_->session(); }
  store::StateStore& store() { return *store_; }

  long long employee(const std::string& nip) {
    const long long id = ++nextEmployee_;
    sql() << "INSERT INTO employees (id, nip, name, canonical_json, created_at, updated_at) "
             "VALUES (:i, :n, 'x', '{}', 0, 0)",
        soci::use(id), soci::use(nip);
    return id;
  }
  void record(const std::string& connector, const std::string& stream, const std::string& key,
              const Fields& f, long long employeeId, const std::string& decision) {
    const std::string json = toJsonText(f);
    soci::indicator ind = employeeId ? soci::i_ok : soci::i_null;
    sql() << "INSERT INTO source_records (connector, stream, source_key, employee_id, "
             "content_hash, record_json, updated_at) VALUES (:c, :s, :k, :e, 'h', :j, 0)",
        soci::use(connector), soci::use(stream), soci::use(key), soci::use(employeeId, ind),
        soci::use(json);
    if (employeeId)
      sql() << "INSERT INTO links (connector, source_key, employee_id, decision, score, "
               "explanation, decided_by, updated_at) VALUES (:c, :k, :e, :d, 0.97, :d2, "
               "'sinkron', 0)",
          soci::use(connector), soci::use(key), soci::use(employeeId), soci::use(decision),
          soci::use(decision);
  }
  // A person in both systems, linked as one employee.
  void both(const std::string& simpegKey, const Fields& simpeg, const Fields& siasn) {
    const long long e = employee(siasn.at("nip"));
    record("simpeg", "pegawai", simpegKey, simpeg, e, "match");
    record("siasn", "data-utama", siasn.at("nip"), siasn, e, "match");
  }
  void outbox(const std::string& connector, const std::string& target, const std::string& natural,
              const std::string& status, const std::string& error) {
    sql() << "INSERT INTO outbox (connector, kind, target_key, natural_key, payload, status, "
             "attempts, next_attempt_at, last_error, created_at) VALUES (:c, 'data-utama-update', "
             ":t, :n, '{}', :s, 3, 0, :e, 0)",
        soci::use(connector), soci::use(target), soci::use(natural), soci::use(status),
        soci::use(error);
  }

 private:
  TempDir dir_;
  std::unique_ptr<store::StateStore> store_;
  long long nextEmployee_ = 0;
};

const Check& findCheck(const DiagnoseReport& r, const std::string& code,
                       const std::string& system) {
  for (const Check& c : r.checks)
    if (c.code == code && c.system == system) return c;
  FAIL("no check " << code << " for '" << system << "'");
  throw std::logic_error("unreachable");
}

std::size_t failures(const DiagnoseReport& r) {
  std::size_t n = 0;
  for (const Check& c : r.checks) n += c.status == CheckStatus::kFail;
  return n;
}

DiagnoseReport run(Fixture& f, const std::string& nip) {
  DiagnoseSettings s;
  s.asOf = {2026, 11, 23};
  Diagnoser d(f.store(), s);
  auto r = d.diagnose({nip, "", "", ""});
  REQUIRE(r);
  return *r;
}

// The population: person n has exactly the problem its comment names.
void populate(Fixture& f) {
  const Fields p1 = cleanPerson(1, "Ahmad Yani");
  f.both("P01", p1, p1);  // clean

  Fields p2 = cleanPerson(2, "Budi Santoso");  // birth date disagrees with the NIP (NIK agrees)
  p2["tgl_lahir"] = "1980-01-12";
  p2["nik"] = "3404011201800002";
  f.both("P02", p2, p2);

  Fields p3 = cleanPerson(3, "Citra Lestari");  // invalid NIK
  p3["nik"] = "12345";
  f.both("P03", p3, p3);

  Fields p4 = cleanPerson(4, "Dedi Kurniawan");  // past retirement age (born 1960, BUP 58)
  p4["nip"] = "196001042005011004";
  p4["tgl_lahir"] = "1960-01-04";
  p4["nik"] = "3404010401600004";
  f.both("P04", p4, p4);

  Fields p5 = cleanPerson(5, "Eko Prasetyo");  // no position anywhere
  p5.erase("jabatan");
  p5.erase("jabatan_id");
  f.both("P05", p5, p5);

  const Fields p6 = cleanPerson(6, "Fajar Nugroho");  // no unorId on SIASN
  Fields p6siasn = p6;
  p6siasn.erase("unit_id");
  f.both("P06", p6, p6siasn);

  Fields p7 = cleanPerson(7, "Gita Permata");  // empty email
  p7.erase("email");
  f.both("P07", p7, p7);

  const Fields p8 = cleanPerson(8, "Hadi Wijaya");  // email shared with another SIMPEG record
  f.both("P08", p8, p8);
  Fields other = cleanPerson(18, "Joko Susilo");
  other["email"] = p8.at("email");
  f.record("simpeg", "pegawai", "P18", other, f.employee(other.at("nip")), "only_left");

  const Fields p9 = cleanPerson(9, "Indah Sari");  // names disagree between the systems
  Fields p9simpeg = p9;
  p9simpeg["nama"] = "Indah Sarinah";
  f.both("P09", p9simpeg, p9);

  const Fields p10 = cleanPerson(10, "Kurnia Dewi");  // a dead-lettered and a pending push
  f.both("P10", p10, p10);
  f.outbox("siasn", p10.at("nip"), "nk-10-dead", "dead", "SIASN said: unorId tidak ditemukan");
  f.outbox("simpeg", "P10", "nk-10-pending", "pending", "");
  f.outbox("simpeg", "P10", "nk-10-done", "delivered", "");

  const Fields p11 = cleanPerson(11, "Lukman Hakim");  // only in SIMPEG
  f.record("simpeg", "pegawai", "P11", p11, f.employee(p11.at("nip")), "only_left");

  // SIASN holds the NIP; SIMPEG mistyped its last digit, so the link step kept them apart.
  const Fields p12 = cleanPerson(12, "Mega Utami");
  Fields p12simpeg = p12;
  p12simpeg["nip"] = p12.at("nip").substr(0, 17) + "9";
  f.record("siasn", "data-utama", p12.at("nip"), p12, f.employee(p12.at("nip")), "only_right");
  f.record("simpeg", "pegawai", "P12", p12simpeg, f.employee(p12simpeg.at("nip")), "only_left");

  // SIMPEG owns the email and it differs from SIASN's.
  const Fields p13 = cleanPerson(13, "Nanda Putra");
  Fields p13siasn = p13;
  p13siasn["email"] = "lama13@kab.go.id";
  f.both("P13", p13, p13siasn);
}

}  // namespace

TEST_CASE("Diagnose: a clean person passes every check", "[diagnose]") {
  Fixture f;
  populate(f);
  const DiagnoseReport r = run(f, cleanPerson(1, "").at("nip"));
  REQUIRE(r.found);
  CHECK(r.nama == "Ahmad Yani");
  REQUIRE(r.systems.size() == 2);
  CHECK(r.systems[0].found);
  CHECK(r.systems[0].sourceKey == "P01");
  CHECK(r.systems[0].linkDecision == "match");
  CHECK(r.systems[1].found);
  CHECK(r.systems[1].employeeId == r.systems[0].employeeId);
  CHECK(r.checks.size() > 15);
  for (const Check& c : r.checks) {
    INFO(c.code << " " << c.system << ": " << c.message.en);
    if (c.code == "supervisor") {
      CHECK(c.status == CheckStatus::kSkip);
      CHECK(c.message.en.find("no supervisor data in the store yet") != std::string::npos);
    } else if (c.code == "unit_mapped" && c.system == "simpeg") {
      CHECK(c.status == CheckStatus::kSkip);  // no SIMPEG unit table in this store
    } else {
      CHECK(c.status == CheckStatus::kPass);
      CHECK(c.offeredFixes.empty());
    }
  }
  CHECK(r.pushes.empty());
  CHECK(r.notes.empty());
}

TEST_CASE("Diagnose: each planted problem fails its own check", "[diagnose]") {
  Fixture f;
  populate(f);

  SECTION("NIP disagrees with the birth date") {
    const auto r = run(f, cleanPerson(2, "").at("nip"));
    const Check& c = findCheck(r, "nip_consistent", "simpeg");
    CHECK(c.status == CheckStatus::kFail);
    CHECK(c.message.id.find("tanggal lahir") != std::string::npos);
    CHECK(c.fix.en.find("BKN") != std::string::npos);
    CHECK(findCheck(r, "nik_valid", "simpeg").status == CheckStatus::kPass);
    CHECK(findCheck(r, "identity_agreement", "").status == CheckStatus::kPass);
  }
  SECTION("invalid NIK") {
    const auto r = run(f, cleanPerson(3, "").at("nip"));
    const Check& c = findCheck(r, "nik_valid", "siasn");
    CHECK(c.status == CheckStatus::kFail);
    CHECK(c.fix.id.find("KTP") != std::string::npos);
    CHECK(findCheck(r, "nip_consistent", "siasn").status == CheckStatus::kPass);
  }
  SECTION("past retirement age") {
    const auto r = run(f, "196001042005011004");
    const Check& c = findCheck(r, "retirement_age", "simpeg");
    CHECK(c.status == CheckStatus::kFail);
    CHECK(c.message.en.find("age 66, BUP 58") != std::string::npos);
    CHECK(c.fix.id.find("pensiun") != std::string::npos);
    CHECK(findCheck(r, "active_status", "simpeg").status == CheckStatus::kPass);
    CHECK(failures(r) == 2);  // SIMPEG and SIASN
  }
  SECTION("no position") {
    const auto r = run(f, cleanPerson(5, "").at("nip"));
    CHECK(findCheck(r, "position_set", "simpeg").status == CheckStatus::kFail);
    const Check& mapped = findCheck(r, "position_mapped", "siasn");
    CHECK(mapped.status == CheckStatus::kFail);
    CHECK(mapped.fix.en.find("SIASN position id") != std::string::npos);
    CHECK(failures(r) == 2);
  }
  SECTION("no unit id on SIASN") {
    const auto r = run(f, cleanPerson(6, "").at("nip"));
    const Check& c = findCheck(r, "unit_mapped", "siasn");
    CHECK(c.status == CheckStatus::kFail);
    CHECK(c.fix.id.find("unorId") != std::string::npos);
    CHECK(findCheck(r, "unit_set", "simpeg").status == CheckStatus::kPass);
    CHECK(failures(r) == 1);
  }
  SECTION("empty email") {
    const auto r = run(f, cleanPerson(7, "").at("nip"));
    CHECK(findCheck(r, "email_set", "simpeg").status == CheckStatus::kFail);
    CHECK(findCheck(r, "email_set", "siasn").status == CheckStatus::kFail);
    CHECK(findCheck(r, "email_unique", "simpeg").status == CheckStatus::kSkip);
    CHECK(failures(r) == 2);
  }
  SECTION("email used by another employee") {
    const auto r = run(f, cleanPerson(8, "").at("nip"));
    const Check& c = findCheck(r, "email_unique", "simpeg");
    CHECK(c.status == CheckStatus::kFail);
    CHECK(c.message.en.find("P18") != std::string::npos);
    CHECK(findCheck(r, "email_unique", "siasn").status == CheckStatus::kPass);
    CHECK(failures(r) == 1);
  }
  SECTION("SIMPEG and SIASN disagree on the name") {
    const auto r = run(f, cleanPerson(9, "").at("nip"));
    const Check& c = findCheck(r, "identity_agreement", "");
    CHECK(c.status == CheckStatus::kFail);
    CHECK(c.message.en.find("nama SIMPEG 'indah sarinah' / SIASN 'indah sari'") !=
          std::string::npos);
    CHECK(c.offeredFixes.empty());  // names are corrected by a person, not pushed
    CHECK(failures(r) == 1);
  }
  SECTION("dead-lettered push") {
    const auto r = run(f, cleanPerson(10, "").at("nip"));
    const Check& c = findCheck(r, "pushes", "");
    CHECK(c.status == CheckStatus::kFail);
    CHECK(c.fix.en.find("dlq replay") != std::string::npos);
    REQUIRE(r.pushes.size() == 2);  // the delivered one is not listed
    CHECK(r.pushes[0].naturalKey == "nk-10-pending");
    CHECK(r.pushes[1].status == "dead");
    CHECK(r.pushes[1].lastError.find("unorId") != std::string::npos);
    CHECK(failures(r) == 1);
  }
  SECTION("missing in SIASN") {
    const auto r = run(f, cleanPerson(11, "").at("nip"));
    CHECK(r.found);
    CHECK(r.systems[0].found);
    CHECK(r.systems[0].linkDecision == "only_left");
    CHECK_FALSE(r.systems[1].found);
    const Check& c = findCheck(r, "presence", "siasn");
    CHECK(c.status == CheckStatus::kFail);
    CHECK(c.message.en.find("e-Kinerja does not know") != std::string::npos);
    CHECK(findCheck(r, "identity_agreement", "").status == CheckStatus::kSkip);
    CHECK(failures(r) == 1);
  }
  SECTION("SIMPEG NIP one digit off: found, flagged, and the SIASN NIP offered as a patch") {
    const std::string nip = cleanPerson(12, "").at("nip");
    const auto r = run(f, nip);
    REQUIRE(r.systems[0].found);
    CHECK(r.systems[0].sourceKey == "P12");
    CHECK(r.systems[0].nipOneDigitOff);
    CHECK_FALSE(r.systems[1].nipOneDigitOff);
    CHECK(findCheck(r, "presence", "simpeg").status == CheckStatus::kWarn);
    const Check& c = findCheck(r, "identity_agreement", "");
    CHECK(c.status == CheckStatus::kFail);
    REQUIRE(c.offeredFixes.size() == 1);
    const OfferedFix& fix = c.offeredFixes[0];
    CHECK(fix.connector == "simpeg");
    CHECK(fix.kind == "pegawai-patch");
    CHECK(fix.targetKey == "P12");
    CHECK(fix.naturalKey == "pegawai|P12|nip_baru=" + nip);
    CHECK(fix.json == "{\"nip_baru\":\"" + nip + "\"}");
  }
  SECTION("two swapped digits count as one digit off") {
    const Fields p14 = cleanPerson(14, "Oktavia Rahma");
    f.record("simpeg", "pegawai", "P14", p14, f.employee(p14.at("nip")), "only_left");
    std::string asked = p14.at("nip");
    std::swap(asked[16], asked[17]);  // ...1014 asked as ...1041
    const auto r = run(f, asked);
    REQUIRE(r.systems[0].found);
    CHECK(r.systems[0].sourceKey == "P14");
    CHECK(r.systems[0].nipOneDigitOff);
    CHECK(findCheck(r, "presence", "simpeg").status == CheckStatus::kWarn);
    CHECK(findCheck(r, "presence", "siasn").status == CheckStatus::kFail);
  }
  SECTION("SIMPEG-owned email differs: a data-utama-update is offered") {
    const Fields p13 = cleanPerson(13, "");
    const auto r = run(f, p13.at("nip"));
    const Check& c = findCheck(r, "contact_agreement", "");
    CHECK(c.status == CheckStatus::kWarn);
    REQUIRE(c.offeredFixes.size() == 1);
    const OfferedFix& fix = c.offeredFixes[0];
    CHECK(fix.connector == "siasn");
    CHECK(fix.kind == "data-utama-update");
    CHECK(fix.targetKey == p13.at("nip"));
    CHECK(fix.naturalKey ==
          "data-utama-update|" + p13.at("person_id") + "|email=" + p13.at("email"));
    CHECK(fix.json == "{\"pns_orang_id\":\"" + p13.at("person_id") + "\",\"email\":\"" +
                          p13.at("email") + "\"}");
    CHECK(failures(r) == 0);
  }
}

TEST_CASE("Diagnose: look-ups by NIK, by name + birth date, and nobody", "[diagnose]") {
  Fixture f;
  populate(f);
  DiagnoseSettings s;
  s.asOf = {2026, 11, 23};
  Diagnoser d(f.store(), s);
  const Fields p1 = cleanPerson(1, "Ahmad Yani");

  SECTION("by NIK") {
    auto r = d.diagnose({"", p1.at("nik"), "", ""});
    REQUIRE(r);
    REQUIRE(r->found);
    CHECK(r->systems[0].sourceKey == "P01");
    CHECK(r->systems[1].sourceKey == p1.at("nip"));
    CHECK(r->query.find(p1.at("nik")) == std::string::npos);  // masked
  }
  SECTION("by name with titles and another spelling, and a dd-mm-yyyy birth date") {
    auto r = d.diagnose({"", "", "Dr. AHMAD YANI, S.Pd.", "01-01-1980"});
    REQUIRE(r);
    REQUIRE(r->found);
    CHECK(r->systems[0].sourceKey == "P01");
    CHECK(r->systems[1].found);
  }
  SECTION("namesakes born the same day: the first is reported, the others named in a note") {
    Fields namesake = cleanPerson(1, "H. Ahmad Yani");
    namesake["nip"] = "198001012010011077";
    namesake["nik"] = "3404020101800077";
    f.record("simpeg", "pegawai", "P77", namesake, 0, "");
    auto r = d.diagnose({"", "", "Ahmad Yani", "1980-01-01"});
    REQUIRE(r);
    REQUIRE(r->found);
    CHECK(r->systems[0].sourceKey == "P01");
    REQUIRE(r->notes.size() == 1);
    // The other person by masked NIP, name and record key, in both languages.
    CHECK(r->notes[0].en ==
          "also matches this query: NIP 19800101******1077 H. Ahmad Yani (SIMPEG P77)");
    CHECK(r->notes[0].id ==
          "Juga cocok dengan pencarian ini: NIP 19800101******1077 H. Ahmad Yani (SIMPEG P77)");
    CHECK(toText(*r, Lang::kEn).find("19800101******1077 H. Ahmad Yani") != std::string::npos);
    CHECK(toJson(*r).find("198001012010011077") == std::string::npos);
  }
  SECTION("a namesake in both systems is named by both keys, the SIASN one masked") {
    Fields namesake = cleanPerson(1, "Ahmad Yani");
    namesake["nip"] = "198001012010011077";
    namesake["nik"] = "3404020101800077";
    f.both("P77", namesake, namesake);
    auto r = d.diagnose({"", "", "Ahmad Yani", "1980-01-01"});
    REQUIRE(r);
    REQUIRE(r->notes.size() == 1);
    CHECK(r->notes[0].en ==
          "also matches this query: NIP 19800101******1077 Ahmad Yani (SIMPEG "
          "P77, SIASN 19800101******1077)");
  }
  SECTION("records of other systems linked to the person are no extra match: no empty note") {
    // A training participant and an attendance row linked to person 1's employee.
    long long e = 0;
    f.sql() << "SELECT employee_id FROM source_records WHERE source_key = 'P01'", soci::into(e);
    REQUIRE(e > 0);
    f.record("training", "peserta", "T01", {{"nip", p1.at("nip")}, {"nama", "Ahmad Yani"}}, e,
             "match");
    f.record("attendance", "users", "PIN-1", {{"nip", p1.at("nip")}}, e, "match");
    auto r = d.diagnose({p1.at("nip"), "", "", ""});
    REQUIRE(r);
    REQUIRE(r->found);
    CHECK(r->systems[0].sourceKey == "P01");
    CHECK(r->notes.empty());
    CHECK(toText(*r, Lang::kEn).find("also matches") == std::string::npos);
  }
  SECTION("a SIMPEG record not linked yet is still found by its exact NIP") {
    Fields unlinked = cleanPerson(20, "Oki Saputra");
    f.record("simpeg", "pegawai", "P20", unlinked, 0, "");
    auto r = d.diagnose({unlinked.at("nip"), "", "", ""});
    REQUIRE(r);
    REQUIRE(r->found);
    CHECK(r->systems[0].sourceKey == "P20");
    CHECK_FALSE(r->systems[0].employeeId);
    CHECK(r->systems[0].linkDecision.empty());
  }
  SECTION("a name on the right birth date but of someone else is not found") {
    auto r = d.diagnose({"", "", "Budi Santoso", "1980-01-01"});
    REQUIRE(r);
    CHECK_FALSE(r->found);
  }
  SECTION("an unknown NIP is a report, not an error") {
    auto r = d.diagnose({"199912312020121001", "", "", ""});
    REQUIRE(r);
    CHECK_FALSE(r->found);
    CHECK(r->checks.empty());
    REQUIRE(r->notes.size() == 1);
    CHECK(r->notes[0].en == "not found in any system (SIMPEG, SIASN)");
    CHECK(r->notes[0].id.find("Tidak ditemukan") != std::string::npos);
    CHECK_FALSE(r->systems[0].found);
    CHECK_FALSE(r->systems[1].found);
    CHECK(toText(*r, Lang::kEn).find("not found in any system") != std::string::npos);
  }
  SECTION("invalid queries are errors") {
    CHECK_FALSE(d.diagnose({}));
    CHECK_FALSE(d.diagnose({"12345", "", "", ""}));
    CHECK_FALSE(d.diagnose({"", "34040101018", "", ""}));
    CHECK_FALSE(d.diagnose({"", "", "Ahmad Yani", ""}));
    CHECK_FALSE(d.diagnose({"", "", "Ahmad Yani", "1980-13-45"}));
    auto both = d.diagnose({p1.at("nip"), p1.at("nik"), "", ""});
    REQUIRE_FALSE(both);
    CHECK(both.error().code == ErrorCode::kInvalidArgument);
  }
}

TEST_CASE("Diagnose: text and JSON renderings mask every NIP and NIK", "[diagnose][render]") {
  Fixture f;
  populate(f);
  const std::string nip = cleanPerson(12, "").at("nip");
  const DiagnoseReport r = run(f, nip);

  const std::string id = toText(r, Lang::kId), en = toText(r, Lang::kEn);
  CHECK(id.find(nip) == std::string::npos);
  CHECK(en.find(nip) == std::string::npos);
  CHECK(id.find(nip.substr(0, 8)) != std::string::npos);  // the masked form keeps the head
  CHECK(id.find("Pemeriksaan") != std::string::npos);
  CHECK(id.find("Perbaikan:") != std::string::npos);
  CHECK(en.find("Fix:") != std::string::npos);
  CHECK(en.find("identity_agreement") != std::string::npos);

  const std::string json = toJson(r);
  CHECK(json.find(nip) == std::string::npos);
  rapidjson::Document d;
  d.Parse(json.c_str());
  REQUIRE_FALSE(d.HasParseError());
  CHECK(d["found"].GetBool());
  REQUIRE(d["systems"].Size() == 2);
  CHECK(d["systems"][0]["nip_one_digit_off"].GetBool());
  bool sawFix = false;
  for (const auto& c : d["checks"].GetArray()) {
    CHECK(c["message"].HasMember("id"));
    CHECK(c["message"].HasMember("en"));
    if (c["offered_fixes"].Size() > 0) {
      sawFix = true;
      CHECK(std::string(c["offered_fixes"][0]["kind"].GetString()) == "pegawai-patch");
    }
  }
  CHECK(sawFix);
  CHECK(parseLang("id") == Lang::kId);
  CHECK(parseLang("en") == Lang::kEn);
  CHECK_FALSE(parseLang("fr"));
}

TEST_CASE("Diagnose on a PostgreSQL store finds the same problems", "[diagnose][db]") {
  auto server = test::TestDatabaseServer::start(test::TestDatabaseServer::Kind::kPostgreSql);
  REQUIRE(server);
  store::StoreOptions o;
  o.backend = store::Backend::kPostgreSql;
  o.connect = (*server)->sociConnectString();
  Fixture f(o);
  populate(f);

  const auto clean = run(f, cleanPerson(1, "").at("nip"));
  CHECK(failures(clean) == 0);
  CHECK(clean.systems[0].linkScore == Approx(0.97));
  const auto offByOne = run(f, cleanPerson(12, "").at("nip"));
  CHECK(offByOne.systems[0].nipOneDigitOff);
  CHECK(findCheck(offByOne, "identity_agreement", "").offeredFixes.size() == 1);
  CHECK(findCheck(run(f, cleanPerson(8, "").at("nip")), "email_unique", "simpeg").status ==
        CheckStatus::kFail);
  const auto pushes = run(f, cleanPerson(10, "").at("nip"));
  CHECK(pushes.pushes.size() == 2);

  DiagnoseSettings s;
  s.asOf = {2026, 11, 23};
  Diagnoser d(f.store(), s);
  auto byNik = d.diagnose({"", cleanPerson(1, "").at("nik"), "", ""});
  REQUIRE(byNik);
  CHECK(byNik->systems[0].sourceKey == "P01");
  auto byName = d.diagnose({"", "", "Ahmad Yani", "1980-01-01"});
  REQUIRE(byName);
  CHECK(byName->found);
}

namespace {

// SIMPEG's post table as the connector stores it: raw rows, id_j and id_bos as numbers.
void post(Fixture& f, const std::string& idJ, const std::string& nama, const std::string& idBos) {
  const std::string json = "{\"id_j\":" + idJ + ",\"nama_jabatan\":\"" + nama +
                           "\",\"id_bos\":" + (idBos.empty() ? "null" : idBos) + "}";
  f.sql() << "INSERT INTO source_records (connector, stream, source_key, content_hash, "
             "record_json, updated_at) VALUES ('simpeg', 'jabatan', :k, 'h', :j, 0)",
      soci::use(idJ), soci::use(json);
}

Fields withPost(Fields p, const std::string& idJ) {
  p["jabatan_id"] = idJ;
  return p;
}

}  // namespace

TEST_CASE("Diagnose: supervisor set, existing and active", "[diagnose][supervisor]") {
  Fixture f;
  post(f, "100300", "Kepala Badan", "");
  post(f, "100001", "Analis", "100300");
  post(f, "200399", "Kepala Bidang (dihapus)", "100300");
  post(f, "200001", "Pengadministrasi", "200399");
  post(f, "300050", "Kepala Seksi", "100300");
  post(f, "300001", "Pengelola", "300050");
  post(f, "400001", "Pranata", "999999");
  post(f, "500050", "Kepala Subbagian", "100300");
  post(f, "500001", "Verifikator", "500050");
  const Fields head = withPost(cleanPerson(20, "Kepala Badan"), "100300");
  f.both("P20", head, head);
  const Fields active = withPost(cleanPerson(21, "Staf Aktif"), "100001");
  f.both("P21", active, active);
  const Fields orphan = withPost(cleanPerson(22, "Staf Yatim"), "200001");
  f.both("P22", orphan, orphan);
  Fields retired = withPost(cleanPerson(23, "Kasi Pensiun"), "300050");
  retired["kedudukan"] = "99";
  f.both("P23", retired, retired);
  const Fields underRetired = withPost(cleanPerson(24, "Staf Seksi"), "300001");
  f.both("P24", underRetired, underRetired);
  const Fields noBossRow = withPost(cleanPerson(25, "Staf Lepas"), "400001");
  f.both("P25", noBossRow, noBossRow);
  const Fields simpegOnlyBoss = withPost(cleanPerson(26, "Kasubag"), "500050");
  f.record("simpeg", "pegawai", "P26", simpegOnlyBoss, f.employee(simpegOnlyBoss.at("nip")),
           "only_left");
  const Fields underSimpegOnly = withPost(cleanPerson(27, "Verifikator"), "500001");
  f.both("P27", underSimpegOnly, underSimpegOnly);

  auto supervisor = [&](const Fields& p) {
    const auto r = run(f, p.at("nip"));
    return findCheck(r, "supervisor", "simpeg");
  };
  SECTION("an active supervisor present in SIASN passes") {
    const Check c = supervisor(active);
    CHECK(c.status == CheckStatus::kPass);
    CHECK(c.message.en.find("Kepala Badan") != std::string::npos);
  }
  SECTION("the top post has no supervisor and passes") {
    CHECK(supervisor(head).status == CheckStatus::kPass);
  }
  SECTION("a supervisor post nobody holds (abolished) fails with the fix") {
    const Check c = supervisor(orphan);
    CHECK(c.status == CheckStatus::kFail);
    CHECK(c.message.en.find("nobody holds") != std::string::npos);
    CHECK(c.fix.id.find("id_bos") != std::string::npos);
    CHECK(c.fix.en.find("id_bos") != std::string::npos);
  }
  SECTION("a supervisor post held only by a retired employee fails") {
    const Check c = supervisor(underRetired);
    CHECK(c.status == CheckStatus::kFail);
    CHECK(c.message.en.find("not active") != std::string::npos);
    CHECK(c.message.en.find("Kasi Pensiun (99)") != std::string::npos);
  }
  SECTION("a supervisor post missing from the post table fails") {
    const Check c = supervisor(noBossRow);
    CHECK(c.status == CheckStatus::kFail);
    CHECK(c.message.en.find("999999") != std::string::npos);
  }
  SECTION("a supervisor not in SIASN fails") {
    const Check c = supervisor(underSimpegOnly);
    CHECK(c.status == CheckStatus::kFail);
    CHECK(c.message.en.find("not in SIASN") != std::string::npos);
  }
}

TEST_CASE("Diagnose: a fix already in the outbox is shown, not offered again",
          "[diagnose][outbox]") {
  Fixture f;
  populate(f);
  auto queue = [&](const OfferedFix& fix, const std::string& status) {
    long long deliveredAt = 1'790'000'000'000;
    soci::indicator ind = status == "delivered" ? soci::i_ok : soci::i_null;
    f.sql() << "INSERT INTO outbox (connector, kind, target_key, natural_key, payload, status, "
               "attempts, next_attempt_at, created_at, delivered_at) VALUES (:c, :k, :t, :n, :p, "
               ":s, 1, 0, 0, :d)",
        soci::use(fix.connector), soci::use(fix.kind), soci::use(fix.targetKey),
        soci::use(fix.naturalKey), soci::use(fix.json), soci::use(status),
        soci::use(deliveredAt, ind);
  };
  SECTION("a failing check whose fix is pending becomes a warning naming the outbox entry") {
    const std::string nip = cleanPerson(12, "").at("nip");
    const OfferedFix offered = findCheck(run(f, nip), "identity_agreement", "").offeredFixes.at(0);
    CHECK(offered.outboxStatus.empty());
    CHECK(offered.fixId().size() == 16);
    queue(offered, "pending");
    const auto r = run(f, nip);
    const Check& c = findCheck(r, "identity_agreement", "");
    CHECK(c.status == CheckStatus::kWarn);
    REQUIRE(c.offeredFixes.size() == 1);
    CHECK(c.offeredFixes[0].outboxStatus == "pending");
    CHECK(c.offeredFixes[0].outboxId > 0);
    CHECK(c.message.en.find("fix already queued or delivered") != std::string::npos);
    CHECK(c.fix.en.find("--refresh") != std::string::npos);
    const std::string text = toText(r, Lang::kEn);
    CHECK(text.find("Queued #") != std::string::npos);
    CHECK(text.find("needs approval") == std::string::npos);
  }
  SECTION("a delivered fix shows when it was delivered") {
    const std::string nip = cleanPerson(13, "").at("nip");
    const OfferedFix offered = findCheck(run(f, nip), "contact_agreement", "").offeredFixes.at(0);
    queue(offered, "delivered");
    const auto r = run(f, nip);
    const OfferedFix& shown = findCheck(r, "contact_agreement", "").offeredFixes.at(0);
    CHECK(shown.outboxStatus == "delivered");
    CHECK(shown.deliveredAtMs == 1'790'000'000'000);
    CHECK(toText(r, Lang::kId).find("Sudah terkirim #") != std::string::npos);
    rapidjson::Document d;
    d.Parse(toJson(r).c_str());
    REQUIRE(d.IsObject());
    bool seen = false;
    for (const auto& c : d["checks"].GetArray())
      for (const auto& x : c["offered_fixes"].GetArray()) {
        CHECK(std::string(x["state"].GetString()) == "delivered");
        CHECK(x["delivered_at_ms"].GetInt64() == 1'790'000'000'000);
        seen = true;
      }
    CHECK(seen);
    CHECK(std::string(d["agency"].GetString()) == "U13");
  }
}

TEST_CASE("Diagnose: the SIMPEG unit is mapped to a SIASN unor", "[diagnose][unit]") {
  Fixture f;
  auto unit = [&](const std::string& id, const std::string& unor) {
    const std::string json = "{\"id_unit_kerja\":" + id + ",\"nama\":\"Dinas " + id +
                             "\",\"id_unor_bkn\":" + (unor.empty() ? "null" : "\"" + unor + "\"") +
                             "}";
    f.sql() << "INSERT INTO source_records (connector, stream, source_key, content_hash, "
               "record_json, updated_at) VALUES ('simpeg', 'unit-kerja', :k, 'h', :j, 0)",
        soci::use(id), soci::use(json);
  };
  unit("101", "A1B2");
  unit("102", "");
  Fields mapped = cleanPerson(1, "Ahmad Yani");
  mapped["unit_id"] = "101";
  f.both("P01", mapped, mapped);
  Fields unmapped = cleanPerson(2, "Budi Santoso");
  unmapped["unit_id"] = "102";
  f.both("P02", unmapped, unmapped);
  CHECK(findCheck(run(f, mapped.at("nip")), "unit_mapped", "simpeg").status == CheckStatus::kPass);
  const Check c = findCheck(run(f, unmapped.at("nip")), "unit_mapped", "simpeg");
  CHECK(c.status == CheckStatus::kFail);
  CHECK(c.message.en.find("Dinas 102") != std::string::npos);
  CHECK(c.fix.id.find("id_unor_bkn") != std::string::npos);
}
