#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <rapidjson/document.h>

#include "sinkron/population/generator.hpp"

namespace fs = std::filesystem;
using namespace sinkron::population;

namespace {

struct Files {
  fs::path dir, simpeg, siasn, truth;
  explicit Files(const std::string& tag) {
    dir = fs::temp_directory_path() /
          ("sinkron_population_" + std::to_string(::getpid()) + "_" + tag);
    fs::create_directories(dir);
    simpeg = dir / "simpeg.csv";
    siasn = dir / "siasn.jsonl";
    truth = dir / "truth.csv";
  }
  ~Files() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> lines(const fs::path& p) {
  std::vector<std::string> out;
  std::ifstream in(p, std::ios::binary);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Splits one CSV line with ';' and RFC 4180 quotes.
std::vector<std::string> splitCsv(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back().push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ';') {
      fields.emplace_back();
    } else {
      fields.back().push_back(c);
    }
  }
  return fields;
}

const rapidjson::Value& body(const rapidjson::Document& doc) {
  return doc.HasMember("data") ? doc["data"] : static_cast<const rapidjson::Value&>(doc);
}

std::string str(const rapidjson::Value& obj, const char* name) {
  const rapidjson::Value& v = obj[name];
  return v.IsString() ? std::string(v.GetString(), v.GetStringLength()) : std::string();
}

GenerateStats generate(const Files& f, std::uint64_t seed, std::uint64_t people,
                       double corruption = 1.0) {
  GeneratorOptions o;
  o.seed = seed;
  o.people = people;
  o.corruption = corruption;
  auto r = PopulationGenerator(o).writeFiles(f.simpeg, f.siasn, f.truth);
  REQUIRE(r.ok());
  return *r;
}

constexpr const char* kHeader =
    "\xEF\xBB\xBF"
    "id_pegawai;nip_baru;nip_lama;nama;tempat_lahir;tgl_lahir;jenis_kelamin;nik;pangkat_gol;"
    "jenjab;id_j;nama_jabatan;id_unit_kerja;unit_kerja;status_pegawai;kedudukan;tmt_cpns;"
    "tmt_pns;tmt_gol;email;no_hp;no_ref_bkn";

}  // namespace

TEST_CASE("same seed gives byte-identical files, another seed different ones", "[population]") {
  Files a("a"), b("b"), c("c");
  generate(a, 7, 3000);
  generate(b, 7, 3000);
  generate(c, 8, 3000);
  CHECK(slurp(a.simpeg) == slurp(b.simpeg));
  CHECK(slurp(a.siasn) == slurp(b.siasn));
  CHECK(slurp(a.truth) == slurp(b.truth));
  CHECK(slurp(a.simpeg) != slurp(c.simpeg));
  CHECK(slurp(a.siasn) != slurp(c.siasn));
}

TEST_CASE("files are well formed and the truth covers every row once", "[population]") {
  Files f("wellformed");
  GenerateStats stats = generate(f, 42, 20000);
  CHECK(stats.people == 20000);

  std::vector<std::string> csv = lines(f.simpeg);
  REQUIRE(!csv.empty());
  CHECK(csv[0] == kHeader);
  std::map<std::string, std::vector<std::string>> leftRows;  // id_pegawai -> fields
  for (std::size_t i = 1; i < csv.size(); ++i) {
    std::vector<std::string> fields = splitCsv(csv[i]);
    REQUIRE(fields.size() == 22);
    CHECK(leftRows.emplace(fields[0], fields).second);  // id_pegawai unique
  }
  CHECK(leftRows.size() == stats.leftRows);

  std::vector<std::string> json = lines(f.siasn);
  CHECK(json.size() == stats.rightRows);
  std::map<std::string, std::string> rightRows;  // nipBaru -> tglLahir + jenisKelamin
  std::size_t wrapped = 0;
  for (const std::string& line : json) {
    rapidjson::Document doc;
    doc.Parse(line.c_str(), line.size());
    REQUIRE_FALSE(doc.HasParseError());
    REQUIRE(doc.IsObject());
    if (doc.HasMember("data")) {
      ++wrapped;
      CHECK(doc["code"].GetInt() == 1);
    }
    const rapidjson::Value& o = body(doc);
    for (const char* name : {"id",
                             "nipBaru",
                             "nipLama",
                             "nama",
                             "gelarDepan",
                             "gelarBelakang",
                             "tempatLahir",
                             "tglLahir",
                             "jenisKelamin",
                             "nik",
                             "email",
                             "noHp",
                             "kedudukanPnsId",
                             "kedudukanPnsNama",
                             "statusPegawai",
                             "tmtCpns",
                             "tmtPns",
                             "unorId",
                             "unorNama",
                             "jenisJabatanId",
                             "jabatanNama",
                             "golRuangAkhirId",
                             "golRuangAkhir",
                             "pangkatAkhir",
                             "tmtGolAkhir"}) {
      INFO(name);
      REQUIRE(o.HasMember(name));
      CHECK((o[name].IsString() || o[name].IsNull()));
    }
    CHECK(o.MemberCount() == 25);
    std::string nip = str(o, "nipBaru");
    CHECK(rightRows.emplace(nip, str(o, "tglLahir") + str(o, "jenisKelamin")).second);
  }
  CHECK(wrapped > json.size() * 7 / 10);
  CHECK(wrapped < json.size() * 9 / 10);

  // Every SIASN NIP: 18 digits, birth date and sex digit agree with the record.
  for (const auto& [nip, birthSex] : rightRows) {
    REQUIRE(nip.size() == 18);
    CHECK(nip.find_first_not_of("0123456789") == std::string::npos);
    std::string dmy = birthSex.substr(0, 10);  // dd-mm-yyyy
    CHECK(nip.substr(0, 8) == dmy.substr(6, 4) + dmy.substr(3, 2) + dmy.substr(0, 2));
    CHECK(nip[14] == (birthSex[10] == 'M' ? '1' : '2'));
  }

  std::vector<std::string> truth = lines(f.truth);
  REQUIRE(!truth.empty());
  CHECK(truth[0] == "side,key,person");
  std::set<std::string> seenLeft, seenRight;
  for (std::size_t i = 1; i < truth.size(); ++i) {
    std::string line = truth[i];
    auto c1 = line.find(','), c2 = line.rfind(',');
    std::string side = line.substr(0, c1), key = line.substr(c1 + 1, c2 - c1 - 1);
    if (side == "left") {
      CHECK(leftRows.count(key) == 1);
      CHECK(seenLeft.insert(key).second);
    } else {
      REQUIRE(side == "right");
      CHECK(rightRows.count(key) == 1);
      CHECK(seenRight.insert(key).second);
    }
  }
  CHECK(seenLeft.size() == leftRows.size());
  CHECK(seenRight.size() == rightRows.size());
}

TEST_CASE("hard cases are present", "[population]") {
  Files f("hard");
  GenerateStats stats = generate(f, 42, 20000, 3.0);
  // person -> SIASN NIP, and person of each SIMPEG row
  std::unordered_map<std::string, std::uint64_t> leftPerson, rightPersonByNip;
  std::unordered_map<std::uint64_t, int> leftCount, rightCount;
  for (const std::string& line : lines(f.truth)) {
    if (line.rfind("side", 0) == 0) continue;
    auto c1 = line.find(','), c2 = line.rfind(',');
    std::uint64_t person = std::stoull(line.substr(c2 + 1));
    std::string key = line.substr(c1 + 1, c2 - c1 - 1);
    if (line[0] == 'l') {
      leftPerson[key] = person;
      ++leftCount[person];
    } else {
      rightPersonByNip[key] = person;
      ++rightCount[person];
    }
  }
  std::size_t onlyLeft = 0, onlyRight = 0, duplicated = 0;
  for (const auto& [person, n] : leftCount) {
    if (!rightCount.count(person)) ++onlyLeft;
    if (n > 1) ++duplicated;
  }
  for (const auto& [person, n] : rightCount) onlyRight += leftCount.count(person) ? 0 : 1;
  CHECK(onlyLeft > 0);
  CHECK(onlyRight > 0);
  CHECK(duplicated > 0);

  // A SIMPEG NIP that is another person's real (SIASN) NIP.
  std::size_t stolen = 0;
  std::vector<std::string> csv = lines(f.simpeg);
  for (std::size_t i = 1; i < csv.size(); ++i) {
    std::vector<std::string> fields = splitCsv(csv[i]);
    auto it = rightPersonByNip.find(fields[1]);
    if (it != rightPersonByNip.end() && it->second != leftPerson[fields[0]]) ++stolen;
  }
  CHECK(stolen > 0);
  CHECK(stats.truePairs > 0);
}

TEST_CASE("people are valid, unique and their rates roughly as configured", "[population]") {
  GeneratorOptions o;
  o.people = 20000;
  PopulationGenerator gen(o);
  std::unordered_set<std::string> nips, niks;
  std::map<Defect, int> counts;
  int both = 0, namesakes = 0, twins = 0;
  PersonRecords rec;
  for (std::uint64_t i = 0; i < o.people; ++i) {
    gen.records(i, rec);
    const Person& p = rec.person;
    REQUIRE(p.index == i);
    CHECK(nips.insert(p.nipBaru).second);
    CHECK(niks.insert(p.nik).second);
    CHECK(p.personId.size() == 32);
    // NIK: DDMMYY after the region, women +40 on the day (unless deliberately invalid).
    if (!p.has(Defect::kNikInvalid)) {
      int day = std::stoi(p.nik.substr(6, 2)), month = std::stoi(p.nik.substr(8, 2));
      CHECK(day == p.birthDate.day + (p.sex == Sex::kFemale ? 40 : 0));
      CHECK(month == p.birthDate.month);
      int province = std::stoi(p.nik.substr(0, 2));
      CHECK((province >= 11 && province <= 94));
    }
    CHECK(rec.simpegCount == (p.inSimpeg ? 1 : 0) + (p.has(Defect::kDuplicate) ? 1 : 0));
    if (p.inSimpeg && p.inSiasn) {
      ++both;
      for (Defect d : {Defect::kNameTypo, Defect::kNameVariant, Defect::kTitleDiff,
                       Defect::kBirthDateWrong, Defect::kNikMissing, Defect::kGolonganDiff,
                       Defect::kUnitDiff, Defect::kContactDiff, Defect::kCaseDiff})
        counts[d] += p.has(d) ? 1 : 0;
      // A wrong birth date on the SIMPEG side shows in the row, and only there.
      char iso[16];
      std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", p.birthDate.year, p.birthDate.month,
                    p.birthDate.day);
      CHECK((rec.simpeg[0].tglLahir != iso) == p.has(Defect::kBirthDateWrong));
    }
    counts[Defect::kSimpegOnly] += p.has(Defect::kSimpegOnly) ? 1 : 0;
    counts[Defect::kSiasnOnly] += p.has(Defect::kSiasnOnly) ? 1 : 0;
    namesakes += p.has(Defect::kNamesake) ? 1 : 0;
    twins += p.has(Defect::kTwin) ? 1 : 0;
    // The NIP index finds the person back.
    if (i % 97 == 0) CHECK(gen.personByNip(p.nipBaru) == std::optional<std::uint64_t>(i));
  }
  auto rate = [&](Defect d, int of) { return static_cast<double>(counts[d]) / of; };
  CHECK(rate(Defect::kSimpegOnly, 20000) == Approx(0.02).margin(0.008));
  CHECK(rate(Defect::kSiasnOnly, 20000) == Approx(0.02).margin(0.008));
  CHECK(rate(Defect::kNameTypo, both) == Approx(0.02).margin(0.008));
  CHECK(rate(Defect::kNameVariant, both) == Approx(0.03).margin(0.01));
  CHECK(rate(Defect::kTitleDiff, both) == Approx(0.05).margin(0.015));
  CHECK(rate(Defect::kBirthDateWrong, both) == Approx(0.01).margin(0.005));
  CHECK(rate(Defect::kNikMissing, both) == Approx(0.02).margin(0.008));
  CHECK(rate(Defect::kGolonganDiff, both) == Approx(0.03).margin(0.01));
  CHECK(rate(Defect::kUnitDiff, both) == Approx(0.05).margin(0.015));
  CHECK(rate(Defect::kContactDiff, both) == Approx(0.05).margin(0.015));
  CHECK(rate(Defect::kCaseDiff, both) > 0.3);
  CHECK(namesakes > 20);
  CHECK(twins > 4);
  CHECK_FALSE(gen.personByNip("199001012020011999").has_value());
}

TEST_CASE("namesakes share name and birth date, twins birth date and place", "[population]") {
  GeneratorOptions o;
  o.people = 20000;
  o.corruption = 3.0;
  PopulationGenerator gen(o);
  int namesakes = 0, twins = 0;
  for (std::uint64_t i = 1; i < o.people; i += 2) {
    Person p = gen.person(i);
    if (p.has(Defect::kNamesake)) {
      Person q = gen.person(i - 1);
      CHECK(p.name == q.name);
      CHECK(p.birthDate == q.birthDate);
      CHECK(p.nipBaru != q.nipBaru);
      ++namesakes;
    } else if (p.has(Defect::kTwin)) {
      Person q = gen.person(i - 1);
      CHECK(p.birthDate == q.birthDate);
      CHECK(p.birthPlace == q.birthPlace);
      CHECK(p.name != q.name);
      CHECK(p.name.substr(p.name.rfind(' ')) == q.name.substr(q.name.rfind(' ')));
      ++twins;
    }
  }
  CHECK(namesakes > 0);
  CHECK(twins > 0);
}

TEST_CASE("a higher corruption factor corrupts more rows", "[population]") {
  auto differing = [](double corruption) {
    GeneratorOptions o;
    o.people = 20000;
    o.corruption = corruption;
    PopulationGenerator gen(o);
    int n = 0;
    PersonRecords rec;
    for (std::uint64_t i = 0; i < o.people; ++i) {
      gen.records(i, rec);
      if (rec.simpegCount == 0 || !rec.person.inSiasn) continue;
      const Person& p = rec.person;
      const SimpegRow& row = rec.simpeg[0];
      bool nip = row.nipBaru != p.nipBaru;
      bool nik = row.nik != rec.siasn.nik;
      bool sex = (row.jenisKelamin == "L") != (rec.siasn.jenisKelamin == "M");
      n += (nip || nik || sex) ? 1 : 0;
    }
    return n;
  };
  int low = differing(1.0), high = differing(3.0);
  CHECK(low > 0);
  CHECK(high > 2 * low);
}

TEST_CASE("invalid options are rejected with a message", "[population]") {
  GeneratorOptions o;
  o.people = PopulationGenerator::maxPeople() + 1;
  Files f("invalid");
  auto r = PopulationGenerator(o).writeFiles(f.simpeg, f.siasn, f.truth);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == sinkron::ErrorCode::kInvalidArgument);
  o.people = 10;
  auto bad = PopulationGenerator(o).writeFiles(f.dir / "missing" / "x.csv", f.siasn, f.truth);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("missing") != std::string::npos);
}
