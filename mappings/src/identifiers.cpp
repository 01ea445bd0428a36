// NIP and NIK decoding (layouts in DOMAIN.md) and the checks of what they encode against a
// record. Decoding reads fixed digit positions into a stack buffer; text is built only for errors
// and findings.
#include "sinkron/mappings/identifiers.hpp"

#include <fmt/format.h>

#include <array>
#include <cstring>

#include "identifiers_impl.hpp"
#include "swar_digits.hpp"

namespace sinkron::mappings {
namespace {

constexpr char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

struct SexSpelling {
  std::string_view text;
  Sex sex;
};

constexpr std::array<SexSpelling, 18> kSexSpellings = {{
    {"L", Sex::kMale},
    {"M", Sex::kMale},
    {"1", Sex::kMale},
    {"LK", Sex::kMale},
    {"Laki-laki", Sex::kMale},
    {"Laki laki", Sex::kMale},
    {"Laki", Sex::kMale},
    {"Pria", Sex::kMale},
    {"Male", Sex::kMale},
    {"P", Sex::kFemale},
    {"F", Sex::kFemale},
    {"2", Sex::kFemale},
    {"PR", Sex::kFemale},
    {"W", Sex::kFemale},
    {"Perempuan", Sex::kFemale},
    {"Wanita", Sex::kFemale},
    {"Female", Sex::kFemale},
    {"Pr.", Sex::kFemale},
}};

// Copies the digits of `text` into `out`, skipping spaces, tabs and dots (written as separators).
void collectDigits(std::string_view text, detail::DigitBuffer& out) {
  out.size = 0;
  out.badChar = 0;
  // Nearly every value is plain digits: check eight at a time and copy them at once.
  if (text.size() >= 8 && text.size() <= out.d.size()) {
    bool plain = true;
    for (std::size_t i = 0; i + 8 <= text.size() && plain; i += 8)
      plain = detail::eightDigits(detail::load64(text.data() + i));
    plain = plain && detail::eightDigits(detail::load64(text.data() + text.size() - 8));
    if (plain) {
      std::memcpy(out.d.data(), text.data(), text.size());
      out.size = text.size();
      return;
    }
  }
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      if (out.size < out.d.size()) out.d[out.size] = c;
      ++out.size;
    } else if (c != ' ' && c != '\t' && c != '.') {
      if (out.badChar == 0) out.badChar = c;
    }
  }
}

constexpr int num(const char* p, int n) {
  int v = 0;
  for (int i = 0; i < n; ++i) v = v * 10 + (p[i] - '0');
  return v;
}

constexpr bool validNikDay(int day, int month) {
  constexpr std::array<int, 12> kMax = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return day <= kMax[static_cast<std::size_t>(month - 1)];
}

}  // namespace

Sex parseSex(std::string_view text) {
  if (text.size() == 1 && (text[0] == 'M' || text[0] == 'F'))  // canonical: every mapped record
    return text[0] == 'M' ? Sex::kMale : Sex::kFemale;
  const std::string_view t = trim(text);
  for (const auto& s : kSexSpellings)
    if (equalsIgnoreCase(t, s.text)) return s.sex;
  return Sex::kUnknown;
}

std::string_view sexCode(Sex sex) {
  switch (sex) {
    case Sex::kMale:
      return "M";
    case Sex::kFemale:
      return "F";
    case Sex::kUnknown:
      break;
  }
  return "";
}

namespace detail {

NipProblem decodeNip(std::string_view text, DigitBuffer& digits, NipFields& out) {
  collectDigits(text, digits);
  if (digits.badChar != 0) return NipProblem::kBadChar;
  if (digits.size == 0) return NipProblem::kEmpty;
  const char* p = digits.d.data();
  out = NipFields{};
  if (digits.size == 9) {
    out.kind = NipKind::kOld;
    out.serial = num(p + 3, 6);  // agency code (3) + serial (6)
    return num(p, 9) == 0 ? NipProblem::kOldZero : NipProblem::kNone;
  }
  if (digits.size != 18) return NipProblem::kLength;
  out.birthDate = CivilDate{num(p, 4), num(p + 4, 2), num(p + 6, 2)};
  if (!out.birthDate.valid()) return NipProblem::kBirthDate;
  out.tmtYear = num(p + 8, 4);
  // A PNS TMT month starts with 0 or 1; the PPPK layout has the marker 2 in that position.
  if (p[12] == '2') {
    out.kind = NipKind::kPppk;
    out.frequency = p[13] - '0';
    if (out.tmtYear < 1900 || out.tmtYear > 2100) return NipProblem::kTmt;
    if (out.tmtYear < out.birthDate.year) return NipProblem::kTmtBeforeBirth;
    if (out.frequency == 0) return NipProblem::kFrequency;
  } else {
    out.kind = NipKind::kPns;
    out.tmtMonth = num(p + 12, 2);
    if (out.tmtYear < 1900 || out.tmtYear > 2100 || out.tmtMonth < 1 || out.tmtMonth > 12)
      return NipProblem::kTmt;
    if (out.tmtYear * 12 + out.tmtMonth < out.birthDate.year * 12 + out.birthDate.month)
      return NipProblem::kTmtBeforeBirth;
  }
  const int sexDigit = p[14] - '0';
  if (sexDigit != 1 && sexDigit != 2) return NipProblem::kSex;
  out.sex = static_cast<Sex>(sexDigit);
  out.serial = num(p + 15, 3);
  if (out.serial == 0) return NipProblem::kSerial;
  return NipProblem::kNone;
}

Error nipError(std::string_view text, NipProblem p, const DigitBuffer& digits, const NipFields& f) {
  const std::string_view d = digits.view();
  switch (p) {
    case NipProblem::kEmpty:
      return Error::parse("NIP is empty (expected 18 or 9 digits)");
    case NipProblem::kBadChar:
      return Error::parse(
          fmt::format("NIP '{}' contains '{}' (expected digits; spaces and dots are ignored)", text,
                      digits.badChar));
    case NipProblem::kLength:
      return Error::parse(
          fmt::format("NIP '{}' has {} digits, expected 18 or 9", text, digits.size));
    case NipProblem::kBirthDate:
      return Error::parse(fmt::format("birth date {} in NIP '{}' is not a date (expected yyyymmdd)",
                                      d.substr(0, 8), text));
    case NipProblem::kTmt:
      if (f.kind == NipKind::kPppk)
        return Error::parse(fmt::format(
            "appointment year {} in PPPK NIP '{}' is not a year 1900..2100", d.substr(8, 4), text));
      return Error::parse(fmt::format("TMT CPNS {} in NIP '{}' is not a month (expected yyyymm)",
                                      d.substr(8, 6), text));
    case NipProblem::kTmtBeforeBirth:
      return Error::parse(fmt::format("TMT {} in NIP '{}' is before the birth date {}",
                                      d.substr(8, f.kind == NipKind::kPppk ? 4 : 6), text,
                                      f.birthDate.iso()));
    case NipProblem::kFrequency:
      return Error::parse(fmt::format("frequency digit 0 in PPPK NIP '{}' must be 1..9", text));
    case NipProblem::kSex:
      return Error::parse(
          fmt::format("sex digit {} in NIP '{}' must be 1 or 2", d.substr(14, 1), text));
    case NipProblem::kSerial:
      return Error::parse(fmt::format("serial 000 in NIP '{}' must be 001..999", text));
    case NipProblem::kOldZero:
      return Error::parse(fmt::format("old NIP '{}' is all zeros", text));
    case NipProblem::kNone:
      break;
  }
  return Error::internal("NIP decoded without a problem");
}

NikProblem decodeNik(std::string_view text, DigitBuffer& digits, NikFields& out) {
  collectDigits(text, digits);
  if (digits.badChar != 0) return NikProblem::kBadChar;
  if (digits.size == 0) return NikProblem::kEmpty;
  if (digits.size != 16) return NikProblem::kLength;
  const char* p = digits.d.data();
  out = NikFields{};
  out.province = num(p, 2);
  out.regency = num(p + 2, 2);
  out.district = num(p + 4, 2);
  if (out.province < 11) return NikProblem::kProvince;
  if (out.regency == 0 || out.district == 0) return NikProblem::kRegion;
  int day = num(p + 6, 2);
  out.sex = day > 40 ? Sex::kFemale : Sex::kMale;
  if (day > 40) day -= 40;
  if (day < 1 || day > 31) return NikProblem::kDay;
  out.birthDay = day;
  out.birthMonth = num(p + 8, 2);
  if (out.birthMonth < 1 || out.birthMonth > 12) return NikProblem::kMonth;
  // Two-digit year: February 29 cannot be ruled out.
  if (!validNikDay(day, out.birthMonth)) return NikProblem::kDayInMonth;
  out.birthYear2 = num(p + 10, 2);
  out.serial = num(p + 12, 4);
  if (out.serial == 0) return NikProblem::kSerial;
  return NikProblem::kNone;
}

Error nikError(std::string_view text, NikProblem p, const DigitBuffer& digits) {
  const std::string_view d = digits.view();
  switch (p) {
    case NikProblem::kEmpty:
      return Error::parse("NIK is empty (expected 16 digits)");
    case NikProblem::kBadChar:
      return Error::parse(
          fmt::format("NIK '{}' contains '{}' (expected digits; spaces and dots are ignored)", text,
                      digits.badChar));
    case NikProblem::kLength:
      return Error::parse(fmt::format("NIK '{}' has {} digits, expected 16", text, digits.size));
    case NikProblem::kProvince:
      return Error::parse(
          fmt::format("province code {} in NIK '{}' must be 11..99", d.substr(0, 2), text));
    case NikProblem::kRegion:
      return Error::parse(fmt::format("{} code 00 in NIK '{}' must be 01..99",
                                      d.substr(2, 2) == "00" ? "regency" : "district", text));
    case NikProblem::kDay:
      return Error::parse(fmt::format(
          "birth day {} in NIK '{}' must be 01..31 (men) or 41..71 (women)", d.substr(6, 2), text));
    case NikProblem::kMonth:
      return Error::parse(
          fmt::format("birth month {} in NIK '{}' must be 01..12", d.substr(8, 2), text));
    case NikProblem::kDayInMonth:
      return Error::parse(fmt::format("birth day {} in NIK '{}' does not exist in month {}",
                                      d.substr(6, 2), text, d.substr(8, 2)));
    case NikProblem::kSerial:
      return Error::parse(fmt::format("serial 0000 in NIK '{}' must not be 0000", text));
    case NikProblem::kNone:
      break;
  }
  return Error::internal("NIK decoded without a problem");
}

bool nipBirthAgrees(const NipFields& f, const std::optional<CivilDate>& birth) {
  return f.kind == NipKind::kOld || !birth || *birth == f.birthDate;
}

bool nipSexAgrees(const NipFields& f, Sex sex) {
  return f.kind == NipKind::kOld || sex == Sex::kUnknown || f.sex == Sex::kUnknown || sex == f.sex;
}

// PPPK: the NIP holds an appointment year, not a TMT CPNS, and the PPPK layout itself is not
// certain, so it is not compared.
bool nipTmtAgrees(const NipFields& f, const std::optional<CivilDate>& tmtCpns) {
  return f.kind != NipKind::kPns || !tmtCpns ||
         (tmtCpns->year == f.tmtYear && tmtCpns->month == f.tmtMonth);
}

bool nikBirthAgrees(const NikFields& f, const std::optional<CivilDate>& birth) {
  return !birth || (birth->day == f.birthDay && birth->month == f.birthMonth &&
                    birth->year % 100 == f.birthYear2);
}

bool nikSexAgrees(const NikFields& f, Sex sex) {
  return sex == Sex::kUnknown || f.sex == Sex::kUnknown || sex == f.sex;
}

std::string nipBirthMessage(const NipFields& f, const CivilDate& birth) {
  return fmt::format("NIP says birth date {}, record says {}", f.birthDate.iso(), birth.iso());
}

std::string nipSexMessage(const NipFields& f, Sex sex) {
  return fmt::format("NIP says sex {}, record says {}", sexCode(f.sex), sexCode(sex));
}

std::string nipTmtMessage(const NipFields& f, const CivilDate& tmtCpns) {
  return fmt::format("NIP says TMT CPNS {:04}-{:02}, record says {}", f.tmtYear, f.tmtMonth,
                     tmtCpns.iso());
}

std::string nikBirthMessage(const NikFields& f, const CivilDate& birth) {
  return fmt::format("NIK says birth date {:02}-{:02}-{:02} (dd-mm-yy), record says {}", f.birthDay,
                     f.birthMonth, f.birthYear2, birth.iso());
}

std::string nikSexMessage(const NikFields& f, Sex sex) {
  return fmt::format("NIK says sex {}, record says {}", sexCode(f.sex), sexCode(sex));
}

}  // namespace detail

Result<Nip> parseNip(std::string_view text) {
  const std::string_view t = trim(text);
  detail::DigitBuffer digits;
  detail::NipFields f;
  const detail::NipProblem problem = detail::decodeNip(t, digits, f);
  if (problem != detail::NipProblem::kNone) return detail::nipError(t, problem, digits, f);
  Nip nip;
  nip.kind = f.kind;
  nip.digits.assign(digits.view());
  nip.birthDate = f.birthDate;
  nip.tmtYear = f.tmtYear;
  nip.tmtMonth = f.tmtMonth;
  nip.sex = f.sex;
  nip.serial = f.serial;
  return nip;
}

Result<Nik> parseNik(std::string_view text) {
  const std::string_view t = trim(text);
  detail::DigitBuffer digits;
  detail::NikFields f;
  const detail::NikProblem problem = detail::decodeNik(t, digits, f);
  if (problem != detail::NikProblem::kNone) return detail::nikError(t, problem, digits);
  Nik nik;
  nik.digits.assign(digits.view());
  nik.province = f.province;
  nik.regency = f.regency;
  nik.district = f.district;
  nik.birthDay = f.birthDay;
  nik.birthMonth = f.birthMonth;
  nik.birthYear2 = f.birthYear2;
  nik.sex = f.sex;
  nik.serial = f.serial;
  return nik;
}

namespace {

detail::NipFields fieldsOf(const Nip& nip) {
  detail::NipFields f;
  f.kind = nip.kind;
  f.birthDate = nip.birthDate;
  f.tmtYear = nip.tmtYear;
  f.tmtMonth = nip.tmtMonth;
  f.sex = nip.sex;
  f.serial = nip.serial;
  return f;
}

}  // namespace

void checkNip(const Nip& nip, const std::optional<CivilDate>& birth, Sex sex,
              const std::optional<CivilDate>& tmtCpns, std::vector<Inconsistency>& out) {
  const detail::NipFields f = fieldsOf(nip);
  if (!detail::nipBirthAgrees(f, birth))
    out.push_back({"nip_tgl_lahir", detail::nipBirthMessage(f, *birth)});
  if (!detail::nipSexAgrees(f, sex))
    out.push_back({"nip_jenis_kelamin", detail::nipSexMessage(f, sex)});
  if (!detail::nipTmtAgrees(f, tmtCpns))
    out.push_back({"nip_tmt_cpns", detail::nipTmtMessage(f, *tmtCpns)});
}

void checkNik(const Nik& nik, const std::optional<CivilDate>& birth, Sex sex,
              std::vector<Inconsistency>& out) {
  detail::NikFields f;
  f.birthDay = nik.birthDay;
  f.birthMonth = nik.birthMonth;
  f.birthYear2 = nik.birthYear2;
  f.sex = nik.sex;
  if (!detail::nikBirthAgrees(f, birth))
    out.push_back({"nik_tgl_lahir", detail::nikBirthMessage(f, *birth)});
  if (!detail::nikSexAgrees(f, sex))
    out.push_back({"nik_jenis_kelamin", detail::nikSexMessage(f, sex)});
}

std::vector<std::string> nipNeighbours(const std::string& nip) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < nip.size(); ++i) {
    for (char d = '0'; d <= '9'; ++d) {
      if (d == nip[i]) continue;
      std::string v = nip;
      v[i] = d;
      out.push_back(std::move(v));
    }
    if (i + 1 < nip.size() && nip[i] != nip[i + 1]) {
      std::string v = nip;
      std::swap(v[i], v[i + 1]);
      out.push_back(std::move(v));
    }
  }
  return out;
}

}  // namespace sinkron::mappings
