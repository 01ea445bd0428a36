// Sizes, rates and the per-person defect plan.
#include <algorithm>
#include <cmath>

#include "calendar.hpp"
#include "context.hpp"
#include "random.hpp"

namespace sinkron::population {

namespace {

constexpr std::uint64_t kMaxSerialsPerDay = 400;  // serials ending 1..4 in 001..994
constexpr double kSlotFill = 0.7;                 // share of (day, serial) slots in use
constexpr double kMaxRate = 0.9;

double clampRate(double r) {
  return std::clamp(r, 0.0, kMaxRate);
}

// Scales a group of exclusive rates so that their sum stays below `limit`.
template <typename... R>
void capGroup(double limit, R&... rates) {
  double sum = (rates + ...);
  if (sum > limit) ((rates *= limit / sum), ...);
}

}  // namespace

Rates scaledRates(double c) {
  Rates r;
  double* all[] = {&r.nameTypo,     &r.nameVariant,   &r.titleDiff,       &r.birthDateWrong,
                   &r.sexWrong,     &r.nipDigit,      &r.nipTransposed,   &r.nipMissing,
                   &r.nikDigit,     &r.nikMissing,    &r.golonganDiff,    &r.unitDiff,
                   &r.contactDiff,  &r.simpegOnly,    &r.siasnOnly,       &r.duplicate,
                   &r.namesakePair, &r.twinPair,      &r.nipNeighborPair, &r.nikInvalid,
                   &r.emailEmpty,   &r.activePastBup, &r.nickname};
  for (double* v : all) *v = clampRate(*v * c);
  capGroup(0.6, r.simpegOnly, r.siasnOnly);
  capGroup(0.6, r.nipDigit, r.nipTransposed, r.nipMissing);
  capGroup(0.6, r.nikDigit, r.nikMissing);
  capGroup(0.6, r.namesakePair, r.twinPair, r.nipNeighborPair);
  return r;
}

std::uint64_t Context::capacity(int asOfYear) {
  long first = daysFromCivil({asOfYear - 60, 1, 1});
  long last = daysFromCivil({asOfYear - 25, 12, 31});
  return static_cast<std::uint64_t>(last - first + 1) * kMaxSerialsPerDay;
}

Context::Context(const GeneratorOptions& o) : options(o), rates(scaledRates(o.corruption)) {
  asOf = {o.asOfYear, 1, 1};
  firstBirthDay = daysFromCivil({o.asOfYear - 60, 1, 1});
  birthDays =
      static_cast<std::uint64_t>(daysFromCivil({o.asOfYear - 25, 12, 31}) - firstBirthDay + 1);
  auto wanted = static_cast<std::uint64_t>(
      std::ceil(static_cast<double>(o.people) / (static_cast<double>(birthDays) * kSlotFill)));
  serialsPerDay = std::clamp<std::uint64_t>(wanted, 1, kMaxSerialsPerDay);
  std::uint64_t n = std::max<std::uint64_t>(o.people, 1);
  slots = Permutation(birthDays * serialsPerDay, hash3(o.seed, 0, std::uint64_t(Purpose::kSlot)));
  order = Permutation(n, hash3(o.seed, 0, std::uint64_t(Purpose::kOrder)));
  localIds = Permutation(n, hash3(o.seed, 0, std::uint64_t(Purpose::kLocalId)));
  oldNips = Permutation(n, hash3(o.seed, 1, std::uint64_t(Purpose::kLocalId)));
}

PairKind pairKind(const Context& ctx, std::uint64_t pair) {
  Rng rng(ctx.options.seed, pair, Purpose::kPair);
  double u = rng.uniform();
  const Rates& r = ctx.rates;
  if (u < r.namesakePair) return PairKind::kNamesake;
  if (u < r.namesakePair + r.twinPair) return PairKind::kTwin;
  if (u < r.namesakePair + r.twinPair + r.nipNeighborPair) return PairKind::kNipNeighbor;
  return PairKind::kNone;
}

Plan makePlan(const Context& ctx, std::uint64_t index) {
  const Rates& r = ctx.rates;
  Rng rng(ctx.options.seed, index, Purpose::kPlan);
  Plan plan;

  // Presence; pair members have theirs forced.
  double u = rng.uniform();
  plan.inSimpeg = u >= r.siasnOnly;
  plan.inSiasn = u < r.siasnOnly || u >= r.siasnOnly + r.simpegOnly;
  PairKind pair = pairKindOf(ctx, index);
  bool second = index % 2 == 1;
  if (pair != PairKind::kNone) {
    Rng pairRng(ctx.options.seed, index / 2, Purpose::kPair);
    pairRng.next();
    bool split = pairRng.chance(0.5);
    if (pair == PairKind::kNamesake) {
      plan.other |= bit(Defect::kNamesake);
      plan.inSimpeg = !split || !second;  // split: first only in SIMPEG, second only in SIASN
      plan.inSiasn = !split || second;
    } else if (pair == PairKind::kTwin) {
      plan.other |= bit(Defect::kTwin);
    } else {  // kNipNeighbor: the first's SIMPEG row carries the second's NIP
      plan.inSimpeg = !second || !split;
      plan.inSiasn = true;
      if (!second) plan.simpeg |= bit(Defect::kNipOtherPerson);
    }
  }
  if (!plan.inSiasn) plan.other |= bit(Defect::kSimpegOnly);
  if (!plan.inSimpeg) plan.other |= bit(Defect::kSiasnOnly);
  plan.duplicate = rng.chance(r.duplicate) && plan.inSimpeg;
  if (plan.duplicate) plan.other |= bit(Defect::kDuplicate);

  plan.simpegUpper = rng.chance(0.35);
  plan.siasnUpper = rng.chance(0.55);

  auto sided = [&](Defect d, double rate, double simpegShare) {
    if (!rng.chance(rate)) {
      rng.next();  // keep the stream aligned whether or not the defect is drawn
      return;
    }
    (rng.chance(simpegShare) ? plan.simpeg : plan.siasn) |= bit(d);
  };
  sided(Defect::kNameTypo, r.nameTypo, 0.7);
  sided(Defect::kNameVariant, r.nameVariant, 0.7);
  sided(Defect::kTitleDiff, r.titleDiff, 0.6);
  sided(Defect::kBirthDateWrong, r.birthDateWrong, 1.0);  // SIASN is checked against the NIP
  sided(Defect::kSexWrong, r.sexWrong, 1.0);
  double nip = rng.uniform();
  if ((plan.simpeg & bit(Defect::kNipOtherPerson)) == 0) {
    if (nip < r.nipMissing) {
      plan.simpeg |= bit(Defect::kNipMissing);
    } else if (nip < r.nipMissing + r.nipDigit) {
      plan.simpeg |= bit(Defect::kNipDigit);
    } else if (nip < r.nipMissing + r.nipDigit + r.nipTransposed) {
      plan.simpeg |= bit(Defect::kNipTransposed);
    }
  }
  double nik = rng.uniform();
  bool nikSimpeg = rng.chance(0.65);
  if (nik < r.nikMissing) {
    (nikSimpeg ? plan.simpeg : plan.siasn) |= bit(Defect::kNikMissing);
  } else if (nik < r.nikMissing + r.nikDigit) {
    (nikSimpeg ? plan.simpeg : plan.siasn) |= bit(Defect::kNikDigit);
  }
  sided(Defect::kGolonganDiff, r.golonganDiff, 1.0);
  sided(Defect::kUnitDiff, r.unitDiff, 1.0);
  sided(Defect::kContactDiff, r.contactDiff, 0.6);
  if (rng.chance(r.nikInvalid)) plan.other |= bit(Defect::kNikInvalid);
  if (rng.chance(r.emailEmpty)) plan.other |= bit(Defect::kEmailEmpty);
  plan.activePastBup = rng.chance(r.activePastBup);
  plan.nickname = rng.chance(r.nickname);

  // Differences between the systems exist only where both hold the person.
  if (!(plan.inSimpeg && plan.inSiasn)) {
    plan.simpeg &= bit(Defect::kNipOtherPerson);
    plan.siasn = 0;
    if (!plan.inSimpeg) plan.simpeg = 0;
  } else if (plan.simpegUpper != plan.siasnUpper) {
    plan.other |= bit(Defect::kCaseDiff);
  }
  return plan;
}

}  // namespace sinkron::population
