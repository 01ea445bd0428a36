#include <unistd.h>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {
struct Run {
  int exitCode;
  std::string output;
};
Run runSinkron(const std::string& args) {
  static int calls = 0;
  // ctest runs test cases in parallel processes: one output file per process and call.
  fs::path out = fs::temp_directory_path() / ("sinkron_cli_" + std::to_string(::getpid()) + "_" +
                                              std::to_string(++calls) + ".txt");
  std::string cmd = std::string(SINKRON_BINARY) + " " + args + " > " + out.string() + " 2>&1";
  int status = std::system(cmd.c_str());
  std::ifstream in(out);
  std::stringstream ss;
  ss << in.rdbuf();
  return {WEXITSTATUS(status), ss.str()};
}
fs::path fixtureDir() {
  fs::path d = fs::temp_directory_path() / "sinkron_cli";
  fs::create_directories(d);
  return d;
}
const std::string kMappings = std::string(SINKRON_SOURCE_DIR) + "/deploy/mappings/";
}  // namespace

TEST_CASE("sinkron --help and reconcile --help explain the options", "[e2e][cli]") {
  auto help = runSinkron("--help");
  CHECK(help.exitCode == 0);
  CHECK(help.output.find("reconcile") != std::string::npos);
  auto rec = runSinkron("reconcile --help");
  CHECK(rec.exitCode == 0);
  for (const char* opt : {"--left", "--left-mapping", "--right", "--right-mapping", "--out",
                          "--config", "--match-threshold", "--review-threshold", "--as-of"})
    CHECK(rec.output.find(opt) != std::string::npos);
}

TEST_CASE("sinkron generate + reconcile writes every output and the summary", "[e2e][cli]") {
  auto dir = fixtureDir() / "full";
  fs::remove_all(dir);
  auto gen = runSinkron("generate --out " + dir.string() + " --people 2000 --seed 3");
  REQUIRE(gen.exitCode == 0);
  auto rec = runSinkron("reconcile --left " + (dir / "simpeg.csv").string() + " --left-mapping " +
                        kMappings + "simpeg-csv.yaml --right " + (dir / "siasn.jsonl").string() +
                        " --right-mapping " + kMappings + "siasn-data-utama.yaml --out " +
                        (dir / "out").string() + " --as-of 2026-11-23 --lang en");
  INFO(rec.output);
  CHECK(rec.exitCode == 0);
  CHECK(rec.output.find("matched_with_differences") != std::string::npos);
  CHECK(rec.output.find("report.html") != std::string::npos);
  for (const char* f :
       {"pairs.csv", "situations.csv", "duplicates.csv", "differences.csv", "anomalies.csv",
        "errors.csv", "summary.json", "report.html", "report.xlsx"})
    CHECK(fs::exists(dir / "out" / f));
  std::ifstream pairs(dir / "out" / "pairs.csv");
  std::string header;
  std::getline(pairs, header);
  CHECK(header == "left_key,right_key,score,decision");
}

TEST_CASE("bad rows are reported with file:line, skipped, and set exit code 2", "[e2e][cli]") {
  auto dir = fixtureDir() / "bad";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "left.csv")
      << "id_pegawai;nip_baru;nip_lama;nama;tempat_lahir;tgl_lahir;jenis_kelamin;nik;pangkat_gol;"
         "jenjab;id_j;nama_jabatan;id_unit_kerja;unit_kerja;status_pegawai;kedudukan;tmt_cpns;"
         "tmt_pns;tmt_gol;email;no_hp;no_ref_bkn\n"
         "1;199001312015031002;;Budi Santoso, S.Kom.;Sleman;1990-01-31;L;3404013101900001;III/a;"
         "Fungsional Umum;5;Analis;7;Dinas Kesehatan;PNS;Aktif;2015-03-01;2016-03-01;2016-03-01;"
         "budi@example.go.id;081234567890;\n"
         "2;short row\n";
  std::ofstream(dir / "right.jsonl")
      << "{\"data\":{\"nipBaru\":\"199001312015031002\",\"nama\":\"BUDI SANTOSO\",\"tglLahir\":"
         "\"31-01-1990\",\"jenisKelamin\":\"M\",\"nik\":\"3404013101900001\"}}\n"
         "{\"data\":{\"nipBaru\":\"19900\n";
  auto rec = runSinkron("reconcile --left " + (dir / "left.csv").string() + " --left-mapping " +
                        kMappings + "simpeg-csv.yaml --right " + (dir / "right.jsonl").string() +
                        " --right-mapping " + kMappings + "siasn-data-utama.yaml --out " +
                        (dir / "out").string() + " --no-reports --lang en");
  INFO(rec.output);
  CHECK(rec.exitCode == 2);
  CHECK(rec.output.find("2 bad rows were skipped") != std::string::npos);
  CHECK(rec.output.find("left.csv:3: expected 22 columns, found 2") != std::string::npos);
  std::ifstream errors(dir / "out" / "errors.csv");
  std::stringstream ss;
  ss << errors.rdbuf();
  CHECK(ss.str().find("left.csv:3: expected 22 columns, found 2") != std::string::npos);
  CHECK(ss.str().find("right.jsonl:2: malformed JSON") != std::string::npos);
  std::ifstream pairs(dir / "out" / "pairs.csv");
  std::string header, first;
  std::getline(pairs, header);
  std::getline(pairs, first);
  CHECK(first.rfind("1,199001312015031002,", 0) == 0);
}

TEST_CASE("reconcile and generate speak Bahasa Indonesia or English (--lang)", "[e2e][cli]") {
  auto dir = fixtureDir() / "lang";
  fs::remove_all(dir);
  auto genId =
      runSinkron("generate --out " + (dir / "id").string() + " --people 50 --seed 5 --lang id");
  INFO(genId.output);
  REQUIRE(genId.exitCode == 0);
  CHECK(genId.output.find("50 orang dibuat: ") == 0);
  CHECK(genId.output.find("generated") == std::string::npos);
  auto genEn =
      runSinkron("--lang en generate --out " + (dir / "en").string() + " --people 50 --seed 5");
  INFO(genEn.output);
  REQUIRE(genEn.exitCode == 0);
  CHECK(genEn.output.find("generated 50 people: ") == 0);
  // Same seed, same files, whatever the language.
  auto slurp = [](const fs::path& f) {
    std::ifstream in(f);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  CHECK(slurp(dir / "id" / "simpeg.csv") == slurp(dir / "en" / "simpeg.csv"));

  auto reconcile = [&](const std::string& lang, const std::string& out) {
    return runSinkron("reconcile --left " + (dir / "id" / "simpeg.csv").string() +
                      " --left-mapping " + kMappings + "simpeg-csv.yaml --right " +
                      (dir / "id" / "siasn.jsonl").string() + " --right-mapping " + kMappings +
                      "siasn-data-utama.yaml --out " + (dir / out).string() +
                      " --as-of 2026-11-23 --no-reports --lang " + lang);
  };
  auto id = reconcile("id", "out-id");
  INFO(id.output);
  REQUIRE(id.exitCode == 0);
  for (const char* line :
       {"terbaca 50 data simpeg dalam ", "sinkron reconcile: simpeg (50 data, 0 baris buruk) vs ",
        "\n  cocok                     ", "\n  cocok dengan perbedaan    ",
        "\n  hanya kiri  (simpeg  )    ", "\n  duplikat                  ",
        "\n  anomali                   ", "\n  waktu: baca ", "\n  keluaran: "})
    CHECK(id.output.find(line) != std::string::npos);
  for (const char* english : {"records", "bad rows", "matched", "only_left", "time:", "output:"})
    CHECK(id.output.find(english) == std::string::npos);

  auto en = reconcile("en", "out-en");
  INFO(en.output);
  REQUIRE(en.exitCode == 0);
  for (const char* line :
       {"read 50 simpeg records in ", "sinkron reconcile: simpeg (50 records, 0 bad rows) vs ",
        "\n  matched                   ", "\n  matched_with_differences  ",
        "\n  only_left  (simpeg  )     ", "\n  duplicate                 ",
        "\n  anomalies                 ", "\n  time: read ", "\n  output: "})
    CHECK(en.output.find(line) != std::string::npos);
  CHECK(en.output.find("cocok") == std::string::npos);
  // The machine-read outputs do not depend on the language (summary.json holds times).
  for (const char* f : {"pairs.csv", "situations.csv", "differences.csv", "anomalies.csv"})
    CHECK(slurp(dir / "out-id" / f) == slurp(dir / "out-en" / f));
  CHECK(slurp(dir / "out-id" / "summary.json").find("\"situations\":{") != std::string::npos);

  // Errors too: the prefix in the chosen language, the cause (file:line) named.
  std::ofstream(dir / "bad.yaml") << "source: x\nformat: csv\nfields:\n  tgl_lahr: tgl\n";
  std::ofstream(dir / "l.csv") << "tgl\n2020-01-01\n";
  auto badMapping = [&](const std::string& lang) {
    return runSinkron("reconcile --left " + (dir / "l.csv").string() + " --left-mapping " +
                      (dir / "bad.yaml").string() + " --right " + (dir / "l.csv").string() +
                      " --right-mapping " + (dir / "bad.yaml").string() + " --out " +
                      (dir / "fail").string() + " --lang " + lang);
  };
  auto failId = badMapping("id"), failEn = badMapping("en");
  CHECK(failId.exitCode == 1);
  CHECK(failId.output.find("sinkron reconcile gagal: ") != std::string::npos);
  CHECK(failId.output.find("bad.yaml:4:") != std::string::npos);
  CHECK(failEn.exitCode == 1);
  CHECK(failEn.output.find("sinkron reconcile: ") != std::string::npos);
  CHECK(failEn.output.find("gagal") == std::string::npos);
  auto genFail = runSinkron("generate --out /proc/sinkron-no-such-dir --people 5 --lang id");
  CHECK(genFail.exitCode == 1);
  CHECK(genFail.output.find("sinkron generate gagal: ") != std::string::npos);
  auto genFailEn = runSinkron("generate --out /proc/sinkron-no-such-dir --people 5 --lang en");
  CHECK(genFailEn.exitCode == 1);
  CHECK(genFailEn.output.find("sinkron generate: cannot create folder /proc/sinkron-no-such-dir") !=
        std::string::npos);
}

TEST_CASE("a missing file or an invalid mapping fails fast with a clear message", "[e2e][cli]") {
  auto dir = fixtureDir() / "fail";
  fs::create_directories(dir);
  std::ofstream(dir / "bad.yaml") << "source: x\nformat: csv\nfields:\n  tgl_lahr: tgl\n";
  std::ofstream(dir / "l.csv") << "tgl\n2020-01-01\n";
  auto bad = runSinkron("reconcile --left " + (dir / "l.csv").string() + " --left-mapping " +
                        (dir / "bad.yaml").string() + " --right " + (dir / "l.csv").string() +
                        " --right-mapping " + (dir / "bad.yaml").string() + " --out " +
                        (dir / "out").string());
  CHECK(bad.exitCode == 1);
  CHECK(bad.output.find("bad.yaml:4:") != std::string::npos);
  CHECK(bad.output.find("tgl_lahir") != std::string::npos);

  auto missing =
      runSinkron("reconcile --left /nonexistent.csv --left-mapping " + kMappings +
                 "simpeg-csv.yaml --right /x --right-mapping /y --out " + (dir / "out").string());
  CHECK(missing.exitCode == 1);
  CHECK(missing.output.find("/nonexistent.csv") != std::string::npos);
}

TEST_CASE("reconcile handles files it has never seen, given a correct mapping", "[e2e][cli]") {
  auto dir = fixtureDir() / "unseen";
  fs::remove_all(dir);
  fs::create_directories(dir);
  // A comma CSV with other column names, dd/mm/yyyy dates and no key column: keys are row numbers.
  std::ofstream(dir / "absen.csv") << "Nama Lengkap,NIP,Lahir,JK\n"
                                      "\"Yani, Ahmad\",199001312015031002,31/01/1990,Laki-laki\n"
                                      "Sri Wahyuni,198702142010012003,14/02/1987,Perempuan\n"
                                      "Orang Baru,197001012000031001,01/01/1970,L\n";
  std::ofstream(dir / "absen.yaml")
      << "source: absensi\nformat: csv\ncsv: { delimiter: \",\" }\n"
         "fields:\n"
         "  nama: \"Nama Lengkap\"\n"
         "  nip: NIP\n"
         "  tgl_lahir: { from: Lahir, transform: { date: dd/mm/yyyy } }\n"
         "  jenis_kelamin: { from: JK, transform: { lookup: jenis_kelamin } }\n";
  // A JSON array (not JSON Lines) with nested fields.
  std::ofstream(dir / "pegawai.json")
      << "[\n {\"id\":\"P1\",\"pegawai\":{\"nip\":\"199001312015031002\",\"nama\":\"AHMAD YANI\"},"
         "\"lahir\":\"1990-01-31\",\"sex\":\"M\"},\n"
         " {\"id\":\"P2\",\"pegawai\":{\"nip\":\"198702142010012003\",\"nama\":\"SRI WAHYUNI\"},"
         "\"lahir\":\"1987-02-14\",\"sex\":\"F\"}\n]\n";
  std::ofstream(dir / "pegawai.yaml")
      << "source: hr\nformat: json\nkey: id\n"
         "fields:\n"
         "  nama: pegawai.nama\n"
         "  nip: pegawai.nip\n"
         "  tgl_lahir: { from: lahir, transform: { date: yyyy-mm-dd } }\n"
         "  jenis_kelamin: sex\n";
  auto rec =
      runSinkron("reconcile --left " + (dir / "absen.csv").string() + " --left-mapping " +
                 (dir / "absen.yaml").string() + " --right " + (dir / "pegawai.json").string() +
                 " --right-mapping " + (dir / "pegawai.yaml").string() + " --out " +
                 (dir / "out").string() + " --no-reports");
  INFO(rec.output);
  REQUIRE(rec.exitCode == 0);
  std::ifstream pairs(dir / "out" / "pairs.csv");
  std::string header, first, second, third;
  std::getline(pairs, header);
  std::getline(pairs, first);
  std::getline(pairs, second);
  CHECK(first.rfind("1,P1,", 0) == 0);
  CHECK(first.find(",match") != std::string::npos);
  CHECK(second.rfind("2,P2,", 0) == 0);
  CHECK_FALSE(std::getline(pairs, third));  // row 3 is only in the left file
  std::ifstream situations(dir / "out" / "situations.csv");
  std::stringstream ss;
  ss << situations.rdbuf();
  CHECK(ss.str().find("only_left,3,,,Orang Baru") != std::string::npos);
  // Names in another word order differ as text: a difference, owned by the left system (policy).
  std::ifstream differences(dir / "out" / "differences.csv");
  std::stringstream ds;
  ds << differences.rdbuf();
  CHECK(ds.str().find("1,P1,nama,\"Yani, Ahmad\",AHMAD YANI,absensi") != std::string::npos);
  CHECK(ds.str().find("tgl_lahir") == std::string::npos);  // same date in two layouts
}
