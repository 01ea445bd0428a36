// Record-level anomaly checks (BKN 2023 list). A clean record costs a few comparisons and no
// allocation: values are read as string_views and decoded on the stack; message text is built
// only for a finding.
#include "sinkron/mappings/anomalies.hpp"

#include <fmt/format.h>

#include <array>

#include "identifiers_impl.hpp"
#include "sinkron/mappings/code_tables.hpp"
#include "sinkron/mappings/identifiers.hpp"

namespace sinkron::mappings {
namespace {

enum Kind : std::size_t {
  kNipInvalid,
  kNipTglLahir,
  kNipJenisKelamin,
  kNipTmtCpns,
  kNikInvalid,
  kNikTglLahir,
  kNikJenisKelamin,
  kTmtCpnsSetelahTmtPns,
  kEmailKosong,
  kEmailTidakValid,
  kPhoneKosong,
  kGelarKosong,
  kJabatanKosong,
  kTglLahirKosong,
  kMelewatiBup,
  kCpnsLebih1Tahun,
  kNipKosong,
  kKindCount,
};

constexpr std::array<AnomalyKind, kKindCount> kKinds = {{
    {"nip_invalid", Severity::kError,
     "Perbaiki NIP di SIMPEG: NIP baru 18 digit, NIP lama 9 digit, sesuai SK"},
    {"nip_tgl_lahir", Severity::kError,
     "Perbaiki tanggal lahir di SIMPEG agar sesuai NIP (atau ajukan perbaikan NIP ke BKN)"},
    {"nip_jenis_kelamin", Severity::kError, "Perbaiki jenis kelamin di SIMPEG agar sesuai NIP"},
    {"nip_tmt_cpns", Severity::kError, "Perbaiki TMT CPNS di SIMPEG agar sesuai NIP dan SK CPNS"},
    {"nik_invalid", Severity::kError, "Isi NIK 16 digit sesuai KTP/KK (data Dukcapil)"},
    {"nik_tgl_lahir", Severity::kWarning,
     "Periksa NIK dan tanggal lahir terhadap KTP/KK, lalu perbaiki yang salah"},
    {"nik_jenis_kelamin", Severity::kWarning,
     "Periksa NIK dan jenis kelamin terhadap KTP/KK, lalu perbaiki yang salah"},
    {"tmt_cpns_setelah_tmt_pns", Severity::kError,
     "Perbaiki TMT CPNS atau TMT PNS sesuai SK: TMT CPNS harus sebelum TMT PNS"},
    {"email_kosong", Severity::kWarning, "Isi alamat email pegawai"},
    {"email_tidak_valid", Severity::kWarning, "Perbaiki alamat email (format nama@domain.id)"},
    {"phone_kosong", Severity::kWarning, "Isi nomor HP pegawai"},
    {"gelar_kosong", Severity::kInfo,
     "Periksa gelar: golongan III ke atas biasanya bergelar; isi gelar depan/belakang bila ada"},
    {"jabatan_kosong", Severity::kWarning, "Isi jabatan pegawai sesuai SK jabatan terakhir"},
    {"tgl_lahir_kosong", Severity::kError, "Isi tanggal lahir sesuai akta kelahiran/KTP"},
    {"melewati_bup", Severity::kError,
     "Pegawai melewati batas usia pensiun: proses pensiun atau perbarui kedudukan hukum"},
    {"cpns_lebih_1_tahun", Severity::kWarning,
     "Proses pengangkatan CPNS menjadi PNS, atau perbarui status pegawai dan TMT PNS"},
    {"nip_kosong", Severity::kError, "Isi NIP baru (18 digit) atau NIP lama sesuai SK"},
}};

// Simplified BUP (UU 5/2014, PP 11/2017): 58, and 60 for fungsional tertentu. Higher ages that
// depend on the rank (JPT 60, JF ahli utama 65) need data this record does not carry.
constexpr int kBup = 58;
constexpr int kBupFungsionalTertentu = 60;

void add(std::vector<Anomaly>& out, Kind k, Field f, std::string message) {
  out.push_back({kKinds[k].code, f, kKinds[k].severity, std::move(message)});
}

bool isActive(std::string_view kedudukan) {
  return kedudukan.empty() || kedudukan == "01";
}

// name@domain.tld with no spaces and a single '@'; not RFC 5322, just the typing errors seen.
bool plausibleEmail(std::string_view e) {
  const std::size_t at = e.find('@');
  if (at == 0 || at == std::string_view::npos || e.find('@', at + 1) != std::string_view::npos)
    return false;
  for (char c : e)
    if (static_cast<unsigned char>(c) <= ' ' || c == ',' || c == ';') return false;
  const std::string_view domain = e.substr(at + 1);
  const std::size_t dot = domain.rfind('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < domain.size() &&
         domain.front() != '.' && domain.find("..") == std::string_view::npos;
}

int golonganNumber(std::string_view g) {
  if (g.size() != 2 || g[0] < '0' || g[0] > '9' || g[1] < '0' || g[1] > '9') return 0;
  return (g[0] - '0') * 10 + (g[1] - '0');
}

// Pension starts on the first day of the month after the BUP birthday (PP 11/2017).
CivilDate pensionStart(const CivilDate& birth, int bup) {
  return birth.month == 12 ? CivilDate{birth.year + bup + 1, 1, 1}
                           : CivilDate{birth.year + bup, birth.month + 1, 1};
}

CivilDate oneYearAfter(const CivilDate& d) {
  CivilDate next{d.year + 1, d.month, d.day};
  if (!next.valid()) next.day = 28;  // 29 February
  return next;
}

void checkNipFields(const RecordView& r, const std::optional<CivilDate>& birth, Sex sex,
                    const std::optional<CivilDate>& tmtCpns, std::optional<CivilDate>& nipBirth,
                    std::vector<Anomaly>& out) {
  const std::string_view text = r.get(Field::kNip);
  if (!text.empty()) {
    detail::DigitBuffer digits;
    detail::NipFields f;
    const detail::NipProblem p = detail::decodeNip(text, digits, f);
    if (p != detail::NipProblem::kNone) {
      add(out, kNipInvalid, Field::kNip, detail::nipError(text, p, digits, f).message);
    } else if (f.kind == NipKind::kOld) {
      add(out, kNipInvalid, Field::kNip,
          fmt::format("NIP '{}' has 9 digits: an old NIP in the NIP field (expected 18 digits)",
                      text));
    } else {
      nipBirth = f.birthDate;
      if (!detail::nipBirthAgrees(f, birth))
        add(out, kNipTglLahir, Field::kTglLahir, detail::nipBirthMessage(f, *birth));
      if (!detail::nipSexAgrees(f, sex))
        add(out, kNipJenisKelamin, Field::kJenisKelamin, detail::nipSexMessage(f, sex));
      if (!detail::nipTmtAgrees(f, tmtCpns))
        add(out, kNipTmtCpns, Field::kTmtCpns, detail::nipTmtMessage(f, *tmtCpns));
    }
  }
  const std::string_view lama = r.get(Field::kNipLama);
  if (!lama.empty()) {
    detail::DigitBuffer digits;
    detail::NipFields f;
    const detail::NipProblem p = detail::decodeNip(lama, digits, f);
    if (p == detail::NipProblem::kBadChar || p == detail::NipProblem::kOldZero) {
      add(out, kNipInvalid, Field::kNipLama, detail::nipError(lama, p, digits, f).message);
    } else if (digits.size != 9) {
      add(out, kNipInvalid, Field::kNipLama,
          fmt::format("old NIP '{}' has {} digits, expected 9", lama, digits.size));
    }
  }
  if (text.empty() && lama.empty())
    add(out, kNipKosong, Field::kNip, "no NIP and no old NIP (expected one of them)");
}

void checkNikField(const RecordView& r, const std::optional<CivilDate>& birth, Sex sex,
                   std::vector<Anomaly>& out) {
  const std::string_view text = r.get(Field::kNik);
  detail::DigitBuffer digits;
  detail::NikFields f;
  const detail::NikProblem p = detail::decodeNik(text, digits, f);
  if (p != detail::NikProblem::kNone) {
    add(out, kNikInvalid, Field::kNik, detail::nikError(text, p, digits).message);
    return;
  }
  if (!detail::nikBirthAgrees(f, birth))
    add(out, kNikTglLahir, Field::kNik, detail::nikBirthMessage(f, *birth));
  if (!detail::nikSexAgrees(f, sex))
    add(out, kNikJenisKelamin, Field::kNik, detail::nikSexMessage(f, sex));
}

void checkService(const RecordView& r, const AnomalyOptions& o,
                  const std::optional<CivilDate>& birth, const std::optional<CivilDate>& tmtCpns,
                  std::vector<Anomaly>& out) {
  const std::string_view status = r.get(Field::kStatusPegawai);
  const std::string_view kedudukan = r.get(Field::kKedudukan);
  if (!o.asOf.valid() || !isActive(kedudukan)) return;
  if (status == "PNS" && birth) {
    const int bup = r.get(Field::kJenisJabatan) == "2" ? kBupFungsionalTertentu : kBup;
    const CivilDate start = pensionStart(*birth, bup);
    if (o.asOf >= start) {
      add(out, kMelewatiBup, Field::kKedudukan,
          fmt::format("born {}, BUP {}: pension due from {}, still active on {}", birth->iso(), bup,
                      start.iso(), o.asOf.iso()));
    }
  }
  if (status == "CPNS" && tmtCpns && o.asOf > oneYearAfter(*tmtCpns)) {
    add(out, kCpnsLebih1Tahun, Field::kStatusPegawai,
        fmt::format("CPNS since TMT {}, more than a year before {}", tmtCpns->iso(), o.asOf.iso()));
  }
}

}  // namespace

std::string_view severityName(Severity s) {
  switch (s) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "";
}

void checkAnomalies(const EmployeeRecord& record, const AnomalyOptions& options,
                    std::vector<Anomaly>& out) {
  checkAnomalies(RecordView::of(record), options, out);
}

void checkAnomalies(const RecordView& record, const AnomalyOptions& options,
                    std::vector<Anomaly>& out) {
  const std::optional<CivilDate> birth = parseIsoDate(record.get(Field::kTglLahir));
  const std::optional<CivilDate> tmtCpns = parseIsoDate(record.get(Field::kTmtCpns));
  const std::optional<CivilDate> tmtPns = parseIsoDate(record.get(Field::kTmtPns));
  const Sex sex = parseSex(record.get(Field::kJenisKelamin));

  std::optional<CivilDate> nipBirth;
  checkNipFields(record, birth, sex, tmtCpns, nipBirth, out);
  checkNikField(record, birth, sex, out);

  if (!record.has(Field::kTglLahir))
    add(out, kTglLahirKosong, Field::kTglLahir, "tgl_lahir is empty");
  if (tmtCpns && tmtPns && *tmtCpns > *tmtPns) {
    add(out, kTmtCpnsSetelahTmtPns, Field::kTmtCpns,
        fmt::format("TMT CPNS {} is after TMT PNS {}", tmtCpns->iso(), tmtPns->iso()));
  }

  const std::string_view email = record.get(Field::kEmail);
  if (email.empty()) {
    add(out, kEmailKosong, Field::kEmail, "email is empty");
  } else if (!plausibleEmail(email)) {
    add(out, kEmailTidakValid, Field::kEmail,
        fmt::format("email '{}' is not an address (expected name@domain.tld)", email));
  }
  if (!record.has(Field::kPhone)) add(out, kPhoneKosong, Field::kPhone, "phone is empty");

  const int golongan = golonganNumber(record.get(Field::kGolongan));
  if (golongan >= 31 && !record.has(Field::kGelarDepan) && !record.has(Field::kGelarBelakang)) {
    const auto g = golonganByCode(golongan);
    add(out, kGelarKosong, Field::kGelarBelakang,
        fmt::format("no gelar while golongan is {} ({}), which usually implies a degree", golongan,
                    g ? g->roman : "?"));
  }
  if (!record.has(Field::kJabatan) && !record.has(Field::kJabatanId))
    add(out, kJabatanKosong, Field::kJabatan, "jabatan is empty");

  // An unreadable tgl_lahir falls back to the NIP's birth date for the age check.
  checkService(record, options, birth ? birth : nipBirth, tmtCpns, out);
}

const std::vector<AnomalyKind>& anomalyKinds() {
  static const std::vector<AnomalyKind> kinds(kKinds.begin(), kKinds.end());
  return kinds;
}

}  // namespace sinkron::mappings
