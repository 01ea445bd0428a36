#pragma once
// Corrections of a pegawai row (PATCH /api/v1/pegawai/{id}): the fields that may change, their
// checks, and applying them to a row.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sinkron/sim/simpeg_model.hpp"

namespace sinkron::sim::simpeg {

enum class PegawaiField : std::uint8_t {
  kNipBaru,
  kNipLama,
  kNama,
  kGelarDepan,
  kGelarBelakang,
  kTempatLahir,
  kTglLahir,
  kJenisKelamin,
  kNik,
  kEmail,
  kNoHp,
  kIdUnitKerja,
  kIdJ,
  kNoRefBkn,
};

struct FieldValue {
  PegawaiField field;
  std::string value;  // canonical text (dates ISO, ids decimal); empty = NULL
};

std::string_view fieldName(PegawaiField field);
void applyField(PegawaiRow& row, const FieldValue& value);

struct PatchCheck {
  std::string bodyError;                                    // not a JSON object
  std::vector<std::pair<std::string, std::string>> errors;  // field -> what is wrong
  std::vector<FieldValue> values;                           // valid when both are empty
};

struct PatchReferences {
  std::function<bool(std::uint32_t)> unitKnown, jabatanKnown;
};

// Parses and checks a PATCH body: every member must be a known field with a valid value.
PatchCheck checkPatch(std::string_view body, const PatchReferences& references);

}  // namespace sinkron::sim::simpeg
