#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <thread>
#include <vector>

#include "sinkron/mappings/mapping.hpp"

using namespace sinkron::mappings;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

const std::string kMappingsDir = std::string(SINKRON_SOURCE_DIR) + "/deploy/mappings/";

Mapping mustParse(std::string_view yaml) {
  auto m = Mapping::parse(yaml, "t.yaml");
  if (!m) FAIL(m.error().message);
  return std::move(m).value();
}

std::string errorOf(std::string_view yaml) {
  auto m = Mapping::parse(yaml, "t.yaml");
  REQUIRE_FALSE(m.ok());
  return m.error().message;
}

// Values by source field name, laid out in the mapping's slot order.
struct Row {
  std::vector<std::string> owned;
  std::vector<std::string_view> slots;
  Row(const Mapping& m, const std::map<std::string, std::string>& values) {
    for (const std::string& name : m.inputFields()) {
      const auto it = values.find(name);
      owned.push_back(it == values.end() ? std::string() : it->second);
    }
    slots.assign(owned.begin(), owned.end());
  }
};

struct Applied {
  EmployeeRecord record;
  std::vector<FieldIssue> issues;
};

Applied applyTo(const Mapping& m, const std::map<std::string, std::string>& values) {
  Applied a;
  const Row row(m, values);
  m.apply(row.slots, a.record, a.issues);
  return a;
}

constexpr std::string_view kHeader = "source: t\nformat: csv\n";

}  // namespace

TEST_CASE("shipped SIMPEG mapping maps an export row", "[mappings]") {
  auto loaded = Mapping::load(kMappingsDir + "simpeg-csv.yaml");
  REQUIRE(loaded.ok());
  const Mapping& m = *loaded;
  CHECK(m.sourceName() == "simpeg");
  CHECK(m.format() == SourceFormat::kCsv);
  CHECK(m.csv().delimiter == ';');
  CHECK(m.csv().header);
  CHECK(m.keyField() == "id_pegawai");
  CHECK(m.keySlot() == std::optional<std::size_t>(0));
  CHECK(m.inputFields() ==
        std::vector<std::string>{"id_pegawai",    "no_ref_bkn",    "nip_baru",     "nip_lama",
                                 "nik",           "nama",          "tempat_lahir", "tgl_lahir",
                                 "jenis_kelamin", "pangkat_gol",   "jenjab",       "id_j",
                                 "nama_jabatan",  "id_unit_kerja", "unit_kerja",   "status_pegawai",
                                 "kedudukan",     "tmt_cpns",      "tmt_pns",      "tmt_gol",
                                 "email",         "no_hp"});

  const Applied a = applyTo(m, {{"id_pegawai", " 1234 "},
                                {"nip_baru", "198507122010011003"},
                                {"nip_lama", "0"},
                                {"nama", "Dr. H. Ahmad Yani, S.Pd., M.Si."},
                                {"tempat_lahir", "Sleman"},
                                {"tgl_lahir", "1985-07-12"},
                                {"jenis_kelamin", "L"},
                                {"nik", "3404011207850001"},
                                {"pangkat_gol", "III/a"},
                                {"jenjab", "Fungsional Tertentu"},
                                {"id_j", "77"},
                                {"nama_jabatan", "Guru Ahli Pertama"},
                                {"id_unit_kerja", "12"},
                                {"unit_kerja", "SMP Negeri 1 Depok"},
                                {"status_pegawai", "PNS"},
                                {"kedudukan", "Aktif"},
                                {"tmt_cpns", "2010-01-01"},
                                {"tmt_pns", "2011-03-01"},
                                {"tmt_gol", "0000-00-00"},
                                {"email", " Ahmad.Yani@Example.go.id "},
                                {"no_hp", "0812-2700-1234"},
                                {"no_ref_bkn", "A8ACA7397AEB3912E040640A040269BB"}});
  const EmployeeRecord& r = a.record;
  INFO((a.issues.empty() ? std::string() : a.issues.front().message));
  CHECK(a.issues.empty());
  CHECK(r.key == "1234");
  CHECK(r.get(Field::kPersonId) == "A8ACA7397AEB3912E040640A040269BB");
  CHECK(r.get(Field::kNip) == "198507122010011003");
  CHECK(r.get(Field::kNipLama).empty());
  CHECK(r.get(Field::kNik) == "3404011207850001");
  CHECK(r.get(Field::kNama) == "Ahmad Yani");
  CHECK(r.get(Field::kGelarDepan) == "Dr. H.");
  CHECK(r.get(Field::kGelarBelakang) == "S.Pd., M.Si.");
  CHECK(r.get(Field::kTempatLahir) == "Sleman");
  CHECK(r.get(Field::kTglLahir) == "1985-07-12");
  CHECK(r.get(Field::kJenisKelamin) == "M");
  CHECK(r.get(Field::kGolongan) == "31");
  CHECK(r.get(Field::kJenisJabatan) == "2");
  CHECK(r.get(Field::kJabatanId) == "77");
  CHECK(r.get(Field::kJabatan) == "Guru Ahli Pertama");
  CHECK(r.get(Field::kUnitId) == "12");
  CHECK(r.get(Field::kUnit) == "SMP Negeri 1 Depok");
  CHECK(r.get(Field::kStatusPegawai) == "PNS");
  CHECK(r.get(Field::kKedudukan) == "01");
  CHECK(r.get(Field::kTmtCpns) == "2010-01-01");
  CHECK(r.get(Field::kTmtPns) == "2011-03-01");
  CHECK(r.get(Field::kTmtGolongan).empty());  // MySQL zero date
  CHECK(r.get(Field::kEmail) == "ahmad.yani@example.go.id");
  CHECK(r.get(Field::kPhone) == "081227001234");

  CHECK(m.sourceFieldOf(Field::kNip) == "nip_baru");
  CHECK(m.sourceFieldOf(Field::kNama) == "nama (split_name)");
  CHECK(m.sourceFieldOf(Field::kGelarDepan) == "nama (split_name)");
  CHECK(m.sourceFieldOf(Field::kPersonId) == "no_ref_bkn");
  CHECK(m.mappedFields().size() == kFieldCount);
}

TEST_CASE("shipped SIASN mapping maps a data-utama record", "[mappings]") {
  auto loaded = Mapping::load(kMappingsDir + "siasn-data-utama.yaml");
  REQUIRE(loaded.ok());
  const Mapping& m = *loaded;
  CHECK(m.sourceName() == "siasn");
  CHECK(m.format() == SourceFormat::kJson);
  CHECK(m.json().root == "data");
  CHECK(m.keyField() == "nipBaru");
  CHECK(m.inputFields().front() == "nipBaru");

  const Applied a = applyTo(m, {{"id", "A8ACA7397AEB3912E040640A040269BB"},
                                {"nipBaru", "198507122010011003"},
                                {"nipLama", ""},
                                {"nama", "Ahmad Yani"},
                                {"gelarDepan", "Dr. H."},
                                {"gelarBelakang", "S.Pd., M.Si."},
                                {"tempatLahir", "Sleman"},
                                {"tglLahir", "12-07-1985"},
                                {"jenisKelamin", "M"},
                                {"nik", "3404011207850001"},
                                {"email", "ahmad.yani@example.go.id"},
                                {"noHp", "081227001234"},
                                {"kedudukanPnsId", "01"},
                                {"kedudukanPnsNama", "Aktif"},
                                {"statusPegawai", "PNS"},
                                {"tmtCpns", "01-01-2010"},
                                {"tmtPns", "01-03-2011"},
                                {"unorId", "8ae483a8641f41d1016424be2e5a1c45"},
                                {"unorNama", "SMP Negeri 1 Depok"},
                                {"jenisJabatanId", "2"},
                                {"jabatanNama", "Guru Ahli Pertama"},
                                {"golRuangAkhirId", "31"},
                                {"golRuangAkhir", "III/a"},
                                {"pangkatAkhir", "Penata Muda"},
                                {"tmtGolAkhir", "01-04-2014"}});
  const EmployeeRecord& r = a.record;
  INFO((a.issues.empty() ? std::string() : a.issues.front().message));
  CHECK(a.issues.empty());
  CHECK(r.key == "198507122010011003");
  CHECK(r.get(Field::kPersonId) == "A8ACA7397AEB3912E040640A040269BB");
  CHECK(r.get(Field::kNip) == "198507122010011003");
  CHECK(r.get(Field::kNipLama).empty());
  CHECK(r.get(Field::kNama) == "Ahmad Yani");
  CHECK(r.get(Field::kGelarDepan) == "Dr. H.");
  CHECK(r.get(Field::kGelarBelakang) == "S.Pd., M.Si.");
  CHECK(r.get(Field::kTglLahir) == "1985-07-12");
  CHECK(r.get(Field::kJenisKelamin) == "M");
  CHECK(r.get(Field::kGolongan) == "31");
  CHECK(r.get(Field::kJenisJabatan) == "2");
  CHECK(r.get(Field::kJabatan) == "Guru Ahli Pertama");
  CHECK(r.get(Field::kUnitId) == "8ae483a8641f41d1016424be2e5a1c45");
  CHECK(r.get(Field::kUnit) == "SMP Negeri 1 Depok");
  CHECK(r.get(Field::kKedudukan) == "01");
  CHECK(r.get(Field::kStatusPegawai) == "PNS");
  CHECK(r.get(Field::kTmtCpns) == "2010-01-01");
  CHECK(r.get(Field::kTmtPns) == "2011-03-01");
  CHECK(r.get(Field::kTmtGolongan) == "2014-04-01");
  CHECK(r.get(Field::kPhone) == "081227001234");
  CHECK(m.sourceFieldOf(Field::kUnitId) == "unorId");
  CHECK(m.sourceFieldOf(Field::kKedudukan) == "kedudukanPnsId (or kedudukanPnsNama)");

  SECTION("an unknown kedudukan code falls back to the name") {
    const Applied b = applyTo(m, {{"kedudukanPnsId", "77"}, {"kedudukanPnsNama", "Aktif"}});
    CHECK(b.issues.empty());
    CHECK(b.record.get(Field::kKedudukan) == "01");
  }
  SECTION("when both fail the first problem is reported") {
    const Applied b = applyTo(m, {{"kedudukanPnsId", "77"}, {"kedudukanPnsNama", "Entah"}});
    REQUIRE(b.issues.size() == 1);
    CHECK(b.issues[0].field == Field::kKedudukan);
    CHECK(b.issues[0].value == "77");
    CHECK(b.record.get(Field::kKedudukan).empty());
  }
}

TEST_CASE("mapping file errors name file, line, column and a hint", "[mappings]") {
  SECTION("missing file") {
    auto m = Mapping::load("/nonexistent/x.yaml");
    REQUIRE_FALSE(m.ok());
    CHECK(m.error().message ==
          "cannot open mapping file /nonexistent/x.yaml: No such file or directory");
  }
  SECTION("YAML syntax error") {
    CHECK_THAT(errorOf("source: t\nformat: csv\nfields: { nip: [a,\n"),
               StartsWith("t.yaml:4:") && Contains("YAML syntax error"));
  }
  SECTION("empty file") {
    CHECK_THAT(errorOf(""), StartsWith("t.yaml:1:1: empty mapping file (expected keys: source,"));
  }
  SECTION("unknown top-level key") {
    CHECK(errorOf("source: t\nformat: csv\nfeilds: {}\n") ==
          "t.yaml:3:1: unknown key 'feilds' in mapping file (did you mean 'fields'?)");
    CHECK(errorOf("source: t\nformat: csv\nzzzzzz: 1\n") ==
          "t.yaml:3:1: unknown key 'zzzzzz' in mapping file (valid: source, format, csv, json, "
          "key, tables, fields)");
  }
  SECTION("missing and bad required keys") {
    CHECK(errorOf("format: csv\nfields: { nip: a }\n") ==
          "t.yaml:1:1: missing required key 'source' (the source name, e.g. simpeg)");
    CHECK_THAT(errorOf("source: SIMPEG 1\nformat: csv\nfields: { nip: a }\n"),
               StartsWith("t.yaml:1:9: bad source name 'SIMPEG 1' (use lower case"));
    CHECK(errorOf("source: t\nformat: xml\nfields: { nip: a }\n") ==
          "t.yaml:2:9: unknown format 'xml' (valid: csv, json)");
  }
  SECTION("unknown canonical field") {
    CHECK(errorOf("source: t\nformat: csv\nfields:\n  nip: a\n  tgl_lahr: b\n") ==
          "t.yaml:5:3: unknown canonical field 'tgl_lahr' (did you mean 'tgl_lahir'?)");
    CHECK_THAT(errorOf("source: t\nformat: csv\nfields:\n  salary: b\n"),
               StartsWith("t.yaml:4:3: unknown canonical field 'salary' (valid: person_id, nip, "));
  }
  SECTION("a canonical field mapped twice") {
    CHECK(errorOf("source: t\nformat: csv\nfields:\n  nip: a\n  nip: b\n") ==
          "t.yaml:5:3: duplicate key 'nip' in fields (first given at line 4)");
  }
  SECTION("unknown rule key") {
    CHECK(errorOf("source: t\nformat: csv\nfields:\n  nip: { from: a, tranform: trim }\n") ==
          "t.yaml:4:19: unknown key 'tranform' in rule for 'nip' (did you mean 'transform'?)");
  }
  SECTION("unknown transform") {
    CHECK(errorOf("source: t\nformat: csv\nfields:\n  nip: { from: a, transform: [trim, digit] "
                  "}\n") == "t.yaml:4:37: unknown transform 'digit' (did you mean 'digits'?)");
    CHECK(errorOf("source: t\nformat: csv\nfields:\n  nip: { from: a, transform: { lokup: x } "
                  "}\n") == "t.yaml:4:32: unknown transform 'lokup' (did you mean 'lookup'?)");
    CHECK(errorOf("source: t\nformat: csv\nfields:\n  nip: { from: a, transform: date }\n") ==
          "t.yaml:4:30: transform 'date' needs an argument: { date: "
          "dd-mm-yyyy|yyyy-mm-dd|dd/mm/yyyy|auto }");
    CHECK(errorOf("source: t\nformat: csv\nfields:\n  nip: { from: a, transform: { trim: x } "
                  "}\n") ==
          "t.yaml:4:32: transform 'trim' takes no argument (write it as a plain name: trim)");
    CHECK(errorOf("source: t\nformat: csv\nfields:\n  nip: { from: a, transform: { lookup: "
                  "golongan, keep_unknwn: true } }\n") ==
          "t.yaml:4:50: unknown option 'keep_unknwn' for transform 'lookup' (did you mean "
          "'keep_unknown'?)");
    CHECK(errorOf("source: t\nformat: csv\nfields:\n  nip: { from: a, transform: { lookup: "
                  "golongan, date: auto } }\n") ==
          "t.yaml:4:50: two transforms 'lookup' and 'date' in one map (write a list for a "
          "chain: [a, b])");
  }
  SECTION("unknown table") {
    const std::string e = errorOf(
        "source: t\nformat: csv\ntables:\n  unit_lokal: { \"12\": X }\nfields:\n"
        "  golongan: { from: a, transform: { lookup: golngan } }\n");
    CHECK(e == "t.yaml:6:45: unknown table 'golngan' (did you mean 'golongan'?)");
    CHECK_THAT(errorOf("source: t\nformat: csv\ntables:\n  unit_lokal: { \"12\": X }\nfields:\n"
                       "  unit_id: { from: a, transform: { lookup: units } }\n"),
               StartsWith("t.yaml:6:44: unknown table 'units' (valid: ") && Contains("golongan") &&
                   Contains("unit_lokal"));
    CHECK_THAT(errorOf("source: t\nformat: csv\ntables:\n  golongan: { \"3a\": \"31\" }\n"
                       "fields:\n  nip: a\n"),
               StartsWith("t.yaml:4:3: table 'golongan' has the name of a builtin table"));
  }
  SECTION("format sections must match the format") {
    CHECK(errorOf("source: t\nformat: json\ncsv: { delimiter: \";\" }\nfields: { nip: a }\n") ==
          "t.yaml:3:1: 'csv' section on a json mapping (remove it, or set format: csv)");
    CHECK(errorOf("source: t\nformat: csv\njson: { root: data }\nfields: { nip: a }\n") ==
          "t.yaml:3:1: 'json' section on a csv mapping (remove it, or set format: json)");
    CHECK(errorOf("source: t\nformat: csv\ncsv: { delimiter: \";;\" }\nfields: { nip: a }\n") ==
          "t.yaml:3:19: bad delimiter ';;' (one character, \"tab\" or \"auto\")");
    CHECK(errorOf("source: t\nformat: csv\ncsv: { header: maybe }\nfields: { nip: a }\n") ==
          "t.yaml:3:16: bad header 'maybe' (true or false)");
  }
  SECTION("from and constant together") {
    CHECK(errorOf("source: t\nformat: csv\nfields:\n  status_pegawai: { from: a, constant: PNS "
                  "}\n") ==
          "t.yaml:4:30: rule for 'status_pegawai' has both 'from' and 'constant' (use one)");
    CHECK(errorOf("source: t\nformat: csv\nfields:\n  nip: { transform: trim }\n") ==
          "t.yaml:4:8: rule for 'nip' needs 'from' (a source field) or 'constant'");
  }
  SECTION("split_name only on nama, and last") {
    CHECK(
        errorOf("source: t\nformat: csv\nfields:\n  unit: { from: a, transform: split_name }\n") ==
        "t.yaml:4:31: split_name only applies to the 'nama' field, not 'unit' (it fills nama, "
        "gelar_depan and gelar_belakang)");
    CHECK(errorOf("source: t\nformat: csv\nfields:\n  nama: { from: a, transform: [split_name, "
                  "trim] }\n") ==
          "t.yaml:4:32: split_name must be the last transform of the chain");
  }
  SECTION("bad date format") {
    CHECK_THAT(errorOf("source: t\nformat: csv\nfields:\n  tgl_lahir: { from: a, transform: { "
                       "date: dd.mm.yy } }\n"),
               StartsWith("t.yaml:4:44: ") && Contains("'dd.mm.yy'") && Contains("dd-mm-yyyy") &&
                   Contains("auto"));
  }
  SECTION("join needs a list, csv without header needs column numbers") {
    CHECK(errorOf("source: t\nformat: csv\nfields:\n  jabatan: { from: a, join: \" \" }\n") ==
          "t.yaml:4:23: 'join' needs 'from' to be a list of fields (from: [a, b])");
    CHECK(errorOf("source: t\nformat: csv\ncsv: { header: false }\nfields:\n  nip: nip_baru\n") ==
          "t.yaml:5:8: source field 'nip_baru' must be a 1-based column number because the csv "
          "has no header (header: false)");
  }
  SECTION("an empty value where text is needed") {
    CHECK(errorOf("source: t\nformat: csv\nfields:\n  nip:\n") ==
          "t.yaml:4:3: rule for 'nip' is empty (write a source field, e.g. nip: column)");
    CHECK(errorOf("source: t\nformat: csv\nfields:\n  nip: { constant: }\n") ==
          "t.yaml:4:10: constant must be text (it is empty; quote \"\" for an empty text)");
  }
}

TEST_CASE("lookup: unknown values are field issues unless keep_unknown", "[mappings]") {
  const Mapping m = mustParse(std::string(kHeader) + R"(tables:
  unit_lokal: { "12": "A8ACA7397AEB3912E040640A040269BB" }
fields:
  golongan: { from: gol, transform: { lookup: golongan } }
  unit_id: { from: unit, transform: { lookup: unit_lokal } }
  jabatan_id: { from: jab, transform: { lookup: unit_lokal, keep_unknown: true } }
)");
  SECTION("known values") {
    const Applied a = applyTo(m, {{"gol", " III/b "}, {"unit", "12"}, {"jab", "12"}});
    CHECK(a.issues.empty());
    CHECK(a.record.get(Field::kGolongan) == "32");
    CHECK(a.record.get(Field::kUnitId) == "A8ACA7397AEB3912E040640A040269BB");
    CHECK(a.record.get(Field::kJabatanId) == "A8ACA7397AEB3912E040640A040269BB");
  }
  SECTION("unknown values") {
    const Applied a = applyTo(m, {{"gol", "VI/z"}, {"unit", "99"}, {"jab", "99"}});
    REQUIRE(a.issues.size() == 2);
    CHECK(a.issues[0].field == Field::kGolongan);
    CHECK(a.issues[0].sourceField == "gol");
    CHECK(a.issues[0].value == "VI/z");
    CHECK(a.issues[0].message == "'VI/z' is not in code table 'golongan'");
    CHECK(a.issues[1].field == Field::kUnitId);
    CHECK(a.issues[1].message == "'99' is not in code table 'unit_lokal'");
    CHECK_FALSE(a.record.has(Field::kGolongan));
    CHECK_FALSE(a.record.has(Field::kUnitId));
    CHECK(a.record.get(Field::kJabatanId) == "99");
  }
  SECTION("empty values pass through without an issue") {
    const Applied a = applyTo(m, {});
    CHECK(a.issues.empty());
    CHECK_FALSE(a.record.has(Field::kGolongan));
  }
}

TEST_CASE("transforms: chain order, constant, join, null_if, default, date", "[mappings]") {
  const Mapping m = mustParse(std::string(kHeader) + R"(key: id
fields:
  email: { from: e, transform: [{ default: "n/a" }, upper] }
  unit: { from: e, transform: [upper, { default: "n/a" }] }
  status_pegawai: { constant: PNS }
  jabatan: { from: [jabatan_depan, nama_jabatan], join: " " }
  unit_id: { from: [a, b, c], join: "/" }
  nip_lama: { from: nl, transform: [{ null_if: ["-", "0", "NULL"] }, digits] }
  phone: { from: hp, transform: [trim, digits] }
  tgl_lahir: { from: tl, transform: { date: dd/mm/yyyy } }
  nama: { from: nama, transform: [trim, lower] }
)");
  CHECK(m.inputFields() == std::vector<std::string>{"id", "e", "jabatan_depan", "nama_jabatan", "a",
                                                    "b", "c", "nl", "hp", "tl", "nama"});
  CHECK(m.sourceFieldOf(Field::kJabatan) == "jabatan_depan+nama_jabatan");
  CHECK(m.sourceFieldOf(Field::kStatusPegawai) == "constant");
  CHECK(m.sourceFieldOf(Field::kNik).empty());

  const Applied a = applyTo(m, {{"id", "7"},
                                {"jabatan_depan", "Kepala"},
                                {"nama_jabatan", " Bidang Mutasi "},
                                {"a", "x"},
                                {"b", "  "},
                                {"c", "z"},
                                {"nl", "NULL"},
                                {"hp", " +62 812-2700 "},
                                {"tl", "31/01/1990"},
                                {"nama", " SITI "}});
  CHECK(a.issues.empty());
  CHECK(a.record.key == "7");
  CHECK(a.record.get(Field::kEmail) == "N/A");  // default, then upper
  CHECK(a.record.get(Field::kUnit) == "n/a");   // upper on empty does nothing, then default
  CHECK(a.record.get(Field::kStatusPegawai) == "PNS");
  CHECK(a.record.get(Field::kJabatan) == "Kepala Bidang Mutasi");
  CHECK(a.record.get(Field::kUnitId) == "x/z");  // empty parts are skipped
  CHECK_FALSE(a.record.has(Field::kNipLama));
  CHECK(a.record.get(Field::kPhone) == "628122700");
  CHECK(a.record.get(Field::kTglLahir) == "1990-01-31");
  CHECK(a.record.get(Field::kNama) == "siti");

  SECTION("a bad date is a field issue and leaves the field empty") {
    const Applied b = applyTo(m, {{"tl", "1990-13-45"}, {"nl", "19 0"}});
    REQUIRE(b.issues.size() == 1);
    CHECK(b.issues[0].field == Field::kTglLahir);
    CHECK(b.issues[0].sourceField == "tl");
    CHECK(b.issues[0].value == "1990-13-45");
    CHECK_FALSE(b.record.has(Field::kTglLahir));
    CHECK(b.record.get(Field::kNipLama) == "190");
  }
  SECTION("apply clears the record but keeps line and row") {
    Applied b;
    b.record.set(Field::kNik, "stale");
    b.record.line = 5;
    b.record.row = 4;
    const Row row(m, {});
    m.apply(row.slots, b.record, b.issues);
    CHECK_FALSE(b.record.has(Field::kNik));
    CHECK(b.record.line == 5);
    CHECK(b.record.row == 4);
    CHECK(b.record.get(Field::kStatusPegawai) == "PNS");
  }
}

TEST_CASE("the view form points at the row and copies only rewritten values", "[mappings]") {
  const Mapping m = mustParse(std::string(kHeader) + R"(key: id
fields:
  unit: { from: u, transform: trim }
  email: { from: e, transform: [trim, lower] }
  jabatan: { from: [a, b, c], join: " " }
  tgl_lahir: { from: tl, transform: { date: dd-mm-yyyy } }
  tmt_cpns: { from: tc, transform: { date: yyyy-mm-dd } }
  nama: { from: n, transform: [trim, split_name] }
)");
  const std::string longPart(5000, 'x');
  const Row row(m, {{"id", " 42 "},
                    {"u", " Dinas Pendidikan "},
                    {"e", std::string(20000, 'Q')},
                    {"a", longPart},
                    {"b", longPart},
                    {"c", longPart},
                    {"tl", "31-01-1990"},
                    {"tc", "2015-03-01"},
                    {"n", "Dr. Ahmad Yani, S.Pd."}});
  const auto inRow = [&](std::string_view v) {
    for (const std::string& owned : row.owned)
      if (v.data() >= owned.data() && v.data() + v.size() <= owned.data() + owned.size())
        return true;
    return false;
  };
  ValueArena arena;
  RecordView view;
  std::vector<FieldIssue> issues;
  // Twice: the first call spills values that do not fit (all must still be intact), the second
  // finds a block big enough.
  for (int round = 0; round < 2; ++round) {
    m.apply(row.slots, view, arena, issues);
    CHECK(issues.empty());
    CHECK(view.key == "42");
    CHECK(inRow(view.key));
    CHECK(view.get(Field::kUnit) == "Dinas Pendidikan");
    CHECK(inRow(view.get(Field::kUnit)));
    CHECK(view.get(Field::kEmail) == std::string(20000, 'q'));
    CHECK_FALSE(inRow(view.get(Field::kEmail)));
    CHECK(view.get(Field::kJabatan) == longPart + " " + longPart + " " + longPart);
    CHECK(view.get(Field::kTglLahir) == "1990-01-31");
    CHECK(view.get(Field::kTmtCpns) == "2015-03-01");
    CHECK(inRow(view.get(Field::kTmtCpns)));  // already ISO: not copied
    CHECK(view.get(Field::kNama) == "Ahmad Yani");
    CHECK(view.get(Field::kGelarDepan) == "Dr.");
    CHECK(view.get(Field::kGelarBelakang) == "S.Pd.");
  }
  EmployeeRecord copied;
  view.copyTo(copied);
  CHECK(copied.get(Field::kTglLahir) == "1990-01-31");
  CHECK(RecordView::of(copied).get(Field::kNama) == "Ahmad Yani");
}

TEST_CASE("a view reused across rows and mappings holds only the current row's values",
          "[mappings]") {
  const Mapping a = mustParse(std::string(kHeader) + R"(fields:
  unit: u
  nama: { from: n, transform: split_name }
)");
  const Mapping b = mustParse(std::string(kHeader) + "fields:\n  email: e\n");
  ValueArena arena;
  RecordView view;
  std::vector<FieldIssue> issues;
  const Row titled(a, {{"u", "Dinas"}, {"n", "Dr. Ani, S.Pd."}});
  a.apply(titled.slots, view, arena, issues);
  CHECK(view.get(Field::kGelarDepan) == "Dr.");
  CHECK(view.get(Field::kGelarBelakang) == "S.Pd.");
  const Row plain(a, {{"n", "Budi"}});
  a.apply(plain.slots, view, arena, issues);  // the same mapping: titles must not linger
  CHECK(view.get(Field::kNama) == "Budi");
  CHECK_FALSE(view.has(Field::kGelarDepan));
  CHECK_FALSE(view.has(Field::kGelarBelakang));
  CHECK_FALSE(view.has(Field::kUnit));
  a.apply(titled.slots, view, arena, issues);
  const Row other(b, {{"e", "x@y.id"}});
  b.apply(other.slots, view, arena, issues);  // another mapping: nothing of the first remains
  CHECK(view.get(Field::kEmail) == "x@y.id");
  CHECK_FALSE(view.has(Field::kUnit));
  CHECK_FALSE(view.has(Field::kNama));
  CHECK_FALSE(view.has(Field::kGelarDepan));
}

TEST_CASE("lookup answers never outlive their mapping", "[mappings]") {
  // The per-thread lookup memo must not answer for a table of an earlier, destroyed mapping,
  // even if the new mapping's step happens to sit at the same address.
  for (const char* code : {"A", "B", "C", "D"}) {
    const Mapping m = mustParse(std::string(kHeader) + "tables:\n  t: { \"1\": \"" + code +
                                "\" }\nfields:\n  unit: { from: u, transform: { lookup: t } }\n");
    CHECK(applyTo(m, {{"u", "1"}}).record.get(Field::kUnit) == code);
  }
}

TEST_CASE("split_name fills titles unless a gelar rule is explicit", "[mappings]") {
  SECTION("split fills all three") {
    const Mapping m =
        mustParse(std::string(kHeader) + "fields:\n  nama: { from: n, transform: split_name }\n");
    CHECK(m.mappedFields() ==
          std::vector<Field>{Field::kNama, Field::kGelarDepan, Field::kGelarBelakang});
    const Applied a = applyTo(m, {{"n", "Dr. H. Ahmad Yani, S.Pd., M.Si."}});
    CHECK(a.record.get(Field::kNama) == "Ahmad Yani");
    CHECK(a.record.get(Field::kGelarDepan) == "Dr. H.");
    CHECK(a.record.get(Field::kGelarBelakang) == "S.Pd., M.Si.");
  }
  SECTION("an explicit gelar_depan rule wins, in any order") {
    const Mapping m = mustParse(std::string(kHeader) +
                                "fields:\n  gelar_depan: gd\n  nama: { from: n, transform: "
                                "split_name }\n");
    const Applied a = applyTo(m, {{"n", "Dr. H. Ahmad Yani, S.Pd., M.Si."}, {"gd", "Prof."}});
    CHECK(a.record.get(Field::kNama) == "Ahmad Yani");
    CHECK(a.record.get(Field::kGelarDepan) == "Prof.");
    CHECK(a.record.get(Field::kGelarBelakang) == "S.Pd., M.Si.");
    CHECK(m.sourceFieldOf(Field::kGelarDepan) == "gd");
    CHECK(m.sourceFieldOf(Field::kGelarBelakang) == "n (split_name)");
  }
}

TEST_CASE("csv options and a csv without header", "[mappings]") {
  const Mapping m = mustParse(R"(source: legacy-2
format: csv
csv: { delimiter: tab, quote: "'", header: false }
key: 1
fields:
  nip: 2
  nama: { from: [3, 4] }
)");
  CHECK(m.csv().delimiter == '\t');
  CHECK(m.csv().quote == '\'');
  CHECK_FALSE(m.csv().header);
  CHECK(m.inputFields() == std::vector<std::string>{"1", "2", "3", "4"});
  const Applied a = applyTo(m, {{"1", "r1"}, {"2", "123"}, {"3", "Ni"}, {"4", "Luh"}});
  CHECK(a.record.key == "r1");
  CHECK(a.record.get(Field::kNama) == "Ni Luh");
  CHECK(mustParse(std::string(kHeader) + "fields: { nip: a }\n").csv().delimiter == 0);
}

TEST_CASE("apply is thread-safe on different records", "[mappings]") {
  auto loaded = Mapping::load(kMappingsDir + "simpeg-csv.yaml");
  REQUIRE(loaded.ok());
  const Mapping& m = *loaded;
  const Row good(m, {{"id_pegawai", "1"},
                     {"nama", "Dr. H. Ahmad Yani, S.Pd., M.Si."},
                     {"tgl_lahir", "1985-07-12"},
                     {"pangkat_gol", "III/a"},
                     {"no_hp", "0812-2700-1234"}});
  const Row bad(m, {{"id_pegawai", "2"}, {"nama", "Sutrisno"}, {"tgl_lahir", "12/07/85"}});
  constexpr int kRounds = 20000;
  std::vector<std::string> results[2];
  std::vector<std::size_t> issueCounts[2];
  const auto work = [&](int t) {
    EmployeeRecord rec;
    std::vector<FieldIssue> issues;
    for (int i = 0; i < kRounds; ++i) {
      issues.clear();
      m.apply((i % 2 == 0 ? good : bad).slots, rec, issues);
      if (i < 2) {
        results[t].push_back(rec.key + "|" + rec.get(Field::kNama) + "|" +
                             rec.get(Field::kGelarDepan) + "|" + rec.get(Field::kTglLahir) + "|" +
                             rec.get(Field::kGolongan) + "|" + rec.get(Field::kPhone));
      }
      if (i >= kRounds - 2) issueCounts[t].push_back(issues.size());
    }
    results[t].push_back(rec.key + "|" + rec.get(Field::kNama));
  };
  std::thread t0(work, 0);
  std::thread t1(work, 1);
  t0.join();
  t1.join();
  CHECK(results[0] == results[1]);
  CHECK(results[0][0] == "1|Ahmad Yani|Dr. H.|1985-07-12|31|081227001234");
  CHECK(results[0][1] == "2|Sutrisno||||");
  CHECK(issueCounts[0] == std::vector<std::size_t>{0, 1});
  CHECK(issueCounts[0] == issueCounts[1]);
}

TEST_CASE("provenance names the source, line and source column of a value", "[mappings]") {
  auto m = sinkron::mappings::Mapping::parse(
      "source: simpeg\nformat: csv\nfields:\n  nip: nip_baru\n  nama: { from: nama, transform: "
      "split_name }\n",
      "p.yaml");
  REQUIRE(m.ok());
  sinkron::mappings::EmployeeRecord r;
  r.line = 42;
  auto p = sinkron::mappings::provenanceOf(*m, r, sinkron::mappings::Field::kNip);
  CHECK(p.source == "simpeg");
  CHECK(p.line == 42);
  CHECK(p.sourceField == "nip_baru");
  CHECK(sinkron::mappings::provenanceOf(*m, r, sinkron::mappings::Field::kGelarDepan).sourceField ==
        "nama (split_name)");
}
