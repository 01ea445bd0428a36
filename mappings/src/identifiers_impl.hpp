#pragma once
// Allocation-free NIP/NIK decoding shared by identifiers.cpp and anomalies.cpp. The public
// parseNip/parseNik wrap these and build the Error text only when decoding fails.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sinkron/mappings/identifiers.hpp"
#include "sinkron/result.hpp"

namespace sinkron::mappings::detail {

struct DigitBuffer {
  std::array<char, 18> d{};
  std::size_t size = 0;  // digit count; may exceed d.size() (then only the count is meaningful)
  char badChar = 0;      // first character that is neither digit nor ignorable
  std::string_view view() const { return {d.data(), size <= d.size() ? size : d.size()}; }
};

enum class NipProblem : std::uint8_t {
  kNone,
  kEmpty,
  kBadChar,
  kLength,
  kBirthDate,
  kTmt,
  kTmtBeforeBirth,
  kFrequency,
  kSex,
  kSerial,
  kOldZero,
};

struct NipFields {
  NipKind kind = NipKind::kPns;
  CivilDate birthDate;
  int tmtYear = 0, tmtMonth = 0;
  int frequency = 0;  // PPPK only
  Sex sex = Sex::kUnknown;
  int serial = 0;
};

NipProblem decodeNip(std::string_view text, DigitBuffer& digits, NipFields& out);
Error nipError(std::string_view text, NipProblem p, const DigitBuffer& digits, const NipFields& f);

enum class NikProblem : std::uint8_t {
  kNone,
  kEmpty,
  kBadChar,
  kLength,
  kProvince,
  kRegion,
  kDay,
  kMonth,
  kDayInMonth,
  kSerial,
};

struct NikFields {
  int province = 0, regency = 0, district = 0;
  int birthDay = 0, birthMonth = 0, birthYear2 = 0;
  Sex sex = Sex::kUnknown;
  int serial = 0;
};

NikProblem decodeNik(std::string_view text, DigitBuffer& digits, NikFields& out);
Error nikError(std::string_view text, NikProblem p, const DigitBuffer& digits);

// Comparisons against a record: each returns true on agreement or when a side is absent.
bool nipBirthAgrees(const NipFields& f, const std::optional<CivilDate>& birth);
bool nipSexAgrees(const NipFields& f, Sex sex);
bool nipTmtAgrees(const NipFields& f, const std::optional<CivilDate>& tmtCpns);
bool nikBirthAgrees(const NikFields& f, const std::optional<CivilDate>& birth);
bool nikSexAgrees(const NikFields& f, Sex sex);

// Messages naming both values, built only after a comparison failed.
std::string nipBirthMessage(const NipFields& f, const CivilDate& birth);
std::string nipSexMessage(const NipFields& f, Sex sex);
std::string nipTmtMessage(const NipFields& f, const CivilDate& tmtCpns);
std::string nikBirthMessage(const NikFields& f, const CivilDate& birth);
std::string nikSexMessage(const NikFields& f, Sex sex);

}  // namespace sinkron::mappings::detail
