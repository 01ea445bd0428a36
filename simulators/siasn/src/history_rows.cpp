#include "history_rows.hpp"

#include "performance_rating.hpp"
#include "sinkron/mappings/code_tables.hpp"

namespace sinkron::sim::siasn {
namespace {

void putOwner(JsonWriter& w, std::string_view id, const RowOwner& owner, bool appraisal) {
  putText(w, "id", id);
  putText(w, appraisal ? "pnsDinilaiId" : "idPns", owner.personId);
  putText(w, "nipBaru", owner.nipBaru);
  putText(w, "nipLama", owner.nipLama);
}

void putDate(JsonWriter& w, std::string_view name, const std::optional<CivilDate>& date) {
  putText(w, name, date ? formatDmy(*date) : std::string());
}

std::string_view jenisJabatanNama(std::string_view code) {
  const mappings::CodeTable* table = mappings::builtinCodeTable("jenis_jabatan");
  return table ? table->label(code) : std::string_view();
}

}  // namespace

void writeRow(JsonWriter& w, std::string_view id, const RowOwner& owner, const JabatanRow& row) {
  w.StartObject();
  putOwner(w, id, owner, false);
  putText(w, "jenisJabatan", row.jenisJabatan);
  putText(w, "jenisJabatanNama", jenisJabatanNama(row.jenisJabatan));
  putText(w, "unorId", row.unorId);
  putText(w, "unorNama", row.unorNama);
  putText(w, "jabatanFungsionalId", row.fungsionalId);
  putText(w, "jabatanFungsionalNama", row.fungsionalNama);
  putText(w, "jabatanFungsionalUmumId", row.umumId);
  putText(w, "jabatanFungsionalUmumNama", row.umumNama);
  putText(w, "jabatanStrukturalId", row.strukturalId);
  putText(w, "namaJabatan", row.namaJabatan);
  putText(w, "eselon", row.eselon);
  putText(w, "eselonId", row.eselonId);
  putText(w, "tmtJabatan", formatDmy(row.tmtJabatan));
  putText(w, "nomorSk", row.nomorSk);
  putText(w, "tanggalSk", formatDmy(row.tanggalSk));
  putDate(w, "tmtPelantikan", row.tmtPelantikan);
  w.EndObject();
}

void writeRow(JsonWriter& w, std::string_view id, const RowOwner& owner, const GolonganRow& row) {
  std::optional<mappings::Golongan> gol = mappings::golonganByCode(row.code);
  w.StartObject();
  putOwner(w, id, owner, false);
  putText(w, "golonganId", std::to_string(row.code));
  putText(w, "golongan", gol ? gol->roman : std::string_view());
  putText(w, "pangkat", gol ? gol->pangkat : std::string_view());
  putText(w, "tmtGolongan", formatDmy(row.tmtGolongan));
  putText(w, "skNomor", row.skNomor);
  putText(w, "skTanggal", formatDmy(row.skTanggal));
  putText(w, "noPertekBkn", row.pertekNomor);
  putDate(w, "tglPertekBkn", row.pertekTanggal);
  putText(w, "jenisKPId", row.jenisKpId);
  putText(w, "jenisKPNama", row.jenisKpNama);
  putInt(w, "masaKerjaGolonganTahun", row.masaKerjaTahun);
  putInt(w, "masaKerjaGolonganBulan", row.masaKerjaBulan);
  putInt(w, "jumlahKreditUtama", 0);
  putInt(w, "jumlahKreditTambahan", 0);
  w.EndObject();
}

void writeRow(JsonWriter& w, std::string_view id, const RowOwner& owner, const DiklatRow& row) {
  w.StartObject();
  putOwner(w, id, owner, false);
  putText(w, "latihanStrukturalId", row.latihanId);
  putText(w, "latihanStrukturalNama", row.latihanNama);
  putText(w, "nomor", row.nomor);
  putText(w, "tanggal", formatDmy(row.tanggal));
  putDate(w, "tanggalSelesai", row.tanggalSelesai);
  putInt(w, "tahun", row.tahun);
  putText(w, "institusiPenyelenggara", row.institusi);
  putInt(w, "jumlahJam", row.jumlahJam);
  w.EndObject();
}

void writeRow(JsonWriter& w, std::string_view id, const RowOwner& owner, const KursusRow& row) {
  w.StartObject();
  putOwner(w, id, owner, false);
  putText(w, "jenisKursusId", row.jenisKursusId);
  putText(w, "jenisKursusNama", row.jenisKursusNama);
  putText(w, "namaKursus", row.namaKursus);
  putInt(w, "jumlahJam", row.jumlahJam);
  putText(w, "tanggalKursus", formatDmy(row.tanggal));
  putDate(w, "tanggalSelesaiKursus", row.tanggalSelesai);
  putInt(w, "tahunKursus", row.tahun);
  putText(w, "noSertipikat", row.noSertipikat);
  putText(w, "institusiPenyelenggara", row.institusi);
  w.EndObject();
}

void writeRow(JsonWriter& w, std::string_view id, const RowOwner& owner, const PenilaianRow& row) {
  Predikat predikat = predikatOf(row.hasilKerja, row.perilakuKerja);
  w.StartObject();
  putOwner(w, id, owner, true);
  putInt(w, "tahun", row.tahun);
  if (row.bulanMulai > 0) {
    putInt(w, "bulanMulai", row.bulanMulai);
    putInt(w, "bulanSelesai", row.bulanSelesai);
  }
  putInt(w, "hasilKinerjaNilai", row.hasilKerja);
  putText(w, "hasilKinerja", ratingName(row.hasilKerja));
  putInt(w, "perilakuKerjaNilai", row.perilakuKerja);
  putText(w, "perilakuKerja", ratingName(row.perilakuKerja));
  putInt(w, "kuadranKinerjaNilai", static_cast<int>(predikat));
  putText(w, "kuadranKinerja", predikatName(predikat));
  putText(w, "penilaiNipNrp", row.penilaiNipNrp);
  putText(w, "penilaiNama", row.penilaiNama);
  putText(w, "penilaiJabatan", row.penilaiJabatan);
  putText(w, "penilaiGolongan", row.penilaiGolongan);
  putText(w, "penilaiUnorNama", row.penilaiUnorNama);
  putText(w, "statusPenilai", row.statusPenilai);
  w.EndObject();
}

}  // namespace sinkron::sim::siasn
