#pragma once
// Name and birth-place tables of the main Indonesian naming traditions, with Zipf-like picks so
// that common names repeat (as in real registers).
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "random.hpp"
#include "sinkron/population/person.hpp"

namespace sinkron::population {

enum class NameGroup : std::uint8_t {
  kJavanese,
  kSundanese,
  kMuslim,
  kBatak,
  kMinang,
  kBugis,
  kBalinese,
  kChinese,
  kChristianEast,
};

struct Place {
  std::string_view name;  // title case
  int province;           // NIK / BPS code 11..92
  int regency;            // 01..79 (71+ = kota)
  bool isRegion;          // a kabupaten/kota that also hosts work units
};

NameGroup pickNameGroup(Rng& rng);
bool isMuslimGroup(NameGroup group);
// Given names and an optional family part ("" when the person has a single name). With
// `needFamily`, a family part is always produced (twins share it).
void makeName(NameGroup group, Sex sex, bool needFamily, Rng& rng, std::string& given,
              std::string& family);
// Only a first name (for a twin who keeps the family part).
void makeGivenName(NameGroup group, Sex sex, Rng& rng, std::string& given);
const Place& pickBirthPlace(NameGroup group, Rng& rng);
// Every kabupaten/kota of the tables (the work regions).
std::span<const Place> regions();
// Index into regions() of the kabupaten/kota with the place's codes, -1 when none.
int regionIndexOf(const Place& place);

}  // namespace sinkron::population
