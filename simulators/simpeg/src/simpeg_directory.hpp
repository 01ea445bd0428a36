#pragma once
// SimpegDirectory: what the REST simulator needs to find rows quickly, built in one pass over the
// population and immutable afterwards (lock-free reads): id_pegawai -> person, nip_baru -> rows
// (for the rows whose NIP is not their person's true NIP; the rest go through personByNip), the
// rows in (generated updated_at, id_pegawai) order, the unit and jabatan tables.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sinkron/population/generator.hpp"
#include "sinkron/sim/simpeg_model.hpp"

namespace sinkron::sim::simpeg {

struct RowRef {
  std::uint64_t person = 0;
  int k = 0;  // which of the person's SIMPEG rows (1 = the duplicate entry)
};

class SimpegDirectory {
 public:
  static std::unique_ptr<const SimpegDirectory> build(
      const population::PopulationGenerator& population);

  std::optional<RowRef> find(std::uint32_t idPegawai) const;
  // Appends the ids of the rows whose generated nip_baru is `nip`.
  void idsWithNip(std::string_view nip, std::vector<std::uint32_t>& out) const;
  // The generated row (no corrections).
  PegawaiRow row(const RowRef& ref) const;
  // Row ids in (generated updated_at, id_pegawai) order.
  std::span<const std::uint32_t> order() const { return order_; }
  const JabatanTable& jabatan() const { return jabatan_; }
  std::span<const UnitKerjaRow> units() const { return units_; }
  const UnitKerjaRow* unit(std::uint32_t idUnitKerja) const;
  const population::PopulationGenerator& population() const { return population_; }

 private:
  explicit SimpegDirectory(const population::PopulationGenerator& population);

  static constexpr std::uint32_t kFirstId = 100001;  // population: id_pegawai = 100001 + local
  population::PopulationGenerator population_;
  std::vector<std::uint32_t> primary_;  // [id - kFirstId] -> (person << 1 | k) + 1, 0 = none
  std::unordered_map<std::uint32_t, std::uint32_t> others_;  // ids outside primary_
  std::unordered_map<std::string, std::vector<std::uint32_t>> nipExceptions_;
  std::vector<std::uint32_t> order_;
  JabatanTable jabatan_;
  std::vector<UnitKerjaRow> units_;
};

}  // namespace sinkron::sim::simpeg
