#include "reference_tables.hpp"

#include "json_out.hpp"
#include "seeded.hpp"
#include "sinkron/mappings/code_tables.hpp"
#include "sinkron/population/organisation.hpp"

namespace sinkron::sim::siasn {
namespace {

struct Family {
  std::string_view name;
  bool terampil;  // has the Terampil/Mahir/Penyelia ladder besides the Ahli one
};

// The functional families the population generator assigns (same spelling, so that a person's
// jabatanNama is found here).
constexpr Family kFamilies[] = {{"Guru", false},
                                {"Perawat", true},
                                {"Bidan", true},
                                {"Dokter", false},
                                {"Apoteker", false},
                                {"Analis Kepegawaian", true},
                                {"Pranata Komputer", true},
                                {"Penyuluh Pertanian", true},
                                {"Auditor", true},
                                {"Perencana", false},
                                {"Arsiparis", true},
                                {"Pustakawan", true},
                                {"Analis Kebijakan", false},
                                {"Pranata Hubungan Masyarakat", true},
                                {"Pengelola Pengadaan Barang/Jasa", false}};
constexpr std::string_view kAhli[] = {"Ahli Pertama", "Ahli Muda", "Ahli Madya", "Ahli Utama"};
constexpr std::string_view kTerampil[] = {"Terampil", "Mahir", "Penyelia"};

constexpr std::string_view kPelaksana[] = {"Pengadministrasi Umum",
                                           "Pengelola Keuangan",
                                           "Pengadministrasi Kepegawaian",
                                           "Pengolah Data",
                                           "Bendahara",
                                           "Pengemudi",
                                           "Pramu Bakti",
                                           "Pengadministrasi Perkantoran",
                                           "Pengelola Barang Milik Negara",
                                           "Analis Data dan Informasi",
                                           "Penata Laporan Keuangan",
                                           "Operator Layanan Operasional",
                                           "Pengelola Data dan Informasi",
                                           "Penelaah Teknis Kebijakan",
                                           "Pengelola Layanan Kepegawaian",
                                           "Pengadministrasi Persuratan",
                                           "Petugas Keamanan",
                                           "Pengelola Sarana dan Prasarana"};

constexpr std::string_view kAgama[] = {"Islam", "Kristen",  "Katholik", "Hindu",
                                       "Budha", "Konghucu", "Lainnya"};

constexpr std::string_view kJenisKursus[] = {
    "Kursus",  "Pelatihan Teknis", "Pelatihan Fungsional", "Bimbingan Teknis",
    "Seminar", "Workshop",         "Sosialisasi"};

struct Latihan {
  std::string_view id, nama;
  int hours;
};
constexpr Latihan kLatihan[] = {
    {latihan::kPrajabatan, "Prajabatan", 210},
    {latihan::kLatsar, "Pelatihan Dasar CPNS", 286},
    {latihan::kPimIv, "Diklat Kepemimpinan Tingkat IV", 285},
    {latihan::kPimIii, "Diklat Kepemimpinan Tingkat III", 371},
    {latihan::kPimIi, "Diklat Kepemimpinan Tingkat II", 400},
    {latihan::kPkp, "Pelatihan Kepemimpinan Pengawas", 331},
    {latihan::kPka, "Pelatihan Kepemimpinan Administrator", 391},
    {latihan::kPknIi, "Pelatihan Kepemimpinan Nasional Tingkat II", 421}};

std::string idFromName(std::string_view table, std::string_view name) {
  std::uint64_t salt = hashText(table);
  return hex32(hashText(name, salt), hashText(name, salt ^ 0x5bd1e995ULL));
}

ReferenceCatalog build() {
  ReferenceCatalog c;
  for (int code = 11; code <= 45; ++code)
    if (auto g = mappings::golonganByCode(code))
      c.golongan.add(std::to_string(code), std::string(g->roman),
                     {{"namaPangkat", std::string(g->pangkat)}});

  const mappings::CodeTable* jenis = mappings::builtinCodeTable("jenis_jabatan");
  for (char d = '1'; d <= '9'; ++d) {
    std::string code(1, d);
    std::string_view label = jenis ? jenis->label(code) : std::string_view();
    if (!label.empty()) c.jenisJabatan.add(code, std::string(label));
  }
  const mappings::CodeTable* kedudukan = mappings::builtinCodeTable("kedudukan");
  for (int n = 0; n <= 99; ++n) {
    std::string code{static_cast<char>('0' + n / 10), static_cast<char>('0' + n % 10)};
    std::string_view label = kedudukan ? kedudukan->label(code) : std::string_view();
    if (!label.empty()) c.kedudukanHukum.add(code, std::string(label));
  }

  for (const population::Unit& u : population::units()) c.unor.add(u.unorId, u.nationalName);

  for (const Family& f : kFamilies) {
    auto addLadder = [&](std::span<const std::string_view> ladder) {
      for (std::size_t level = 0; level < ladder.size(); ++level) {
        std::string nama = std::string(f.name) + " " + std::string(ladder[level]);
        c.jabatanFungsional.add(idFromName("jabatan-fungsional", nama), nama,
                                {{"jenjang", std::string(ladder[level])}});
        c.jabatanFungsional.last().group = f.name;
        c.jabatanFungsional.last().level = static_cast<int>(level);
      }
    };
    addLadder(kAhli);
    if (f.terampil) addLadder(kTerampil);
  }
  for (std::string_view nama : kPelaksana)
    c.jabatanPelaksana.add(idFromName("jabatan-pelaksana", nama), std::string(nama));

  for (std::size_t i = 0; i < std::size(kAgama); ++i)
    c.agama.add(std::to_string(i + 1), std::string(kAgama[i]));
  for (std::size_t i = 0; i < std::size(kJenisKursus); ++i)
    c.jenisKursus.add(std::to_string(i + 1), std::string(kJenisKursus[i]));
  for (const Latihan& l : kLatihan) {
    c.latihanStruktural.add(std::string(l.id), std::string(l.nama),
                            {{"jumlahJam", std::to_string(l.hours)}});
    c.latihanStruktural.last().hours = l.hours;
  }
  return c;
}

}  // namespace

void ReferenceTable::add(std::string id, std::string nama,
                         std::vector<std::pair<std::string, std::string>> extra) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  putText(w, "id", id);
  putText(w, "nama", nama);
  for (const auto& [name, value] : extra) putText(w, name, value);
  w.EndObject();
  byId_.emplace(id, entries_.size());
  byName_.emplace(nama, entries_.size());
  ReferenceEntry entry;
  entry.id = std::move(id);
  entry.nama = std::move(nama);
  entry.json = takeString(buffer);
  entries_.push_back(std::move(entry));
}

const ReferenceEntry* ReferenceTable::byId(std::string_view id) const {
  auto it = byId_.find(std::string(id));
  return it == byId_.end() ? nullptr : &entries_[it->second];
}

const ReferenceEntry* ReferenceTable::byName(std::string_view nama) const {
  auto it = byName_.find(std::string(nama));
  return it == byName_.end() ? nullptr : &entries_[it->second];
}

std::vector<std::pair<std::string_view, const ReferenceTable*>> ReferenceCatalog::served() const {
  return {{"golongan", &golongan},
          {"jenis-jabatan", &jenisJabatan},
          {"kedudukan-hukum", &kedudukanHukum},
          {"unor", &unor},
          {"jabatan-fungsional", &jabatanFungsional},
          {"jabatan-fungsional-umum", &jabatanPelaksana},
          {"agama", &agama},
          {"jenis-kursus", &jenisKursus},
          {"latihan-struktural", &latihanStruktural}};
}

const ReferenceCatalog& referenceCatalog() {
  static const ReferenceCatalog catalog = build();
  return catalog;
}

}  // namespace sinkron::sim::siasn
