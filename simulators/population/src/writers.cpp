#include "writers.hpp"

#include <cerrno>
#include <cstring>

#include "calendar.hpp"

namespace sinkron::population {

const std::string_view kSimpegHeader =
    "\xEF\xBB\xBF"
    "id_pegawai;nip_baru;nip_lama;nama;tempat_lahir;tgl_lahir;jenis_kelamin;nik;pangkat_gol;"
    "jenjab;id_j;nama_jabatan;id_unit_kerja;unit_kerja;status_pegawai;kedudukan;tmt_cpns;"
    "tmt_pns;tmt_gol;email;no_hp;no_ref_bkn\n";
const std::string_view kTruthHeader = "side,key,person\n";

BufferedFile::~BufferedFile() {
  if (file_ != nullptr) std::fclose(file_);
}

Status BufferedFile::open(const std::filesystem::path& path) {
  path_ = path;
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) {
    return Error::io(path.string() + ": cannot open for writing: " + std::strerror(errno));
  }
  buffer_.reserve(kFlushAt + (std::size_t{64} << 10));
  return {};
}

Status BufferedFile::flush() {
  if (buffer_.empty()) return {};
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
    return Error::io(path_.string() + ": write failed: " + std::strerror(errno));
  }
  buffer_.clear();
  return {};
}

Status BufferedFile::close() {
  if (file_ == nullptr) return {};
  Status s = flush();
  int rc = std::fclose(file_);
  file_ = nullptr;
  if (!s) return s;
  if (rc != 0) return Error::io(path_.string() + ": close failed: " + std::strerror(errno));
  return {};
}

namespace {

bool needsCsvQuotes(std::string_view v) {
  for (char c : v) {
    if (c == ';' || c == '"' || c == '\n' || c == '\r') return true;
  }
  return false;
}

void appendCsvField(std::string& out, std::string_view v) {
  if (!needsCsvQuotes(v)) {
    out.append(v);
    return;
  }
  out.push_back('"');
  for (char c : v) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void appendJsonString(std::string& out, std::string_view v) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t plain = 0;  // start of the run of characters that need no escape
  for (std::size_t i = 0; i < v.size(); ++i) {
    auto u = static_cast<unsigned char>(v[i]);
    if (u >= 0x20 && u != '"' && u != '\\') continue;
    out.append(v.data() + plain, i - plain);
    plain = i + 1;
    if (u == '"' || u == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(u));
    } else {
      out.append("\\u00");
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    }
  }
  out.append(v.data() + plain, v.size() - plain);
  out.push_back('"');
}

// `key` is the quoted name with its colon and leading comma (",\"nama\":"). Free text is
// escaped; `plain` values (digits, dates, hex ids, codes made here) cannot need escaping.
void appendJsonField(std::string& out, std::string_view key, std::string_view value,
                     bool plain = false) {
  out.append(key);
  if (value.empty()) {
    out.append("null");
  } else if (plain) {
    out.push_back('"');
    out.append(value);
    out.push_back('"');
  } else {
    appendJsonString(out, value);
  }
}

}  // namespace

void appendSimpegRow(std::string& out, const SimpegRow& r) {
  // Free text may hold ';' or '"' and is checked; the other columns are digits, dates, codes
  // and hex ids made by this generator.
  auto text = [&](const std::string& v) {
    appendCsvField(out, v);
    out.push_back(';');
  };
  auto plain = [&](const std::string& v) {
    out.append(v);
    out.push_back(';');
  };
  plain(r.idPegawai);
  plain(r.nipBaru);
  plain(r.nipLama);
  text(r.nama);
  text(r.tempatLahir);
  plain(r.tglLahir);
  plain(r.jenisKelamin);
  plain(r.nik);
  plain(r.pangkatGol);
  plain(r.jenjab);
  plain(r.idJ);
  text(r.namaJabatan);
  plain(r.idUnitKerja);
  text(r.unitKerja);
  plain(r.statusPegawai);
  text(r.kedudukan);
  plain(r.tmtCpns);
  plain(r.tmtPns);
  plain(r.tmtGol);
  text(r.email);
  text(r.noHp);
  appendCsvField(out, r.noRefBkn);
  out.push_back('\n');
}

void appendSiasnRecord(std::string& out, const SiasnRecord& r) {
  if (r.wrapped) out.append("{\"data\":");
  out.push_back('{');
  appendJsonField(out, R"("id":)", r.id, true);
  appendJsonField(out, R"(,"nipBaru":)", r.nipBaru, true);
  appendJsonField(out, R"(,"nipLama":)", r.nipLama, true);
  appendJsonField(out, R"(,"nama":)", r.nama);
  appendJsonField(out, R"(,"gelarDepan":)", r.gelarDepan);
  appendJsonField(out, R"(,"gelarBelakang":)", r.gelarBelakang);
  appendJsonField(out, R"(,"tempatLahir":)", r.tempatLahir);
  appendJsonField(out, R"(,"tglLahir":)", r.tglLahir, true);
  appendJsonField(out, R"(,"jenisKelamin":)", r.jenisKelamin, true);
  appendJsonField(out, R"(,"nik":)", r.nik, true);
  appendJsonField(out, R"(,"email":)", r.email);
  appendJsonField(out, R"(,"noHp":)", r.noHp, true);
  appendJsonField(out, R"(,"kedudukanPnsId":)", r.kedudukanPnsId, true);
  appendJsonField(out, R"(,"kedudukanPnsNama":)", r.kedudukanPnsNama);
  appendJsonField(out, R"(,"statusPegawai":)", r.statusPegawai, true);
  appendJsonField(out, R"(,"tmtCpns":)", r.tmtCpns, true);
  appendJsonField(out, R"(,"tmtPns":)", r.tmtPns, true);
  appendJsonField(out, R"(,"unorId":)", r.unorId, true);
  appendJsonField(out, R"(,"unorNama":)", r.unorNama);
  appendJsonField(out, R"(,"jenisJabatanId":)", r.jenisJabatanId, true);
  appendJsonField(out, R"(,"jabatanNama":)", r.jabatanNama);
  appendJsonField(out, R"(,"golRuangAkhirId":)", r.golRuangAkhirId, true);
  appendJsonField(out, R"(,"golRuangAkhir":)", r.golRuangAkhir, true);
  appendJsonField(out, R"(,"pangkatAkhir":)", r.pangkatAkhir);
  appendJsonField(out, R"(,"tmtGolAkhir":)", r.tmtGolAkhir, true);
  out.push_back('}');
  if (r.wrapped) out.append(",\"code\":1}");
  out.push_back('\n');
}

void appendTruth(std::string& out, std::string_view side, std::string_view key,
                 std::uint64_t person) {
  out.append(side);
  out.push_back(',');
  out.append(key);
  out.push_back(',');
  appendNumber(out, person);
  out.push_back('\n');
}

}  // namespace sinkron::population
