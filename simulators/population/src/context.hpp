#pragma once
// What the generator shares between its parts: the options turned into sizes, permutations and
// defect rates (Context), the per-person defect plan (Plan) and the person under construction
// with the internal values the row builders need (Draft).
#include <cstdint>
#include <string>

#include "names.hpp"
#include "org.hpp"
#include "permutation.hpp"
#include "sinkron/population/generator.hpp"
#include "sinkron/population/person.hpp"

namespace sinkron::population {

// Defect rates after multiplying by the corruption factor and clamping.
struct Rates {
  double nameTypo = 0.02, nameVariant = 0.03, titleDiff = 0.05, birthDateWrong = 0.01,
         sexWrong = 0.003, nipDigit = 0.0045, nipTransposed = 0.002, nipMissing = 0.003,
         nikDigit = 0.01, nikMissing = 0.02, golonganDiff = 0.03, unitDiff = 0.05,
         contactDiff = 0.05, simpegOnly = 0.02, siasnOnly = 0.02, duplicate = 0.005,
         namesakePair = 0.003, twinPair = 0.001, nipNeighborPair = 0.001, nikInvalid = 0.002,
         emailEmpty = 0.01, activePastBup = 0.05, nickname = 0.0005;
};
Rates scaledRates(double corruption);

enum class PairKind : std::uint8_t { kNone, kNamesake, kTwin, kNipNeighbor };

struct Context {
  GeneratorOptions options;
  Date asOf;                        // 1 January of asOfYear
  long firstBirthDay = 0;           // days since epoch of the earliest birth date
  std::uint64_t birthDays = 0;      // number of possible birth dates
  std::uint64_t serialsPerDay = 1;  // normal NIP serials used per birth date (<= 400)
  Permutation slots;                // person -> (birth day, serial) slot
  Permutation order;                // SIASN file position -> person
  Permutation localIds;             // person -> SIMPEG id_pegawai offset
  Permutation oldNips;              // person -> NIP lama number
  Rates rates;

  explicit Context(const GeneratorOptions& o);
  static std::uint64_t capacity(int asOfYear);
};

// Pairs (2p, 2p+1) may be hard negatives: the second person borrows from the first.
PairKind pairKind(const Context& ctx, std::uint64_t pair);
inline PairKind pairKindOf(const Context& ctx, std::uint64_t index) {
  std::uint64_t pair = index / 2;
  if (2 * pair + 1 >= ctx.options.people) return PairKind::kNone;
  return pairKind(ctx, pair);
}

struct Plan {
  std::uint32_t simpeg = 0;  // Defect bits that show on the SIMPEG row
  std::uint32_t siasn = 0;   // Defect bits that show on the SIASN record
  std::uint32_t other = 0;   // presence, pair and both-side anomaly bits
  bool inSimpeg = true, inSiasn = true, duplicate = false;
  bool simpegUpper = false, siasnUpper = false;  // name case in each system
  bool activePastBup = false;                    // applies only to people past BUP
  bool nickname = false;
};
Plan makePlan(const Context& ctx, std::uint64_t index);

struct Draft {
  Person person;
  Plan plan;
  NameGroup group = NameGroup::kJavanese;
  std::string given, family;
  const Place* birthPlace = nullptr;
  std::uint64_t birthDay = 0;     // index into the birth-date span
  std::uint64_t serialIndex = 0;  // r: the normal serial slot of this person (or its partner)
  int nipSerial = 1;
  int nikProvince = 0, nikRegency = 0, nikDistrict = 0;
  int pppkFrequency = 1;
  Education education = Education::kS1;
  int functionalFamily = -1;  // index into functionalFamilies(), -1 when none
  int golonganStep = 8;
  std::uint32_t unit = 0;  // index into units()
  std::uint16_t jabatanCatalog = 0;
  std::string otherNip;  // kNipOtherPerson: the partner's real NIP
};

// `plan` may pass makePlan(ctx, index) when the caller has it already.
void buildPerson(const Context& ctx, std::uint64_t index, Draft& out, const Plan* plan = nullptr);
void buildSimpegRow(const Context& ctx, const Draft& d, bool duplicate, SimpegRow& out);
void buildSiasnRecord(const Context& ctx, const Draft& d, SiasnRecord& out);

}  // namespace sinkron::population
