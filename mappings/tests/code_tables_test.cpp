#include <catch2/catch.hpp>

#include "sinkron/mappings/code_tables.hpp"

using namespace sinkron::mappings;

TEST_CASE("golonganByCode knows the 17 ranks", "[mappings]") {
  auto [code, roman, pangkat] = GENERATE(table<int, std::string, std::string>({
      {11, "I/a", "Juru Muda"},
      {12, "I/b", "Juru Muda Tingkat I"},
      {13, "I/c", "Juru"},
      {14, "I/d", "Juru Tingkat I"},
      {21, "II/a", "Pengatur Muda"},
      {22, "II/b", "Pengatur Muda Tingkat I"},
      {23, "II/c", "Pengatur"},
      {24, "II/d", "Pengatur Tingkat I"},
      {31, "III/a", "Penata Muda"},
      {32, "III/b", "Penata Muda Tingkat I"},
      {33, "III/c", "Penata"},
      {34, "III/d", "Penata Tingkat I"},
      {41, "IV/a", "Pembina"},
      {42, "IV/b", "Pembina Tingkat I"},
      {43, "IV/c", "Pembina Utama Muda"},
      {44, "IV/d", "Pembina Utama Madya"},
      {45, "IV/e", "Pembina Utama"},
  }));
  auto g = golonganByCode(code);
  REQUIRE(g.has_value());
  CHECK(g->roman == roman);
  CHECK(g->pangkat == pangkat);
  // Every spelling of the same rank leads back to its code.
  CHECK(parseGolongan(roman)->code == code);
  CHECK(parseGolongan(pangkat)->code == code);
  CHECK(parseGolongan(std::to_string(code))->code == code);
  CHECK(parseGolongan(pangkat + " (" + roman + ")")->code == code);
}

TEST_CASE("parseGolongan accepts local spellings", "[mappings]") {
  auto [text, code] = GENERATE(table<std::string, int>({
      {"III/b", 32},
      {"III b", 32},
      {"iii/B", 32},
      {"3b", 32},
      {"3/b", 32},
      {"IIIb", 32},
      {" 32 ", 32},
      {"Penata Muda Tk. I", 32},
      {"Penata Muda Tk.I", 32},
      {"PENATA MUDA TINGKAT I", 32},
      {"Penata Muda Tingkat I (III/b)", 32},
      {"III/b - Penata Muda Tk. I", 32},
      {"IV/e", 45},
      {"Pembina Utama Muda (IV/c)", 43},
      {"Juru Tk. I", 14},
  }));
  CAPTURE(text);
  auto g = parseGolongan(text);
  REQUIRE(g.has_value());
  CHECK(g->code == code);
}

TEST_CASE("parseGolongan rejects what is not a rank", "[mappings]") {
  auto text = GENERATE(as<std::string>{}, "", "V/a", "III/e", "IV/f", "15", "50", "Penata Madya",
                       "I", "Penata (III/b)", "Pembina Tingkat II");
  CAPTURE(text);
  CHECK_FALSE(parseGolongan(text).has_value());
  CHECK_FALSE(golonganByCode(35).has_value());
}

TEST_CASE("builtin code tables are found by name", "[mappings]") {
  for (std::string_view name :
       {"golongan", "jenis_kelamin", "kedudukan", "jenis_jabatan", "status_pegawai"}) {
    const CodeTable* t = builtinCodeTable(name);
    REQUIRE(t != nullptr);
    CHECK(t->name() == name);
    CHECK(builtinCodeTableNames().find(name) != std::string_view::npos);
  }
  CHECK(builtinCodeTable("agama") == nullptr);
}

TEST_CASE("builtin code tables map codes and names to canonical codes", "[mappings]") {
  auto [tableName, text, code] = GENERATE(table<std::string, std::string, std::string>({
      {"golongan", "III/b", "32"},
      {"golongan", "Pembina Tk. I", "42"},
      {"jenis_kelamin", "Laki-laki", "M"},
      {"jenis_kelamin", "P", "F"},
      {"kedudukan", "01", "01"},
      {"kedudukan", "1", "01"},
      {"kedudukan", "AKTIF", "01"},
      {"kedudukan", "CLTN", "02"},
      {"kedudukan", "Cuti di Luar Tanggungan Negara", "02"},
      {"kedudukan", "tugas belajar", "03"},
      {"kedudukan", "Pemberhentian Sementara", "04"},
      {"kedudukan", "Masa Persiapan Pensiun", "20"},
      {"kedudukan", "MPP", "20"},
      {"kedudukan", "Diberhentikan", "66"},
      {"kedudukan", "Mencapai BUP", "98"},
      {"kedudukan", "pensiun", "99"},
      {"jenis_jabatan", "Struktural", "1"},
      {"jenis_jabatan", "Fungsional Tertentu", "2"},
      {"jenis_jabatan", "Fungsional", "2"},
      {"jenis_jabatan", "JFT", "2"},
      {"jenis_jabatan", "Rangkap", "3"},
      {"jenis_jabatan", "Fungsional Umum", "4"},
      {"jenis_jabatan", "fungsional umum / pelaksana", "4"},
      {"jenis_jabatan", "JFU", "4"},
      {"jenis_jabatan", "Pelaksana", "4"},
      {"jenis_jabatan", "4", "4"},
      {"status_pegawai", "pns", "PNS"},
      {"status_pegawai", "CPNS", "CPNS"},
      {"status_pegawai", "Calon PNS", "CPNS"},
      {"status_pegawai", "P3K", "PPPK"},
      {"status_pegawai", "PPPK", "PPPK"},
  }));
  CAPTURE(tableName, text);
  const CodeTable* t = builtinCodeTable(tableName);
  REQUIRE(t != nullptr);
  auto hit = t->canonical(text);
  REQUIRE(hit.has_value());
  CHECK(*hit == code);
}

TEST_CASE("builtin code tables reject unknown text and label codes", "[mappings]") {
  CHECK_FALSE(builtinCodeTable("kedudukan")->canonical("Cuti Besar").has_value());
  CHECK_FALSE(builtinCodeTable("kedudukan")->canonical("").has_value());
  CHECK_FALSE(builtinCodeTable("jenis_jabatan")->canonical("5").has_value());
  CHECK_FALSE(builtinCodeTable("status_pegawai")->canonical("Honorer").has_value());
  CHECK_FALSE(builtinCodeTable("jenis_kelamin")->canonical("X").has_value());
  CHECK_FALSE(builtinCodeTable("golongan")->canonical("III/f").has_value());

  CHECK(builtinCodeTable("kedudukan")->label("01") == "Aktif");
  CHECK(builtinCodeTable("kedudukan")->label("99") == "Pensiun");
  CHECK(builtinCodeTable("golongan")->label("32") == "Penata Muda Tingkat I (III/b)");
  CHECK(builtinCodeTable("jenis_kelamin")->label("F") == "Perempuan");
  CHECK(builtinCodeTable("jenis_jabatan")->label("2") == "Fungsional Tertentu");
  CHECK(builtinCodeTable("status_pegawai")->label("PPPK") ==
        "Pegawai Pemerintah dengan Perjanjian Kerja");
  CHECK(builtinCodeTable("kedudukan")->label("42").empty());
}
