#include "completion_model.hpp"

#include <array>
#include <cctype>
#include <cstdio>

#include "hashing.hpp"

namespace sinkron::sim::training {
namespace {

using namespace std::chrono;

constexpr double kNobodyRate = 0.005, kNipEmptyRate = 0.04, kNipMistypedRate = 0.03;
constexpr double kNikEmptyRate = 0.15, kNeighbourRate = 0.25, kTitlesRate = 0.30, kUpperRate = 0.20;
constexpr double kDiklatRate = 0.30, kCorrectedRate = 0.15;
constexpr int kWindowDays = 365;  // two windows of a year each, ending "today"

struct Course {
  std::string_view name, code;
};
constexpr Course kDiklat[] = {
    {"Pelatihan Dasar CPNS", "LATSAR"},
    {"Pelatihan Kepemimpinan Pengawas", "PKP"},
    {"Pelatihan Kepemimpinan Administrator", "PKA"},
    {"Pelatihan Kepemimpinan Nasional Tingkat II", "PKN"},
    {"Diklat Teknis Pengadaan Barang/Jasa Pemerintah", "PBJ"},
    {"Diklat Fungsional Analis Kepegawaian", "AK"},
    {"Pelatihan Fungsional Auditor Ahli", "AUD"},
    {"Diklat Teknis Penyusunan Anggaran Berbasis Kinerja", "ABK"},
};
constexpr Course kKursus[] = {
    {"Kursus Bahasa Inggris untuk Aparatur", "KBI"},
    {"Bimbingan Teknis Penyusunan SKP", "SKP"},
    {"Bimtek Pemutakhiran Data SIASN", "SIASN"},
    {"Workshop Manajemen Risiko", "MR"},
    {"Pelatihan Microsoft Excel Tingkat Lanjut", "EXC"},
    {"Webinar Literasi Digital ASN", "LD"},
    {"Kursus Kearsipan Dinamis", "ARS"},
    {"Pelatihan Pelayanan Prima", "PP"},
    {"Kursus Pertolongan Pertama", "P3K"},
    {"Bimtek Pengelolaan Keuangan Daerah", "PKD"},
};
constexpr Course kOrganisers[] = {
    {"BPSDM Provinsi Jawa Tengah", "BPSDMD-JTG"},
    {"BPSDM Provinsi Jawa Timur", "BPSDMD-JTM"},
    {"BPSDM Provinsi Sumatera Utara", "BPSDMD-SU"},
    {"Lembaga Administrasi Negara", "LAN"},
    {"Pusat Pengembangan Kompetensi ASN BKN", "BKN"},
    {"BPSDM Kementerian Dalam Negeri", "KEMENDAGRI"},
    {"Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah", "LKPP"},
    {"BKPSDM Kabupaten/Kota", "BKPSDM"},
};
constexpr std::string_view kOutsiders[] = {
    "Rina Marlina",   "Agus Setiawan", "Dewi Lestari", "Bambang Hermanto", "Yuliana Sari",
    "Hendra Gunawan", "Sri Wahyuni",   "Eko Prasetyo", "Maria Ulfa",       "Rudi Hartono",
};
constexpr std::string_view kRoman[] = {"I",   "II",   "III", "IV", "V",  "VI",
                                       "VII", "VIII", "IX",  "X",  "XI", "XII"};

int countFrom(double u) {
  if (u < 0.25) return 0;
  if (u < 0.55) return 1;
  if (u < 0.80) return 2;
  if (u < 0.92) return 3;
  return 4;
}

std::int64_t secondsOf(sys_days day) {
  return sys_seconds(day).time_since_epoch().count();
}

// The person whose NIP is one digit off `p`'s: the partner of a population NIP-neighbour pair,
// whose serial's last digit is `p`'s plus or minus 5.
std::optional<std::string> neighbourNip(const population::Person& p,
                                        const population::PopulationGenerator& population) {
  if (p.nipBaru.size() != 18) return std::nullopt;
  int last = p.nipBaru.back() - '0';
  int other = last >= 1 && last <= 4 ? last + 5 : last >= 6 && last <= 9 ? last - 5 : -1;
  if (other < 0) return std::nullopt;
  std::string candidate = p.nipBaru;
  candidate.back() = static_cast<char>('0' + other);
  std::optional<std::uint64_t> index = population.personByNip(candidate);
  if (!index || *index == p.index) return std::nullopt;
  return candidate;
}

Attendee outsider(std::uint64_t hash) {
  Stream f(hash);
  Attendee a;
  int year = f.range(1975, 1998), month = f.range(1, 12), day = f.range(1, 28);
  int sex = f.range(1, 2);
  // A serial ending in 0 or 5 is never issued by the population, so this NIP is nobody's.
  int serial = f.range(1, 99) * 10 + (f.uniform() < 0.5 ? 0 : 5);
  char nip[32], nik[32];
  std::snprintf(nip, sizeof nip, "%04d%02d%02d%04d%02d%d%03d", year, month, day,
                f.range(2015, 2023), f.range(1, 12), sex, serial);
  // Likewise NIK serials from 9000 are never issued.
  std::snprintf(nik, sizeof nik, "3404%02d%02d%02d%02d%04d", f.range(1, 20),
                day + (sex == 2 ? 40 : 0), month, year % 100, f.range(9000, 9999));
  a.nip = nip;
  a.nik = std::string(nik);
  a.nama = kOutsiders[f.next() % std::size(kOutsiders)];
  return a;
}

}  // namespace

CompletionModel::CompletionModel(std::uint64_t seed, std::uint64_t people, int asOfYear)
    : seed_(seed),
      people_(people),
      today_(sys_days(year(asOfYear) / November / 1)),
      idKey_(static_cast<std::uint32_t>(hashOf(seed, 0, Purpose::kIdKey))) {}

int CompletionModel::rowCount(std::uint64_t person) const {
  std::uint64_t h = hashOf(seed_, person, Purpose::kCount);
  Stream s(h);
  return countFrom(s.uniform()) + countFrom(s.uniform());
}

std::uint32_t CompletionModel::idOf(std::uint64_t person, int k) const {
  return scramble32(static_cast<std::uint32_t>(person * kMaxRowsPerPerson + k), idKey_);
}

std::optional<Completion> CompletionModel::byId(std::uint32_t id) const {
  std::uint32_t slot = unscramble32(id, idKey_);
  std::uint64_t person = slot / kMaxRowsPerPerson;
  int k = static_cast<int>(slot % kMaxRowsPerPerson);
  if (person >= people_ || k >= rowCount(person)) return std::nullopt;
  return row(person, k);
}

Completion CompletionModel::row(std::uint64_t person, int k) const {
  Completion c;
  c.person = person;
  c.k = k;
  c.id = idOf(person, k);
  Stream counts(hashOf(seed_, person, Purpose::kCount));
  int window = k < countFrom(counts.uniform()) ? 0 : 1;

  Stream s(
      hashOf(seed_, person * kMaxRowsPerPerson + static_cast<std::uint64_t>(k), Purpose::kRow));
  c.diklat = s.uniform() < kDiklatRate;
  int duration = c.diklat ? s.range(3, 21) : s.range(1, 5);
  c.jp = c.diklat ? s.range(20, 40) : s.range(2, 24);
  c.course =
      static_cast<std::uint16_t>(s.next() % (c.diklat ? std::size(kDiklat) : std::size(kKursus)));
  c.organiser = static_cast<std::uint16_t>(s.next() % std::size(kOrganisers));
  c.angkatan = c.diklat ? static_cast<std::uint16_t>(s.range(1, 12)) : 0;
  sys_days windowStart = today_ - days(2 * kWindowDays) + days(window * kWindowDays);
  c.mulai = windowStart + days(s.range(0, kWindowDays - duration));
  c.selesai = c.mulai + days(duration - 1);
  c.certificateSerial =
      c.diklat || s.uniform() >= 0.05 ? static_cast<std::uint16_t>(s.range(1, 9999)) : 0;

  // Entered 1-45 days after the course, in office hours (WIB); never after "today".
  std::int64_t now = secondsOf(today_);
  std::int64_t end = secondsOf(c.selesai);
  c.createdAt = end + s.range(1, 45) * 86400 + s.range(3600, 11 * 3600 - 1);
  if (c.createdAt >= now) c.createdAt = end + 3600 + (c.createdAt - end) % (now - end - 3600);
  c.updatedAt = c.createdAt;
  if (s.uniform() < kCorrectedRate) {
    std::int64_t corrected = c.createdAt + s.range(1, 120) * 86400 + s.range(0, 8 * 3600);
    c.updatedAt =
        corrected < now ? corrected : c.createdAt + (corrected - c.createdAt) % (now - c.createdAt);
  }

  Stream a(hashOf(seed_, person * kMaxRowsPerPerson + static_cast<std::uint64_t>(k),
                  Purpose::kAttendee));
  double u = a.uniform();
  if (u < kNobodyRate) {
    c.defects |= kNobody;
  } else if (u < kNobodyRate + kNipEmptyRate) {
    c.defects |= kNipEmpty;
  } else if (u < kNobodyRate + kNipEmptyRate + kNipMistypedRate) {
    c.defects |= kNipMistyped;
  }
  bool hasNip = (c.defects & (kNobody | kNipEmpty)) == 0;
  if (a.uniform() < kNikEmptyRate && hasNip) c.defects |= kNikEmpty;
  if (a.uniform() < kNeighbourRate && hasNip) c.defects |= kNipOfNeighbour;
  if (a.uniform() < kTitlesRate && (c.defects & kNobody) == 0) c.defects |= kNameWithTitles;
  if (a.uniform() < kUpperRate) c.defects |= kNameUpper;
  c.attendeeHash = a.next();
  return c;
}

Attendee CompletionModel::attendee(Completion& row,
                                   const population::PopulationGenerator& population) const {
  if (row.defects & kNobody) {
    Attendee a = outsider(row.attendeeHash);
    if (row.defects & kNameUpper)
      for (char& ch : a.nama) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return a;
  }
  population::Person p = population.person(row.person);
  Attendee a;
  if (row.defects & kNipOfNeighbour) {
    std::optional<std::string> neighbour = neighbourNip(p, population);
    if (neighbour) {
      a.nip = std::move(*neighbour);
      row.defects &= static_cast<std::uint8_t>(~kNipMistyped);
    } else {
      row.defects &= static_cast<std::uint8_t>(~kNipOfNeighbour);
    }
  }
  if (row.defects & kNipEmpty) {
    a.nip.clear();
  } else if (row.defects & kNipMistyped) {
    Stream m(row.attendeeHash ^ 0x5bd1e995ULL);
    a.nip = p.nipBaru;
    std::size_t at = m.next() % a.nip.size();
    int digit = a.nip[at] - '0';
    a.nip[at] = static_cast<char>('0' + (digit + 1 + static_cast<int>(m.next() % 9)) % 10);
  } else if (a.nip.empty()) {
    a.nip = p.nipBaru;
  }
  if ((row.defects & kNikEmpty) == 0) a.nik = p.nik;

  bool titles =
      (row.defects & kNameWithTitles) && (!p.gelarDepan.empty() || !p.gelarBelakang.empty());
  if (!titles) row.defects &= static_cast<std::uint8_t>(~kNameWithTitles);
  if (titles && !p.gelarDepan.empty()) a.nama.append(p.gelarDepan).push_back(' ');
  a.nama.append(p.name);
  if (titles && !p.gelarBelakang.empty()) a.nama.append(", ").append(p.gelarBelakang);
  if (row.defects & kNameUpper)
    for (char& ch : a.nama) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return a;
}

std::string_view CompletionModel::courseName(const Completion& row) const {
  return row.diklat ? kDiklat[row.course].name : kKursus[row.course].name;
}

std::string CompletionModel::courseTitle(const Completion& row) const {
  std::string title(courseName(row));
  if (row.diklat) title.append(" Angkatan ").append(kRoman[(row.angkatan - 1) % std::size(kRoman)]);
  return title;
}

std::string_view CompletionModel::organiserName(const Completion& row) const {
  return kOrganisers[row.organiser].name;
}

std::string CompletionModel::certificateNumber(const Completion& row) const {
  if (row.certificateSerial == 0) return {};
  std::string_view code = row.diklat ? kDiklat[row.course].code : kKursus[row.course].code;
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%04u/%.*s/%.*s/%d", row.certificateSerial,
                static_cast<int>(code.size()), code.data(),
                static_cast<int>(kOrganisers[row.organiser].code.size()),
                kOrganisers[row.organiser].code.data(),
                static_cast<int>(year_month_day(row.selesai).year()));
  return buffer;
}

}  // namespace sinkron::sim::training
