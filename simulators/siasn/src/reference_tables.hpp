#pragma once
// The reference tables the gateway serves under /referensi_siasn/1 and checks write bodies
// against: national code tables (golongan, jenis jabatan, kedudukan hukum from
// sinkron::mappings), the work units of the population (unor), and the simulator's own
// catalogues (jabatan fungsional and pelaksana names as the population uses them, agama, jenis
// kursus, latihan struktural). Built once, immutable afterwards.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace sinkron::sim::siasn {

struct ReferenceEntry {
  std::string id;
  std::string nama;
  std::string json;   // the row as served: {"id":..,"nama":..,...}
  std::string group;  // jabatan fungsional: the family ("Guru"); empty elsewhere
  int level = 0;      // jabatan fungsional: 0 = first jenjang of its ladder
  int hours = 0;      // latihan struktural: usual jumlahJam
};

class ReferenceTable {
 public:
  // `extra` adds fields after id and nama.
  void add(std::string id, std::string nama,
           std::vector<std::pair<std::string, std::string>> extra = {});
  std::span<const ReferenceEntry> entries() const { return entries_; }
  ReferenceEntry& last() { return entries_.back(); }
  const ReferenceEntry* byId(std::string_view id) const;
  const ReferenceEntry* byName(std::string_view nama) const;

 private:
  std::vector<ReferenceEntry> entries_;
  std::unordered_map<std::string, std::size_t> byId_, byName_;
};

struct ReferenceCatalog {
  ReferenceTable golongan, jenisJabatan, kedudukanHukum, unor, jabatanFungsional, jabatanPelaksana,
      agama, jenisKursus, latihanStruktural;
  // The tables as served: (path segment, table), e.g. ("kedudukan-hukum", &kedudukanHukum).
  std::vector<std::pair<std::string_view, const ReferenceTable*>> served() const;
};

const ReferenceCatalog& referenceCatalog();

// Ids of latihanStruktural entries used by the history generator.
namespace latihan {
inline constexpr std::string_view kPrajabatan = "1", kLatsar = "2", kPimIv = "3", kPimIii = "4",
                                  kPimIi = "5", kPkp = "6", kPka = "7", kPknIi = "8";
}

}  // namespace sinkron::sim::siasn
