#include <catch2/catch.hpp>

#include "sinkron/mappings/identifiers.hpp"

using namespace sinkron::mappings;

TEST_CASE("parseNip reads a PNS NIP", "[mappings]") {
  auto text = GENERATE(as<std::string>{}, "199001312015031002", "19900131 201503 1 002",
                       " 19900131.201503.1.002 ");
  auto nip = parseNip(text);
  REQUIRE(nip.ok());
  CHECK(nip->kind == NipKind::kPns);
  CHECK(nip->digits == "199001312015031002");
  CHECK(nip->birthDate == CivilDate{1990, 1, 31});
  CHECK(nip->tmtYear == 2015);
  CHECK(nip->tmtMonth == 3);
  CHECK(nip->sex == Sex::kMale);
  CHECK(nip->serial == 2);
}

TEST_CASE("parseNip reads a female PNS NIP", "[mappings]") {
  auto nip = parseNip("198512252010012003");
  REQUIRE(nip.ok());
  CHECK(nip->kind == NipKind::kPns);
  CHECK(nip->birthDate == CivilDate{1985, 12, 25});
  CHECK(nip->tmtYear == 2010);
  CHECK(nip->tmtMonth == 1);
  CHECK(nip->sex == Sex::kFemale);
  CHECK(nip->serial == 3);
}

TEST_CASE("parseNip reads the PPPK layout", "[mappings]") {
  auto [text, sex, serial] = GENERATE(table<std::string, Sex, int>({
      {"199205142021211005", Sex::kMale, 5},
      {"198803082022232014", Sex::kFemale, 14},
  }));
  auto nip = parseNip(text);
  REQUIRE(nip.ok());
  CHECK(nip->kind == NipKind::kPppk);
  CHECK(nip->tmtMonth == 0);
  CHECK(nip->sex == sex);
  CHECK(nip->serial == serial);
  if (sex == Sex::kMale) {
    CHECK(nip->birthDate == CivilDate{1992, 5, 14});
    CHECK(nip->tmtYear == 2021);
  }
}

TEST_CASE("parseNip reads an old 9-digit NIP", "[mappings]") {
  auto nip = parseNip("131 234 567");
  REQUIRE(nip.ok());
  CHECK(nip->kind == NipKind::kOld);
  CHECK(nip->digits == "131234567");
  CHECK(nip->serial == 234567);
  CHECK(nip->sex == Sex::kUnknown);
  CHECK_FALSE(nip->birthDate.valid());
}

TEST_CASE("parseNip errors name the value and what was expected", "[mappings]") {
  auto [text, message] = GENERATE(table<std::string, std::string>({
      {"19900131201503100", "NIP '19900131201503100' has 17 digits, expected 18 or 9"},
      {"1990013120150310021", "NIP '1990013120150310021' has 19 digits, expected 18 or 9"},
      {"", "NIP is empty (expected 18 or 9 digits)"},
      {"19900131201503100A",
       "NIP '19900131201503100A' contains 'A' (expected digits; spaces and dots are ignored)"},
      {"199013012015031002",
       "birth date 19901301 in NIP '199013012015031002' is not a date (expected yyyymmdd)"},
      {"199002302015031002",
       "birth date 19900230 in NIP '199002302015031002' is not a date (expected yyyymmdd)"},
      {"199001312015131002",
       "TMT CPNS 201513 in NIP '199001312015131002' is not a month (expected yyyymm)"},
      {"199001312015001002",
       "TMT CPNS 201500 in NIP '199001312015001002' is not a month (expected yyyymm)"},
      {"199001311985031002",
       "TMT 198503 in NIP '199001311985031002' is before the birth date 1990-01-31"},
      {"199001312015033002", "sex digit 3 in NIP '199001312015033002' must be 1 or 2"},
      {"199001312015031000", "serial 000 in NIP '199001312015031000' must be 001..999"},
      {"199205142021201005", "frequency digit 0 in PPPK NIP '199205142021201005' must be 1..9"},
      {"000000000", "old NIP '000000000' is all zeros"},
  }));
  auto nip = parseNip(text);
  REQUIRE_FALSE(nip.ok());
  CHECK(nip.error().code == sinkron::ErrorCode::kParse);
  CHECK(nip.error().message == message);
}

TEST_CASE("parseNik reads province, birth date and sex", "[mappings]") {
  SECTION("female: 40 is added to the day") {
    auto nik = parseNik("3404017101900001");
    REQUIRE(nik.ok());
    CHECK(nik->digits == "3404017101900001");
    CHECK(nik->province == 34);
    CHECK(nik->regency == 4);
    CHECK(nik->district == 1);
    CHECK(nik->birthDay == 31);
    CHECK(nik->birthMonth == 1);
    CHECK(nik->birthYear2 == 90);
    CHECK(nik->sex == Sex::kFemale);
    CHECK(nik->serial == 1);
    CHECK(nik->matchesBirthDate(CivilDate{1990, 1, 31}));
    CHECK_FALSE(nik->matchesBirthDate(CivilDate{1990, 1, 13}));
  }
  SECTION("male, written with separators") {
    auto nik = parseNik("3404.01.310190.0002");
    REQUIRE(nik.ok());
    CHECK(nik->birthDay == 31);
    CHECK(nik->sex == Sex::kMale);
    CHECK(nik->serial == 2);
  }
  SECTION("29 February is accepted without knowing the century") {
    CHECK(parseNik("3404016902000001").ok());
  }
}

TEST_CASE("parseNik errors name the value and what was expected", "[mappings]") {
  auto [text, message] = GENERATE(table<std::string, std::string>({
      {"340401710190001", "NIK '340401710190001' has 15 digits, expected 16"},
      {"", "NIK is empty (expected 16 digits)"},
      {"34040171019000O1",
       "NIK '34040171019000O1' contains 'O' (expected digits; spaces and dots are ignored)"},
      {"0504017101900001", "province code 05 in NIK '0504017101900001' must be 11..99"},
      {"3400017101900001", "regency code 00 in NIK '3400017101900001' must be 01..99"},
      {"3404007101900001", "district code 00 in NIK '3404007101900001' must be 01..99"},
      {"3404013501900001",
       "birth day 35 in NIK '3404013501900001' must be 01..31 (men) or 41..71 (women)"},
      {"3404017201900001",
       "birth day 72 in NIK '3404017201900001' must be 01..31 (men) or 41..71 (women)"},
      {"3404010001900001",
       "birth day 00 in NIK '3404010001900001' must be 01..31 (men) or 41..71 (women)"},
      {"3404013113900001", "birth month 13 in NIK '3404013113900001' must be 01..12"},
      {"3404013002900001", "birth day 30 in NIK '3404013002900001' does not exist in month 02"},
      {"3404017101900000", "serial 0000 in NIK '3404017101900000' must not be 0000"},
  }));
  auto nik = parseNik(text);
  REQUIRE_FALSE(nik.ok());
  CHECK(nik.error().message == message);
}

TEST_CASE("parseSex accepts local spellings", "[mappings]") {
  auto [text, sex] = GENERATE(table<std::string, Sex>({
      {"L", Sex::kMale},
      {"m", Sex::kMale},
      {"1", Sex::kMale},
      {"Laki-laki", Sex::kMale},
      {"LAKI-LAKI", Sex::kMale},
      {"pria", Sex::kMale},
      {" P ", Sex::kFemale},
      {"F", Sex::kFemale},
      {"2", Sex::kFemale},
      {"Perempuan", Sex::kFemale},
      {"WANITA", Sex::kFemale},
      {"", Sex::kUnknown},
      {"X", Sex::kUnknown},
      {"3", Sex::kUnknown},
  }));
  CAPTURE(text);
  CHECK(parseSex(text) == sex);
  CHECK(sexCode(Sex::kMale) == "M");
  CHECK(sexCode(Sex::kFemale) == "F");
  CHECK(sexCode(Sex::kUnknown).empty());
}

TEST_CASE("checkNip compares what the NIP encodes with the record", "[mappings]") {
  const Nip nip = *parseNip("199001312015031002");
  std::vector<Inconsistency> out;

  SECTION("agreement finds nothing") {
    checkNip(nip, CivilDate{1990, 1, 31}, Sex::kMale, CivilDate{2015, 3, 1}, out);
    CHECK(out.empty());
  }
  SECTION("absent values are not compared") {
    checkNip(nip, std::nullopt, Sex::kUnknown, std::nullopt, out);
    CHECK(out.empty());
  }
  SECTION("a birth-date mismatch names both dates") {
    checkNip(nip, CivilDate{1990, 1, 13}, Sex::kMale, std::nullopt, out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].code == "nip_tgl_lahir");
    CHECK(out[0].message == "NIP says birth date 1990-01-31, record says 1990-01-13");
  }
  SECTION("sex and TMT CPNS mismatches") {
    checkNip(nip, CivilDate{1990, 1, 31}, Sex::kFemale, CivilDate{2016, 3, 1}, out);
    REQUIRE(out.size() == 2);
    CHECK(out[0].code == "nip_jenis_kelamin");
    CHECK(out[0].message == "NIP says sex M, record says F");
    CHECK(out[1].code == "nip_tmt_cpns");
    CHECK(out[1].message == "NIP says TMT CPNS 2015-03, record says 2016-03-01");
  }
  SECTION("PPPK: the appointment year is not compared with TMT CPNS") {
    checkNip(*parseNip("199205142021211005"), CivilDate{1992, 5, 14}, Sex::kMale,
             CivilDate{2023, 1, 1}, out);
    CHECK(out.empty());
  }
  SECTION("an old NIP encodes nothing to compare") {
    checkNip(*parseNip("131234567"), CivilDate{1960, 1, 1}, Sex::kFemale, std::nullopt, out);
    CHECK(out.empty());
  }
}

TEST_CASE("checkNik compares birth date and sex", "[mappings]") {
  const Nik nik = *parseNik("3404017101900001");
  std::vector<Inconsistency> out;
  SECTION("agreement") {
    checkNik(nik, CivilDate{1990, 1, 31}, Sex::kFemale, out);
    CHECK(out.empty());
  }
  SECTION("mismatches name both values") {
    checkNik(nik, CivilDate{1991, 1, 31}, Sex::kMale, out);
    REQUIRE(out.size() == 2);
    CHECK(out[0].code == "nik_tgl_lahir");
    CHECK(out[0].message == "NIK says birth date 31-01-90 (dd-mm-yy), record says 1991-01-31");
    CHECK(out[1].code == "nik_jenis_kelamin");
    CHECK(out[1].message == "NIK says sex F, record says M");
  }
}

TEST_CASE("a non-digit anywhere in a NIP or NIK is found, whatever byte it is", "[mappings]") {
  // Digits are checked eight at a time; every byte value at every position must still be seen.
  const std::string nip = "199001312015031002", nik = "3404017101900001";
  for (const std::string* valid : {&nip, &nik}) {
    for (std::size_t at = 0; at < valid->size(); ++at) {
      for (int byte = 1; byte < 256; ++byte) {
        const char c = static_cast<char>(byte);
        // Blanks and dots are ignored; a line break at either end is trimmed.
        if ((c >= '0' && c <= '9') || c == ' ' || c == '\t' || c == '.' || c == '\r' || c == '\n')
          continue;
        std::string text = *valid;
        text[at] = c;
        INFO("byte " << byte << " at " << at);
        if (valid == &nip) {
          const auto parsed = parseNip(text);
          REQUIRE_FALSE(parsed.ok());
          CHECK_THAT(parsed.error().message, Catch::Matchers::Contains("contains"));
        } else {
          REQUIRE_FALSE(parseNik(text).ok());
        }
      }
    }
  }
  // Ignorable characters fall back to the byte-by-byte path and are dropped.
  REQUIRE(parseNip("19900131 201503 1 002").ok());
  CHECK(parseNip("19900131 201503 1 002")->digits == nip);
  CHECK(parseNik("3404.0171.0190.0001")->digits == nik);
}
