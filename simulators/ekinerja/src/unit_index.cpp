#include "unit_index.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "sinkron/population/organisation.hpp"

namespace sinkron::sim::ekinerja {
namespace {

std::uint64_t nipNumber(std::string_view nip) {
  std::uint64_t n = 0;
  for (char c : nip) n = n * 10 + static_cast<std::uint64_t>(c - '0');
  return n;
}

// Higher ranks head a unit: a structural post first, then the higher golongan.
int headRank(const population::Person& p) {
  return (p.jenisJabatan == 1 ? 100 : 0) + p.golongan;
}

}  // namespace

bool UnitIndex::isEmployee(const population::Person& person) {
  if (!person.inSiasn) return false;
  return person.kedudukanId != "98" && person.kedudukanId != "99" && person.kedudukanId != "66";
}

Member UnitIndex::memberOf(const population::Person& person) {
  return Member{static_cast<std::uint32_t>(person.index),
                static_cast<std::uint16_t>(person.tmtCpns.year),
                static_cast<std::uint8_t>(person.tmtCpns.month),
                static_cast<std::uint8_t>(person.tmtCpns.day)};
}

std::optional<std::uint32_t> UnitIndex::unitOfPerson(const population::Person& person) {
  const population::Unit* unit = population::unitByLocalId(person.unitLocalId);
  if (unit == nullptr) return std::nullopt;
  return static_cast<std::uint32_t>(unit - population::units().data());
}

UnitIndex::UnitIndex(const population::PopulationGenerator& population) {
  std::span<const population::Unit> all = population::units();
  auto unitCount = static_cast<std::uint32_t>(all.size());
  unitByUnorId_.reserve(all.size());
  for (std::uint32_t u = 0; u < unitCount; ++u) {
    unitByUnorId_.emplace(all[u].unorId, u);
    if (setdaSlot_ < 0 && all[u].agencyTitle == "Sekretariat Daerah")
      setdaSlot_ = static_cast<int>(u) % population::unitsPerRegion();
  }

  struct Entry {
    std::uint32_t unit;
    std::uint64_t nip;
    Member member;
  };
  std::vector<Entry> entries;
  std::vector<std::uint64_t> headNip(unitCount, UINT64_MAX);
  std::vector<int> headRanks(unitCount, -1);
  heads_.assign(unitCount, kNobody);
  std::uint64_t people = population.options().people;
  entries.reserve(people);
  for (std::uint64_t i = 0; i < people; ++i) {
    population::Person p = population.person(i);
    if (!isEmployee(p)) continue;
    std::optional<std::uint32_t> unit = unitOfPerson(p);
    if (!unit) continue;
    std::uint64_t nip = nipNumber(p.nipBaru);
    entries.push_back({*unit, nip, memberOf(p)});
    int rank = headRank(p);
    if (rank > headRanks[*unit] || (rank == headRanks[*unit] && nip < headNip[*unit])) {
      headRanks[*unit] = rank;
      headNip[*unit] = nip;
      heads_[*unit] = static_cast<std::uint32_t>(i);
    }
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.unit != b.unit ? a.unit < b.unit : a.nip < b.nip;
  });
  offsets_.assign(unitCount + 1, 0);
  members_.reserve(entries.size());
  for (const Entry& e : entries) {
    ++offsets_[e.unit + 1];
    members_.push_back(e.member);
  }
  for (std::uint32_t u = 0; u < unitCount; ++u) offsets_[u + 1] += offsets_[u];
}

std::optional<std::uint32_t> UnitIndex::unitOf(std::string_view unorId) const {
  if (unorId.size() != 32) return std::nullopt;
  std::string lower(unorId);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto it = unitByUnorId_.find(lower);
  if (it == unitByUnorId_.end()) return std::nullopt;
  return it->second;
}

std::span<const Member> UnitIndex::members(std::uint32_t unit) const {
  if (unit + 1 >= offsets_.size()) return {};
  return std::span<const Member>(members_).subspan(offsets_[unit],
                                                   offsets_[unit + 1] - offsets_[unit]);
}

std::optional<std::uint32_t> UnitIndex::supervisorOf(std::uint64_t person,
                                                     std::uint32_t unit) const {
  if (unit >= heads_.size()) return std::nullopt;
  if (heads_[unit] != kNobody && heads_[unit] != person) return heads_[unit];
  if (setdaSlot_ < 0) return std::nullopt;
  auto perRegion = static_cast<std::uint32_t>(population::unitsPerRegion());
  std::uint32_t setda = unit / perRegion * perRegion + static_cast<std::uint32_t>(setdaSlot_);
  if (setda >= heads_.size() || heads_[setda] == kNobody || heads_[setda] == person)
    return std::nullopt;
  return heads_[setda];
}

}  // namespace sinkron::sim::ekinerja
