#pragma once
// The SIMPEG view of the seeded population, as table rows: what the REST API serves and what the
// loader writes. Pure functions of (population options, row), deterministic.
//
// - unit_kerja: every unit of population::units(); id_skpd is the agency (schools belong to the
//   education office, puskesmas to the health office). About 3 % of units are not mapped to SIASN:
//   their id_unor_bkn is empty/NULL. Find them with unitUnmapped(), with
//   `SELECT id_unit_kerja FROM unit_kerja WHERE id_unor_bkn IS NULL`, or as "id_unor_bkn":null in
//   GET /api/v1/unit-kerja.
// - jabatan: the head post of every unit (id_unit_kerja*1000 + 300), every id_j a pegawai row
//   holds, and the abolished posts below. A post's id_bos is its unit's head; a unit head's id_bos
//   is the head of the education office (schools), of the health office (puskesmas) or the
//   regional secretary (Sekretaris Daerah, whose id_bos is NULL). Seeded defects per unit
//   (supervisorDefect()): kAbolishedPost (2 % of units) — the unit's posts report to
//   id_unit_kerja*1000 + 399, a post from the old structure that nobody holds; kRetiredHolder
//   (10 % of units, where the unit has such a post) — they report to a post of the unit whose
//   every holder is retired (flag_pensiun 1). Head posts nobody holds are common too (vacancies).
// - pegawai: one row per population SimpegRow (duplicates included), titles split out of `nama`.
// - riwayat_pangkat / riwayat_jabatan / diklat: derived from the row (rank steps from TMT CPNS to
//   TMT golongan, the jenjang ladder of the position, pre-service, leadership and technical
//   training), ids id_pegawai*100 + k.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sinkron/population/generator.hpp"
#include "sinkron/population/person.hpp"

namespace sinkron::sim::simpeg {

struct UnitKerjaRow {
  std::uint32_t idUnitKerja = 0;
  std::string nama;
  std::uint32_t idSkpd = 0;
  std::string idUnorBkn;  // empty = unmapped (NULL)
};

struct JabatanRow {
  std::uint32_t idJ = 0;
  std::string namaJabatan;
  int jenisJabatan = 4;  // 1 struktural, 2 fungsional tertentu, 4 pelaksana
  std::string eselon;    // empty = NULL
  std::uint32_t idUnitKerja = 0;
  std::uint32_t idBos = 0;  // 0 = NULL (top of the chain)
};

// Dates are "yyyy-mm-dd"; empty strings are NULL.
struct PegawaiRow {
  std::uint32_t idPegawai = 0;
  std::string nipBaru, nipLama, nama, gelarDepan, gelarBelakang, tempatLahir, tglLahir,
      jenisKelamin, nik, pangkatGol, jenjab;
  std::uint32_t idJ = 0, idUnitKerja = 0;
  std::string statusPegawai, kedudukan;
  int flagPensiun = 0;
  std::string tmtCpns, tmtPns, tmtGol, noRefBkn, email, noHp;
  std::int64_t updatedAtMicros = 0;  // UTC, microseconds since 1970
};

struct RiwayatPangkatRow {
  std::uint64_t id = 0;
  std::uint32_t idPegawai = 0;
  std::string pangkatGol, tmtPangkat, jenisKp, noSk, tglSk;
};

struct RiwayatJabatanRow {
  std::uint64_t id = 0;
  std::uint32_t idPegawai = 0;
  std::uint32_t idJ = 0;
  std::string namaJabatan;
  std::uint32_t idUnitKerja = 0;
  std::string eselon, tmtJabatan, noSk, tglSk;
};

struct DiklatRow {
  std::uint64_t id = 0;
  std::uint32_t idPegawai = 0;
  std::string jenisDiklat, namaDiklat, penyelenggara, tglMulai, tglSelesai;
  int jumlahJam = 0;
  std::string noSertifikat;
};

enum class SupervisorDefect { kNone, kAbolishedPost, kRetiredHolder };

constexpr std::uint32_t kHeadCatalog = 300;       // "Kepala ..." of a unit
constexpr std::uint32_t kAbolishedCatalog = 399;  // the old-structure post of kAbolishedPost
inline std::uint32_t headPostOf(std::uint32_t idUnitKerja) {
  return idUnitKerja * 1000 + kHeadCatalog;
}

bool unitUnmapped(std::uint64_t seed, std::uint32_t idUnitKerja);
SupervisorDefect supervisorDefect(std::uint64_t seed, std::uint32_t idUnitKerja);
std::vector<UnitKerjaRow> unitKerjaRows(std::uint64_t seed);
// The head post of a unit as a row (name, eselon, id_bos); idJ = headPostOf(idUnitKerja).
JabatanRow headPostRow(std::uint32_t idUnitKerja);

// The row of one population SimpegRow; updated_at is spread over the three years before
// 1 January of options.asOfYear.
PegawaiRow pegawaiRow(const population::GeneratorOptions& options,
                      const population::SimpegRow& row);
std::int64_t generatedUpdatedAtMicros(const population::GeneratorOptions& options,
                                      std::uint32_t idPegawai);
// 1 January of options.asOfYear, 00:00 UTC: every generated updated_at is before it.
std::int64_t generatedHorizonMicros(const population::GeneratorOptions& options);

// Histories of a row (cleared and refilled). `currentJabatan` is the jabatan table's row of
// row.idJ (nullptr when absent).
void riwayatPangkat(const PegawaiRow& row, std::vector<RiwayatPangkatRow>& out);
void riwayatJabatan(const PegawaiRow& row, const JabatanRow* currentJabatan,
                    std::vector<RiwayatJabatanRow>& out);
void diklat(const population::GeneratorOptions& options, const PegawaiRow& row,
            const JabatanRow* currentJabatan, std::vector<DiklatRow>& out);

// The jabatan table, sorted by id_j. Built by a JabatanTableBuilder fed every pegawai row.
class JabatanTable {
 public:
  const JabatanRow* find(std::uint32_t idJ) const;
  std::span<const JabatanRow> rows() const { return rows_; }

 private:
  friend class JabatanTableBuilder;
  std::vector<JabatanRow> rows_;
};

class JabatanTableBuilder {
 public:
  explicit JabatanTableBuilder(std::uint64_t seed);
  ~JabatanTableBuilder();
  // `person` is the true person of the row (a holder whose true position is row.idJ names it).
  void add(const population::SimpegRow& row, const population::Person& person);
  JabatanTable finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One pass over the population: every SIMPEG row with its person index, in index order.
template <typename Visit>  // void(std::uint64_t index, const population::PersonRecords&, int k)
void forEachSimpegRow(const population::PopulationGenerator& population, Visit&& visit) {
  population::PersonRecords records;
  for (std::uint64_t i = 0; i < population.options().people; ++i) {
    population.records(i, records);
    for (int k = 0; k < records.simpegCount; ++k) visit(i, records, k);
  }
}

JabatanTable buildJabatanTable(const population::PopulationGenerator& population);

}  // namespace sinkron::sim::simpeg
