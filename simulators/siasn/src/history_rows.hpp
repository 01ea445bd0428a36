#pragma once
// The rows of the rw-* histories as values, and their JSON as SIASN serves them. Generated rows
// and rows added by */save go through the same writers, so both look alike to a client. Field
// names are the history's own (idPns, noSertipikat, ...), not those of the save bodies.
#include <optional>
#include <string>
#include <string_view>

#include "dates.hpp"
#include "json_out.hpp"

namespace sinkron::sim::siasn {

// Whose row it is.
struct RowOwner {
  std::string_view personId, nipBaru, nipLama;
};

struct JabatanRow {
  std::string jenisJabatan;  // "1".."4"
  std::string unorId, unorNama;
  std::string fungsionalId, fungsionalNama;  // jenis 2
  std::string umumId, umumNama;              // jenis 4 (pelaksana)
  std::string strukturalId;                  // jenis 1
  std::string namaJabatan, eselon, eselonId;
  CivilDate tmtJabatan;
  std::string nomorSk;
  CivilDate tanggalSk;
  std::optional<CivilDate> tmtPelantikan;
};

struct GolonganRow {
  int code = 31;  // 11..45
  CivilDate tmtGolongan;
  std::string skNomor;
  CivilDate skTanggal;
  std::string pertekNomor;  // empty for the first appointment
  std::optional<CivilDate> pertekTanggal;
  std::string jenisKpId, jenisKpNama;
  int masaKerjaTahun = 0, masaKerjaBulan = 0;
};

struct DiklatRow {
  std::string latihanId, latihanNama, nomor, institusi;
  CivilDate tanggal;
  std::optional<CivilDate> tanggalSelesai;
  int tahun = 0, jumlahJam = 0;
};

struct KursusRow {
  std::string jenisKursusId, jenisKursusNama, namaKursus, noSertipikat, institusi;
  CivilDate tanggal;
  std::optional<CivilDate> tanggalSelesai;
  int tahun = 0, jumlahJam = 0;
};

// An appraisal: a yearly SKP (skp22) or a periodic one (kinerjaperiodik, bulanMulai > 0).
struct PenilaianRow {
  int tahun = 0, bulanMulai = 0, bulanSelesai = 0;
  int hasilKerja = 2, perilakuKerja = 2;  // 1 above, 2 as expected, 3 below expectation
  std::string penilaiNipNrp, penilaiNama, penilaiJabatan, penilaiGolongan, penilaiUnorNama,
      statusPenilai;
};

void writeRow(JsonWriter& w, std::string_view id, const RowOwner& owner, const JabatanRow& row);
void writeRow(JsonWriter& w, std::string_view id, const RowOwner& owner, const GolonganRow& row);
void writeRow(JsonWriter& w, std::string_view id, const RowOwner& owner, const DiklatRow& row);
void writeRow(JsonWriter& w, std::string_view id, const RowOwner& owner, const KursusRow& row);
// skp22 rows when bulanMulai == 0, kinerjaperiodik rows otherwise.
void writeRow(JsonWriter& w, std::string_view id, const RowOwner& owner, const PenilaianRow& row);

// One row as a JSON object text (rows added by writes are kept in this form).
template <typename Row>
std::string rowJson(std::string_view id, const RowOwner& owner, const Row& row) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  writeRow(w, id, owner, row);
  return takeString(buffer);
}

}  // namespace sinkron::sim::siasn
