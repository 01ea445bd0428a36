-- SIMPEG (regional HR system) schema, PostgreSQL dialect, as the PHP SIMPEGs of the regions
-- lay it out: local ids for units (id_unit_kerja) and positions (id_j), golongan as 'III/a',
-- dates as DATE. There are no foreign keys, as in the systems this models: dangling or vacant
-- supervisor posts (jabatan.id_bos) and unmapped units (unit_kerja.id_unor_bkn NULL) are data
-- the gateway must cope with. One statement per ';' at a line end (the loader splits on it).
DROP TABLE IF EXISTS diklat;
DROP TABLE IF EXISTS riwayat_jabatan;
DROP TABLE IF EXISTS riwayat_pangkat;
DROP TABLE IF EXISTS pegawai;
DROP TABLE IF EXISTS jabatan;
DROP TABLE IF EXISTS unit_kerja;

CREATE TABLE unit_kerja (
  id_unit_kerja INTEGER NOT NULL PRIMARY KEY,
  nama VARCHAR(200) NOT NULL,
  id_skpd INTEGER NOT NULL,                -- the agency (OPD) the unit belongs to
  id_unor_bkn CHAR(32) NULL                -- SIASN unorId; NULL = not mapped yet
);

CREATE TABLE jabatan (
  id_j INTEGER NOT NULL PRIMARY KEY,       -- id_unit_kerja * 1000 + local catalogue number
  nama_jabatan VARCHAR(200) NOT NULL,
  jenis_jabatan SMALLINT NOT NULL,         -- 1 struktural, 2 fungsional tertentu, 4 pelaksana
  eselon VARCHAR(5) NULL,                  -- 'II.b', 'III.a', ...; NULL when not structural
  id_unit_kerja INTEGER NOT NULL,
  id_bos INTEGER NULL                      -- the supervisor's position; NULL at the top
);
CREATE INDEX jabatan_bos ON jabatan (id_bos);

CREATE TABLE pegawai (
  id_pegawai INTEGER NOT NULL PRIMARY KEY,
  nip_baru VARCHAR(18) NULL,
  nip_lama VARCHAR(9) NULL,
  nama VARCHAR(150) NOT NULL,              -- without titles
  gelar_depan VARCHAR(50) NULL,
  gelar_belakang VARCHAR(80) NULL,
  tempat_lahir VARCHAR(80) NOT NULL,
  tgl_lahir DATE NOT NULL,
  jenis_kelamin CHAR(1) NOT NULL,          -- 'L' / 'P'
  nik VARCHAR(16) NULL,
  pangkat_gol VARCHAR(6) NOT NULL,         -- 'III/a'
  jenjab VARCHAR(30) NOT NULL,             -- 'Struktural', 'Fungsional Tertentu', 'Fungsional Umum'
  id_j INTEGER NOT NULL,
  id_unit_kerja INTEGER NOT NULL,
  status_pegawai VARCHAR(5) NOT NULL,      -- 'PNS', 'CPNS', 'PPPK'
  kedudukan VARCHAR(40) NOT NULL,          -- local label: 'Aktif', 'Pensiun', 'MPP', ...
  flag_pensiun SMALLINT NOT NULL,          -- 1 when retired
  tmt_cpns DATE NOT NULL,
  tmt_pns DATE NULL,
  tmt_gol DATE NOT NULL,
  no_ref_bkn CHAR(32) NULL,                -- SIASN person id when the operator recorded it
  email VARCHAR(100) NULL,
  no_hp VARCHAR(20) NULL,
  updated_at TIMESTAMP(0) NOT NULL         -- UTC
);
CREATE INDEX pegawai_nip_baru ON pegawai (nip_baru);
CREATE INDEX pegawai_updated ON pegawai (updated_at, id_pegawai);
CREATE INDEX pegawai_id_j ON pegawai (id_j);
CREATE INDEX pegawai_unit ON pegawai (id_unit_kerja);

CREATE TABLE riwayat_pangkat (
  id_riwayat_pangkat BIGINT NOT NULL PRIMARY KEY,
  id_pegawai INTEGER NOT NULL,
  pangkat_gol VARCHAR(6) NOT NULL,
  tmt_pangkat DATE NOT NULL,
  jenis_kp VARCHAR(40) NOT NULL,           -- 'CPNS', 'Reguler', 'Pilihan', 'PPPK'
  no_sk VARCHAR(60) NOT NULL,
  tgl_sk DATE NOT NULL
);
CREATE INDEX riwayat_pangkat_pegawai ON riwayat_pangkat (id_pegawai);

CREATE TABLE riwayat_jabatan (
  id_riwayat_jabatan BIGINT NOT NULL PRIMARY KEY,
  id_pegawai INTEGER NOT NULL,
  id_j INTEGER NOT NULL,                   -- may name a post that no longer exists
  nama_jabatan VARCHAR(200) NOT NULL,
  id_unit_kerja INTEGER NOT NULL,
  eselon VARCHAR(5) NULL,
  tmt_jabatan DATE NOT NULL,
  no_sk VARCHAR(60) NOT NULL,
  tgl_sk DATE NOT NULL
);
CREATE INDEX riwayat_jabatan_pegawai ON riwayat_jabatan (id_pegawai);

CREATE TABLE diklat (
  id_diklat BIGINT NOT NULL PRIMARY KEY,
  id_pegawai INTEGER NOT NULL,
  jenis_diklat VARCHAR(20) NOT NULL,       -- 'Prajabatan', 'Struktural', 'Fungsional', 'Teknis'
  nama_diklat VARCHAR(200) NOT NULL,
  penyelenggara VARCHAR(120) NOT NULL,
  tgl_mulai DATE NOT NULL,
  tgl_selesai DATE NOT NULL,
  jumlah_jam INTEGER NOT NULL,             -- JP (jam pelajaran)
  no_sertifikat VARCHAR(60) NOT NULL
);
CREATE INDEX diklat_pegawai ON diklat (id_pegawai);
