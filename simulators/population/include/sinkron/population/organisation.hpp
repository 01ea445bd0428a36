#pragma once
// The organisation every generated person works in: work units (offices, hospital, schools,
// puskesmas) of every region, with their SIMPEG local id and SIASN unor id. Simulators serve
// these as unit tables and reference data.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace sinkron::population {

enum class UnitClass : std::uint8_t {
  kOffice,
  kEducationOffice,
  kHealthOffice,
  kHospital,
  kPrimarySchool,
  kJuniorSchool,
  kPuskesmas
};

struct Unit {
  std::uint32_t localId;         // SIMPEG id_unit_kerja
  std::string unorId;            // SIASN 32-hex id
  std::string nationalName;      // "DINAS KESEHATAN KABUPATEN SLEMAN"
  std::string localName;         // "Dinkes Kab. Sleman" / "Dinas Kesehatan Kabupaten Sleman" / ...
  std::string agencyTitle;       // "Dinas Kesehatan" (for "Kepala ..."), empty for schools
  std::string_view emailDomain;  // "slemankab.go.id"
  UnitClass unitClass;
  std::uint16_t agency;  // office agency index, or a fixed code per class
};

// All units of all regions; index = region * unitsPerRegion() + slot.
std::span<const Unit> units();
int unitsPerRegion();
// The unit whose SIMPEG id_unit_kerja is `localId`, or nullptr.
const Unit* unitByLocalId(std::uint32_t localId);

}  // namespace sinkron::population
