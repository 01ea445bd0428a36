#include <catch2/catch.hpp>

#include "sinkron/mappings/unit_name.hpp"

using sinkron::mappings::normalizeUnitName;

TEST_CASE("normalizeUnitName makes local and national spellings equal", "[mappings]") {
  CHECK(normalizeUnitName("Disdikbud Kab. Sleman") ==
        normalizeUnitName("DINAS PENDIDIKAN DAN KEBUDAYAAN KABUPATEN SLEMAN"));
  CHECK(normalizeUnitName("Disdikbud Kab. Sleman") ==
        "dinas pendidikan dan kebudayaan kabupaten sleman");
  CHECK(normalizeUnitName("Disdukcapil") ==
        normalizeUnitName("Dinas Kependudukan & Pencatatan Sipil"));
  CHECK(normalizeUnitName("UPTD Puskesmas Mlati I") ==
        normalizeUnitName("Unit Pelaksana Teknis Dinas Pusat Kesehatan Masyarakat Mlati I"));
}

TEST_CASE("normalizeUnitName expands abbreviations from its table", "[mappings]") {
  auto [text, expected] = GENERATE(table<std::string, std::string>({
      {"", ""},
      {"  BKPSDM   Kab.  Sleman ",
       "badan kepegawaian dan pengembangan sumber daya manusia "
       "kabupaten sleman"},
      {"SDN 1 Depok", "sd negeri 1 depok"},
      {"SD Negeri 1 Depok", "sd negeri 1 depok"},
      {"SD N 1 Depok", "sd negeri 1 depok"},
      {"Sekolah Dasar Negeri 1 Depok", "sd negeri 1 depok"},
      {"SMPN2 Ngaglik", "smp negeri 2 ngaglik"},
      {"Setda Kab. Bantul", "sekretariat daerah kabupaten bantul"},
      {"Bag. Organisasi Sekda", "bagian organisasi sekretariat daerah"},
      {"Subbag Umum & Kepegawaian", "sub bagian umum dan kepegawaian"},
      {"Sub-Bag. Keuangan", "sub bagian keuangan"},
      {"RSUD Wonosari", "rumah sakit umum daerah wonosari"},
      {"Puskesmas Kec. Depok", "pusat kesehatan masyarakat kecamatan depok"},
      {"Kel. Caturtunggal", "kelurahan caturtunggal"},
      {"Satpol-PP", "satuan polisi pamong praja"},
      {"Satpol PP Kab. Sleman", "satuan polisi pamong praja kabupaten sleman"},
      {"BAPPEDA", "badan perencanaan pembangunan daerah"},
      {"BKD", "badan kepegawaian daerah"},
      {"Dinkes", "dinas kesehatan"},
      {"Dishub", "dinas perhubungan"},
      {"Disdik", "dinas pendidikan"},
      {"DPMPTSP", "dinas penanaman modal dan pelayanan terpadu satu pintu"},
      {"BPBD", "badan penanggulangan bencana daerah"},
      {"Dinas Dukcapil", "dinas kependudukan dan pencatatan sipil"},
      {"Dinas P3A", "dinas p3a"},
      {"Kecamatan Mlati", "kecamatan mlati"},
  }));
  CAPTURE(text);
  CHECK(normalizeUnitName(text) == expected);
}

TEST_CASE("normalizeUnitName keeps non-ASCII bytes inside words", "[mappings]") {
  CHECK(normalizeUnitName("Kec. Pōso") == "kecamatan pōso");
}
