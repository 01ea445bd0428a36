#pragma once
// NIP (new 18-digit PNS/PPPK, old 9-digit) and NIK parsing, and checks of what they encode
// against a record's own birth date, sex and TMT CPNS.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sinkron/mappings/civil_date.hpp"
#include "sinkron/result.hpp"

namespace sinkron::mappings {

enum class Sex : std::uint8_t { kUnknown = 0, kMale = 1, kFemale = 2 };

// L/P, M/F, 1/2, Laki-laki/Perempuan, Pria/Wanita (any case). Unknown text -> kUnknown.
Sex parseSex(std::string_view text);
// "M", "F" or "" for kUnknown.
std::string_view sexCode(Sex sex);

enum class NipKind { kPns, kPppk, kOld };

struct Nip {
  NipKind kind = NipKind::kPns;
  std::string digits;       // spaces and dots removed
  CivilDate birthDate;      // PNS and PPPK
  int tmtYear = 0;          // PNS: TMT CPNS year; PPPK: appointment year
  int tmtMonth = 0;         // PNS only (0 for PPPK)
  Sex sex = Sex::kUnknown;  // PNS and PPPK
  int serial = 0;
};

// Accepts 18 digits (PNS: YYYYMMDD YYYYMM S NNN; PPPK: YYYYMMDD YYYY 2 F S NNN) or 9 digits (old).
// Spaces are ignored. Errors say what is wrong ("NIP '1990...' has 17 digits, expected 18 or 9",
// "birth date 19901332 in NIP is not a date", "sex digit 3 in NIP must be 1 or 2").
Result<Nip> parseNip(std::string_view text);
// Every digit string one digit or one adjacent transposition away from `nip` (the usual typing
// errors), for finding a person whose NIP was mistyped.
std::vector<std::string> nipNeighbours(const std::string& nip);

struct Nik {
  std::string digits;
  int province = 0, regency = 0, district = 0;
  int birthDay = 0;  // already with the +40 for women removed
  int birthMonth = 0;
  int birthYear2 = 0;  // two-digit year
  Sex sex = Sex::kUnknown;
  int serial = 0;
  bool matchesBirthDate(const CivilDate& d) const {
    return d.day == birthDay && d.month == birthMonth && d.year % 100 == birthYear2;
  }
};

// 16 digits; province code 11..99; day 1..31 or 41..71; month 1..12; serial not 0000.
Result<Nik> parseNik(std::string_view text);

// One finding about a record: a stable code for reports and a message for a person.
struct Inconsistency {
  std::string_view
      code;  // e.g. "nip_tgl_lahir", "nip_jenis_kelamin", "nip_tmt_cpns", "nik_tgl_lahir"
  std::string message;  // names both values: "NIP says 1990-01-31, record says 1990-01-13"
};

// Compares what the NIP encodes with the record's own values; absent values are not compared.
void checkNip(const Nip& nip, const std::optional<CivilDate>& birth, Sex sex,
              const std::optional<CivilDate>& tmtCpns, std::vector<Inconsistency>& out);
void checkNik(const Nik& nik, const std::optional<CivilDate>& birth, Sex sex,
              std::vector<Inconsistency>& out);

}  // namespace sinkron::mappings
