#include "table_batches.hpp"

#include "dates.hpp"

namespace sinkron::sim::simpeg {

std::string TableBatch::insertText(std::size_t rows) const {
  std::string text = "INSERT INTO " + table_ + " (";
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (c) text.append(", ");
    text.append(columns_[c].first);
  }
  text.append(") VALUES ");
  std::size_t parameter = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    text.append(r ? ", (" : "(");
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (c) text.append(", ");
      text.append(":p").append(std::to_string(parameter++));
    }
    text.push_back(')');
  }
  return text;
}

void TableBatch::flush(soci::session& sql) {
  const std::string full = insertText(std::min(rows_, kRowsPerStatement));
  for (std::size_t first = 0; first < rows_; first += kRowsPerStatement) {
    std::size_t count = std::min(kRowsPerStatement, rows_ - first);
    soci::details::prepare_temp_type statement =
        (sql.prepare << (count == kRowsPerStatement ? full : insertText(count)));
    for (std::size_t r = first; r < first + count; ++r)
      for (auto& [name, column] : columns_) column->bind(statement, r);
    soci::statement(statement).execute(true);
  }
  for (auto& [name, column] : columns_) column->clear();
  rows_ = 0;
}

UnitKerjaBatch::UnitKerjaBatch() : TableBatch("unit_kerja") {
  declare("id_unit_kerja", id_);
  declare("nama", nama_);
  declare("id_skpd", skpd_);
  declare("id_unor_bkn", unor_);
}

void UnitKerjaBatch::add(const UnitKerjaRow& r) {
  id_.push(static_cast<int>(r.idUnitKerja));
  nama_.push(r.nama);
  skpd_.push(static_cast<int>(r.idSkpd));
  pushNullable(unor_, r.idUnorBkn);
  rowAdded();
}

JabatanBatch::JabatanBatch() : TableBatch("jabatan") {
  declare("id_j", id_);
  declare("nama_jabatan", nama_);
  declare("jenis_jabatan", jenis_);
  declare("eselon", eselon_);
  declare("id_unit_kerja", unit_);
  declare("id_bos", bos_);
}

void JabatanBatch::add(const JabatanRow& r) {
  id_.push(static_cast<int>(r.idJ));
  nama_.push(r.namaJabatan);
  jenis_.push(r.jenisJabatan);
  pushNullable(eselon_, r.eselon);
  unit_.push(static_cast<int>(r.idUnitKerja));
  bos_.push(static_cast<int>(r.idBos), r.idBos == 0);
  rowAdded();
}

PegawaiBatch::PegawaiBatch() : TableBatch("pegawai") {
  declare("id_pegawai", id_);
  declare("nip_baru", nipBaru_);
  declare("nip_lama", nipLama_);
  declare("nama", nama_);
  declare("gelar_depan", gelarDepan_);
  declare("gelar_belakang", gelarBelakang_);
  declare("tempat_lahir", tempatLahir_);
  declare("tgl_lahir", tglLahir_);
  declare("jenis_kelamin", jk_);
  declare("nik", nik_);
  declare("pangkat_gol", pangkat_);
  declare("jenjab", jenjab_);
  declare("id_j", idJ_);
  declare("id_unit_kerja", unit_);
  declare("status_pegawai", status_);
  declare("kedudukan", kedudukan_);
  declare("flag_pensiun", flag_);
  declare("tmt_cpns", tmtCpns_);
  declare("tmt_pns", tmtPns_);
  declare("tmt_gol", tmtGol_);
  declare("no_ref_bkn", noRef_);
  declare("email", email_);
  declare("no_hp", noHp_);
  declare("updated_at", updatedAt_);
}

void PegawaiBatch::add(const PegawaiRow& r) {
  if (size() == 0) firstId_ = r.idPegawai;
  lastId_ = r.idPegawai;
  id_.push(static_cast<int>(r.idPegawai));
  pushNullable(nipBaru_, r.nipBaru);
  pushNullable(nipLama_, r.nipLama);
  nama_.push(r.nama);
  pushNullable(gelarDepan_, r.gelarDepan);
  pushNullable(gelarBelakang_, r.gelarBelakang);
  tempatLahir_.push(r.tempatLahir);
  tglLahir_.push(r.tglLahir);
  jk_.push(r.jenisKelamin);
  pushNullable(nik_, r.nik);
  pangkat_.push(r.pangkatGol);
  jenjab_.push(r.jenjab);
  idJ_.push(static_cast<int>(r.idJ));
  unit_.push(static_cast<int>(r.idUnitKerja));
  status_.push(r.statusPegawai);
  kedudukan_.push(r.kedudukan);
  flag_.push(r.flagPensiun);
  tmtCpns_.push(r.tmtCpns);
  pushNullable(tmtPns_, r.tmtPns);
  tmtGol_.push(r.tmtGol);
  pushNullable(noRef_, r.noRefBkn);
  pushNullable(email_, r.email);
  pushNullable(noHp_, r.noHp);
  updatedAt_.push(sqlTimestamp(r.updatedAtMicros));
  rowAdded();
}

RiwayatPangkatBatch::RiwayatPangkatBatch() : TableBatch("riwayat_pangkat") {
  declare("id_riwayat_pangkat", id_);
  declare("id_pegawai", pegawai_);
  declare("pangkat_gol", pangkat_);
  declare("tmt_pangkat", tmt_);
  declare("jenis_kp", jenis_);
  declare("no_sk", noSk_);
  declare("tgl_sk", tglSk_);
}

void RiwayatPangkatBatch::add(const RiwayatPangkatRow& r) {
  id_.push(static_cast<long long>(r.id));
  pegawai_.push(static_cast<int>(r.idPegawai));
  pangkat_.push(r.pangkatGol);
  tmt_.push(r.tmtPangkat);
  jenis_.push(r.jenisKp);
  noSk_.push(r.noSk);
  tglSk_.push(r.tglSk);
  rowAdded();
}

RiwayatJabatanBatch::RiwayatJabatanBatch() : TableBatch("riwayat_jabatan") {
  declare("id_riwayat_jabatan", id_);
  declare("id_pegawai", pegawai_);
  declare("id_j", idJ_);
  declare("nama_jabatan", nama_);
  declare("id_unit_kerja", unit_);
  declare("eselon", eselon_);
  declare("tmt_jabatan", tmt_);
  declare("no_sk", noSk_);
  declare("tgl_sk", tglSk_);
}

void RiwayatJabatanBatch::add(const RiwayatJabatanRow& r) {
  id_.push(static_cast<long long>(r.id));
  pegawai_.push(static_cast<int>(r.idPegawai));
  idJ_.push(static_cast<int>(r.idJ));
  nama_.push(r.namaJabatan);
  unit_.push(static_cast<int>(r.idUnitKerja));
  pushNullable(eselon_, r.eselon);
  tmt_.push(r.tmtJabatan);
  noSk_.push(r.noSk);
  tglSk_.push(r.tglSk);
  rowAdded();
}

DiklatBatch::DiklatBatch() : TableBatch("diklat") {
  declare("id_diklat", id_);
  declare("id_pegawai", pegawai_);
  declare("jenis_diklat", jenis_);
  declare("nama_diklat", nama_);
  declare("penyelenggara", penyelenggara_);
  declare("tgl_mulai", mulai_);
  declare("tgl_selesai", selesai_);
  declare("jumlah_jam", jam_);
  declare("no_sertifikat", sertifikat_);
}

void DiklatBatch::add(const DiklatRow& r) {
  id_.push(static_cast<long long>(r.id));
  pegawai_.push(static_cast<int>(r.idPegawai));
  jenis_.push(r.jenisDiklat);
  nama_.push(r.namaDiklat);
  penyelenggara_.push(r.penyelenggara);
  mulai_.push(r.tglMulai);
  selesai_.push(r.tglSelesai);
  jam_.push(r.jumlahJam);
  sertifikat_.push(r.noSertifikat);
  rowAdded();
}

}  // namespace sinkron::sim::simpeg
