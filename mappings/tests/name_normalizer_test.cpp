#include <catch2/catch.hpp>

#include "sinkron/mappings/name_normalizer.hpp"

using namespace sinkron::mappings;

TEST_CASE("splitTitledName separates inline titles", "[mappings][names]") {
  auto s = splitTitledName("Dr. H. Ahmad Yani, S.Pd., M.Si.");
  CHECK(s.gelarDepan == "Dr. H.");
  CHECK(s.nama == "Ahmad Yani");
  CHECK(s.gelarBelakang == "S.Pd., M.Si.");

  auto plain = splitTitledName("SUTRISNO");
  CHECK(plain.gelarDepan.empty());
  CHECK(plain.nama == "SUTRISNO");
  CHECK(plain.gelarBelakang.empty());

  auto noComma = splitTitledName("Ir. Budi Santoso S.T.");
  CHECK(noComma.gelarDepan == "Ir.");
  CHECK(noComma.nama == "Budi Santoso");
  CHECK(noComma.gelarBelakang == "S.T.");

  // "St." at the front is Siti, not a title; "M." is Muhammad.
  CHECK(splitTitledName("St. Aminah").nama == "St. Aminah");
  CHECK(splitTitledName("Hj. St. Aminah, S.E.").nama == "St. Aminah");
  // A single token is never taken as a title.
  CHECK(splitTitledName("Dr.").nama == "Dr.");
}

TEST_CASE("normalizeName folds titles, case and spelling variants", "[mappings][names]") {
  auto [a, b] = GENERATE(table<std::string, std::string>({
      {"Dr. H. Ahmad Yani, S.Pd., M.Si.", "ahmad yani"},
      {"AHMAD YANI", "ahmad yani"},
      {"Achmad Jani", "ahmad jani"},
      {"M. Ridwan", "muhammad ridwan"},
      {"Moh. Ridwan", "muhammad ridwan"},
      {"Muhamad Ridwan", "muhammad ridwan"},
      {"Soeharto", "suharto"},
      {"Djoko Tjahjono", "joko cahjono"},
      {"Nurul Hidayah", "nur hidayah"},
      {"St. Aminah", "siti aminah"},
      {"I Gusti Ayu Made Sri", "i gusti ayu made sri"},
      {"  Budi   Santoso  S.Kom ", "budi santoso"},
      {"Siti \"Anis\" Aminah", "siti anis aminah"},
      {"YANI, AHMAD", "yani ahmad"},
      {"Ahmad Yani, S.Pd., M.Si.", "ahmad yani"},
  }));
  CAPTURE(a);
  CHECK(normalizeName(a) == b);
}

TEST_CASE("isTitleToken knows titles with and without dots", "[mappings][names]") {
  CHECK(isTitleToken("S.Pd."));
  CHECK(isTitleToken("spd"));
  CHECK(isTitleToken("Hj."));
  CHECK(isTitleToken("A.Md.Kep."));
  CHECK_FALSE(isTitleToken("Ahmad"));
}
