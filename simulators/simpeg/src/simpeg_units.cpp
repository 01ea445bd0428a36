// unit_kerja rows, the agency (SKPD) of a unit, the head post of each unit and the seeded
// per-unit defects (unmapped units, supervisor defects).
#include <string_view>
#include <vector>

#include "seeded_hash.hpp"
#include "sinkron/population/organisation.hpp"
#include "sinkron/sim/simpeg_model.hpp"

namespace sinkron::sim::simpeg {

namespace {

using population::Unit;
using population::UnitClass;

constexpr std::uint32_t kFirstLocalId = 10000, kRegionStride = 100;
constexpr std::uint64_t kUnmappedPerMille = 30;
constexpr std::uint64_t kAbolishedPerMille = 20, kRetiredPerMille = 100;

// The units every region's heads report to.
struct RegionHeads {
  std::uint32_t education = 0, health = 0, secretariat = 0;  // id_unit_kerja, 0 = none
};

const std::vector<RegionHeads>& regionHeads() {
  static const std::vector<RegionHeads> kHeads = [] {
    std::vector<RegionHeads> out;
    std::span<const Unit> all = population::units();
    const std::size_t perRegion = static_cast<std::size_t>(population::unitsPerRegion());
    for (std::size_t first = 0; first < all.size(); first += perRegion) {
      RegionHeads h;
      for (std::size_t i = first; i < first + perRegion && i < all.size(); ++i) {
        const Unit& u = all[i];
        if (u.unitClass == UnitClass::kEducationOffice && !h.education) h.education = u.localId;
        if (u.unitClass == UnitClass::kHealthOffice && !h.health) h.health = u.localId;
        if (u.agencyTitle == "Sekretariat Daerah") h.secretariat = u.localId;
      }
      out.push_back(h);
    }
    return out;
  }();
  return kHeads;
}

const RegionHeads* headsOf(std::uint32_t idUnitKerja) {
  if (idUnitKerja < kFirstLocalId) return nullptr;
  std::size_t region = (idUnitKerja - kFirstLocalId) / kRegionStride;
  const auto& all = regionHeads();
  return region < all.size() ? &all[region] : nullptr;
}

bool isSchool(UnitClass c) {
  return c == UnitClass::kPrimarySchool || c == UnitClass::kJuniorSchool;
}

std::string headTitle(const Unit& u) {
  if (isSchool(u.unitClass)) return "Kepala Sekolah";
  if (u.unitClass == UnitClass::kHospital) return "Direktur " + u.agencyTitle;
  // Secretariats and the inspectorate are led by a Sekretaris / an Inspektur.
  if (u.agencyTitle == "Sekretariat Daerah") return "Sekretaris Daerah";
  if (u.agencyTitle == "Sekretariat DPRD") return "Sekretaris DPRD";
  if (u.agencyTitle == "Inspektorat Daerah") return "Inspektur Daerah";
  return "Kepala " + u.agencyTitle;
}

std::uint32_t skpdOf(const Unit& u) {
  const RegionHeads* h = headsOf(u.localId);
  if (h && isSchool(u.unitClass) && h->education) return h->education;
  if (h && u.unitClass == UnitClass::kPuskesmas && h->health) return h->health;
  return u.localId;
}

}  // namespace

bool unitUnmapped(std::uint64_t seed, std::uint32_t idUnitKerja) {
  return seededHash(seed, idUnitKerja, kPurposeUnmapped) % 1000 < kUnmappedPerMille;
}

SupervisorDefect supervisorDefect(std::uint64_t seed, std::uint32_t idUnitKerja) {
  std::uint64_t h = seededHash(seed, idUnitKerja, kPurposeSupervisor) % 1000;
  if (h < kAbolishedPerMille) return SupervisorDefect::kAbolishedPost;
  if (h < kAbolishedPerMille + kRetiredPerMille) return SupervisorDefect::kRetiredHolder;
  return SupervisorDefect::kNone;
}

std::vector<UnitKerjaRow> unitKerjaRows(std::uint64_t seed) {
  std::vector<UnitKerjaRow> out;
  std::span<const Unit> all = population::units();
  out.reserve(all.size());
  for (const Unit& u : all) {
    UnitKerjaRow r;
    r.idUnitKerja = u.localId;
    r.nama = u.localName;
    r.idSkpd = skpdOf(u);
    if (!unitUnmapped(seed, u.localId)) r.idUnorBkn = u.unorId;
    out.push_back(std::move(r));
  }
  return out;
}

JabatanRow headPostRow(std::uint32_t idUnitKerja) {
  JabatanRow r;
  r.idJ = headPostOf(idUnitKerja);
  r.idUnitKerja = idUnitKerja;
  r.jenisJabatan = 1;
  const Unit* u = population::unitByLocalId(idUnitKerja);
  if (!u) {
    r.namaJabatan = "Kepala Unit";
    return r;
  }
  r.namaJabatan = headTitle(*u);
  const RegionHeads* h = headsOf(idUnitKerja);
  std::uint32_t bossUnit = h ? h->secretariat : 0;
  if (u->agencyTitle == "Sekretariat Daerah") {
    r.eselon = "II.a";
    bossUnit = 0;
  } else if (isSchool(u->unitClass)) {
    bossUnit = h ? h->education : 0;  // a school head is a teacher with an extra duty
  } else if (u->unitClass == UnitClass::kPuskesmas) {
    r.eselon = "IV.a";
    bossUnit = h ? h->health : 0;
  } else if (u->unitClass == UnitClass::kHospital) {
    r.eselon = "III.a";
  } else {
    r.eselon = "II.b";
  }
  if (bossUnit && bossUnit != idUnitKerja) r.idBos = headPostOf(bossUnit);
  return r;
}

}  // namespace sinkron::sim::simpeg
