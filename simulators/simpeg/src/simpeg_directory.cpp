#include "simpeg_directory.hpp"

#include <algorithm>
#include <charconv>

namespace sinkron::sim::simpeg {

namespace {

std::uint32_t encodeRef(std::uint64_t person, int k) {
  return static_cast<std::uint32_t>((person << 1) | static_cast<std::uint64_t>(k)) + 1;
}

RowRef decodeRef(std::uint32_t code) {
  return {(code - 1) >> 1, static_cast<int>((code - 1) & 1)};
}

}  // namespace

SimpegDirectory::SimpegDirectory(const population::PopulationGenerator& population)
    : population_(population) {}

std::unique_ptr<const SimpegDirectory> SimpegDirectory::build(
    const population::PopulationGenerator& population) {
  std::unique_ptr<SimpegDirectory> d(new SimpegDirectory(population));
  const population::GeneratorOptions& options = population.options();
  d->primary_.assign(options.people, 0);
  JabatanTableBuilder jabatan(options.seed);
  std::vector<std::pair<std::int64_t, std::uint32_t>> keyed;
  keyed.reserve(options.people + options.people / 50);
  forEachSimpegRow(population, [&](std::uint64_t index, const population::PersonRecords& r, int k) {
    const population::SimpegRow& row = r.simpeg[static_cast<std::size_t>(k)];
    std::uint32_t id = 0;
    std::from_chars(row.idPegawai.data(), row.idPegawai.data() + row.idPegawai.size(), id);
    std::uint32_t code = encodeRef(index, k);
    if (id >= kFirstId && id - kFirstId < d->primary_.size())
      d->primary_[id - kFirstId] = code;
    else
      d->others_.emplace(id, code);
    if (!row.nipBaru.empty() && row.nipBaru != r.person.nipBaru)
      d->nipExceptions_[row.nipBaru].push_back(id);
    keyed.emplace_back(generatedUpdatedAtMicros(options, id), id);
    jabatan.add(row, r.person);
  });
  std::sort(keyed.begin(), keyed.end());
  d->order_.reserve(keyed.size());
  for (const auto& [at, id] : keyed) d->order_.push_back(id);
  d->jabatan_ = jabatan.finish();
  d->units_ = unitKerjaRows(options.seed);
  return d;
}

std::optional<RowRef> SimpegDirectory::find(std::uint32_t idPegawai) const {
  std::uint32_t code = 0;
  if (idPegawai >= kFirstId && idPegawai - kFirstId < primary_.size()) {
    code = primary_[idPegawai - kFirstId];
  } else if (auto it = others_.find(idPegawai); it != others_.end()) {
    code = it->second;
  }
  if (code == 0) return std::nullopt;
  return decodeRef(code);
}

void SimpegDirectory::idsWithNip(std::string_view nip, std::vector<std::uint32_t>& out) const {
  if (std::optional<std::uint64_t> person = population_.personByNip(nip)) {
    population::PersonRecords r = population_.records(*person);
    for (int k = 0; k < r.simpegCount; ++k) {
      const population::SimpegRow& row = r.simpeg[static_cast<std::size_t>(k)];
      std::uint32_t id = 0;
      std::from_chars(row.idPegawai.data(), row.idPegawai.data() + row.idPegawai.size(), id);
      if (row.nipBaru == nip) out.push_back(id);
    }
  }
  if (auto it = nipExceptions_.find(std::string(nip)); it != nipExceptions_.end())
    out.insert(out.end(), it->second.begin(), it->second.end());
}

PegawaiRow SimpegDirectory::row(const RowRef& ref) const {
  thread_local population::PersonRecords records;
  population_.records(ref.person, records);
  return pegawaiRow(population_.options(), records.simpeg[static_cast<std::size_t>(ref.k)]);
}

const UnitKerjaRow* SimpegDirectory::unit(std::uint32_t idUnitKerja) const {
  auto it =
      std::lower_bound(units_.begin(), units_.end(), idUnitKerja,
                       [](const UnitKerjaRow& u, std::uint32_t id) { return u.idUnitKerja < id; });
  return it != units_.end() && it->idUnitKerja == idUnitKerja ? &*it : nullptr;
}

}  // namespace sinkron::sim::simpeg
