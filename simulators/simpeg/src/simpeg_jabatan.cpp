// The jabatan table: the positions the pegawai rows hold, every unit's head post, and who
// reports to whom, with the seeded supervisor defects.
#include <algorithm>
#include <charconv>
#include <map>
#include <unordered_map>

#include "sinkron/population/organisation.hpp"
#include "sinkron/sim/simpeg_model.hpp"

namespace sinkron::sim::simpeg {

namespace {

struct Holding {
  std::string name;
  bool nameFromTrueHolder = false;  // named by someone whose true position it is
  std::uint32_t holders = 0, activeHolders = 0;
};

int jenisOfCatalog(std::uint32_t catalog) {
  return catalog < 300 ? 2 : catalog < 400 ? 1 : 4;
}

std::string eselonOfCatalog(std::uint32_t catalog) {
  if (catalog == 301) return "III.a";                   // Sekretaris
  if (catalog >= 310 && catalog < 330) return "III.b";  // Kepala Bidang
  if (catalog >= 330 && catalog < 400) return "IV.a";   // Kepala Seksi / Sub Bagian
  return {};
}

JabatanRow abolishedPostRow(std::uint32_t unit) {
  JabatanRow r;
  r.idJ = unit * 1000 + kAbolishedCatalog;
  r.namaJabatan = "Kepala Seksi (struktur lama)";
  r.jenisJabatan = 1;
  r.eselon = "IV.a";
  r.idUnitKerja = unit;
  r.idBos = headPostOf(unit);
  return r;
}

}  // namespace

struct JabatanTableBuilder::Impl {
  std::uint64_t seed;
  std::unordered_map<std::uint32_t, Holding> held;
};

JabatanTableBuilder::JabatanTableBuilder(std::uint64_t seed) : impl_(std::make_unique<Impl>()) {
  impl_->seed = seed;
}
JabatanTableBuilder::~JabatanTableBuilder() = default;

void JabatanTableBuilder::add(const population::SimpegRow& row, const population::Person& person) {
  std::uint32_t idJ = 0;
  std::from_chars(row.idJ.data(), row.idJ.data() + row.idJ.size(), idJ);
  Holding& h = impl_->held[idJ];
  ++h.holders;
  if (row.kedudukan != "Pensiun") ++h.activeHolders;
  bool trueHolder = person.jabatanLocalId == idJ;
  if (h.name.empty() || (trueHolder && !h.nameFromTrueHolder)) {
    // A teacher's row may carry an extra duty ("Guru Ahli Muda; Kepala Sekolah").
    h.name = row.namaJabatan.substr(0, row.namaJabatan.find(';'));
    h.nameFromTrueHolder = trueHolder;
  }
}

JabatanTable JabatanTableBuilder::finish() {
  std::map<std::uint32_t, JabatanRow> rows;
  for (const population::Unit& u : population::units())
    rows.emplace(headPostOf(u.localId), headPostRow(u.localId));
  for (const auto& [idJ, h] : impl_->held) {
    std::uint32_t catalog = idJ % 1000, unit = idJ / 1000;
    if (catalog == kHeadCatalog && rows.count(idJ)) continue;  // the unit's canonical head post
    JabatanRow r;
    r.idJ = idJ;
    r.namaJabatan = h.name;
    r.jenisJabatan = jenisOfCatalog(catalog);
    r.eselon = eselonOfCatalog(catalog);
    r.idUnitKerja = unit;
    r.idBos = headPostOf(unit);
    rows.emplace(idJ, std::move(r));
  }

  // Seeded defects: the unit's posts (not its head) report to the wrong post.
  for (const population::Unit& u : population::units()) {
    SupervisorDefect defect = supervisorDefect(impl_->seed, u.localId);
    if (defect == SupervisorDefect::kNone) continue;
    std::uint32_t head = headPostOf(u.localId), boss = 0;
    if (defect == SupervisorDefect::kAbolishedPost) {
      JabatanRow abolished = abolishedPostRow(u.localId);
      boss = abolished.idJ;
      rows.emplace(abolished.idJ, std::move(abolished));
    } else {
      for (auto it = rows.lower_bound(u.localId * 1000); it != rows.end() && !boss; ++it) {
        if (it->first >= (u.localId + 1) * 1000) break;
        auto h = impl_->held.find(it->first);
        bool allRetired = h != impl_->held.end() && h->second.activeHolders == 0;
        if (it->first != head && allRetired) boss = it->first;
      }
    }
    if (!boss) continue;
    for (auto it = rows.lower_bound(u.localId * 1000);
         it != rows.end() && it->first < (u.localId + 1) * 1000; ++it)
      if (it->first != head && it->first != boss) it->second.idBos = boss;
  }

  JabatanTable table;
  table.rows_.reserve(rows.size());
  for (auto& [id, r] : rows) table.rows_.push_back(std::move(r));
  return table;
}

const JabatanRow* JabatanTable::find(std::uint32_t idJ) const {
  auto it = std::lower_bound(rows_.begin(), rows_.end(), idJ,
                             [](const JabatanRow& r, std::uint32_t id) { return r.idJ < id; });
  return it != rows_.end() && it->idJ == idJ ? &*it : nullptr;
}

JabatanTable buildJabatanTable(const population::PopulationGenerator& population) {
  JabatanTableBuilder builder(population.options().seed);
  forEachSimpegRow(population, [&](std::uint64_t, const population::PersonRecords& r, int k) {
    builder.add(r.simpeg[static_cast<std::size_t>(k)], r.person);
  });
  return builder.finish();
}

}  // namespace sinkron::sim::simpeg
