#include "simpeg_json.hpp"

#include "dates.hpp"

namespace sinkron::sim::simpeg {

namespace {

void key(JsonWriter& w, std::string_view name) {
  w.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
}

void text(JsonWriter& w, std::string_view name, std::string_view value) {
  key(w, name);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

// Empty text is NULL in the tables.
void nullable(JsonWriter& w, std::string_view name, std::string_view value) {
  key(w, name);
  if (value.empty())
    w.Null();
  else
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void number(JsonWriter& w, std::string_view name, std::uint64_t value) {
  key(w, name);
  w.Uint64(value);
}

}  // namespace

void writePegawai(JsonWriter& w, const PegawaiRow& r, std::string_view unitName,
                  std::string_view jabatanName, bool drift) {
  w.StartObject();
  number(w, "id_pegawai", r.idPegawai);
  nullable(w, "nip_baru", r.nipBaru);
  nullable(w, "nip_lama", r.nipLama);
  text(w, "nama", r.nama);
  nullable(w, "gelar_depan", r.gelarDepan);
  nullable(w, "gelar_belakang", r.gelarBelakang);
  text(w, "tempat_lahir", r.tempatLahir);
  text(w, drift ? "tanggal_lahir" : "tgl_lahir", r.tglLahir);
  text(w, drift ? "jk" : "jenis_kelamin", r.jenisKelamin);
  nullable(w, "nik", r.nik);
  text(w, "pangkat_gol", r.pangkatGol);
  text(w, "jenjab", r.jenjab);
  number(w, "id_j", r.idJ);
  nullable(w, "nama_jabatan", jabatanName);
  number(w, "id_unit_kerja", r.idUnitKerja);
  nullable(w, "unit_kerja", unitName);
  text(w, "status_pegawai", r.statusPegawai);
  text(w, "kedudukan", r.kedudukan);
  number(w, "flag_pensiun", static_cast<std::uint64_t>(r.flagPensiun));
  text(w, "tmt_cpns", r.tmtCpns);
  nullable(w, "tmt_pns", r.tmtPns);
  text(w, "tmt_gol", r.tmtGol);
  nullable(w, "no_ref_bkn", r.noRefBkn);
  nullable(w, "email", r.email);
  nullable(w, drift ? "nomor_hp" : "no_hp", r.noHp);
  text(w, "updated_at", isoTimestamp(r.updatedAtMicros));
  w.EndObject();
}

void writeRiwayatPangkat(JsonWriter& w, const RiwayatPangkatRow& r) {
  w.StartObject();
  number(w, "id_riwayat_pangkat", r.id);
  number(w, "id_pegawai", r.idPegawai);
  text(w, "pangkat_gol", r.pangkatGol);
  text(w, "tmt_pangkat", r.tmtPangkat);
  text(w, "jenis_kp", r.jenisKp);
  text(w, "no_sk", r.noSk);
  text(w, "tgl_sk", r.tglSk);
  w.EndObject();
}

void writeRiwayatJabatan(JsonWriter& w, const RiwayatJabatanRow& r) {
  w.StartObject();
  number(w, "id_riwayat_jabatan", r.id);
  number(w, "id_pegawai", r.idPegawai);
  number(w, "id_j", r.idJ);
  text(w, "nama_jabatan", r.namaJabatan);
  number(w, "id_unit_kerja", r.idUnitKerja);
  nullable(w, "eselon", r.eselon);
  text(w, "tmt_jabatan", r.tmtJabatan);
  text(w, "no_sk", r.noSk);
  text(w, "tgl_sk", r.tglSk);
  w.EndObject();
}

void writeDiklat(JsonWriter& w, const DiklatRow& r) {
  w.StartObject();
  number(w, "id_diklat", r.id);
  number(w, "id_pegawai", r.idPegawai);
  text(w, "jenis_diklat", r.jenisDiklat);
  text(w, "nama_diklat", r.namaDiklat);
  text(w, "penyelenggara", r.penyelenggara);
  text(w, "tgl_mulai", r.tglMulai);
  text(w, "tgl_selesai", r.tglSelesai);
  number(w, "jumlah_jam", static_cast<std::uint64_t>(r.jumlahJam));
  text(w, "no_sertifikat", r.noSertifikat);
  w.EndObject();
}

void writeUnitKerja(JsonWriter& w, const UnitKerjaRow& r) {
  w.StartObject();
  number(w, "id_unit_kerja", r.idUnitKerja);
  text(w, "nama", r.nama);
  number(w, "id_skpd", r.idSkpd);
  nullable(w, "id_unor_bkn", r.idUnorBkn);
  w.EndObject();
}

void writeJabatan(JsonWriter& w, const JabatanRow& r) {
  w.StartObject();
  number(w, "id_j", r.idJ);
  text(w, "nama_jabatan", r.namaJabatan);
  number(w, "jenis_jabatan", static_cast<std::uint64_t>(r.jenisJabatan));
  nullable(w, "eselon", r.eselon);
  number(w, "id_unit_kerja", r.idUnitKerja);
  key(w, "id_bos");
  if (r.idBos)
    w.Uint(r.idBos);
  else
    w.Null();
  w.EndObject();
}

}  // namespace sinkron::sim::simpeg
