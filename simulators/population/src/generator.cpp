#include "sinkron/population/generator.hpp"

#include <cmath>
#include <string>

#include "calendar.hpp"
#include "context.hpp"
#include "writers.hpp"

namespace sinkron::population {

struct PopulationGenerator::Impl : Context {
  using Context::Context;
};

PopulationGenerator::PopulationGenerator(GeneratorOptions options)
    : options_(options), impl_(std::make_shared<const Impl>(options)) {}

std::uint64_t PopulationGenerator::maxPeople() {
  return Context::capacity(GeneratorOptions{}.asOfYear);
}

Status PopulationGenerator::validate() const {
  if (options_.asOfYear < 1990 || options_.asOfYear > 2100) {
    return Error::invalid("population: asOfYear " + std::to_string(options_.asOfYear) +
                          " is outside 1990..2100");
  }
  if (!std::isfinite(options_.corruption) || options_.corruption < 0) {
    return Error::invalid("population: corruption must be a number >= 0");
  }
  std::uint64_t cap = Context::capacity(options_.asOfYear);
  if (options_.people > cap) {
    return Error::invalid("population: " + std::to_string(options_.people) +
                          " people exceed the NIP serial space of " + std::to_string(cap));
  }
  return {};
}

Person PopulationGenerator::person(std::uint64_t index) const {
  thread_local Draft d;
  buildPerson(*impl_, index, d);
  return d.person;
}

PersonRecords PopulationGenerator::records(std::uint64_t index) const {
  PersonRecords out;
  records(index, out);
  return out;
}

void PopulationGenerator::records(std::uint64_t index, PersonRecords& out) const {
  thread_local Draft d;
  buildPerson(*impl_, index, d);
  out.person = d.person;
  out.simpegCount = 0;
  if (d.plan.inSimpeg) buildSimpegRow(*impl_, d, false, out.simpeg[out.simpegCount++]);
  if (d.plan.duplicate) buildSimpegRow(*impl_, d, true, out.simpeg[out.simpegCount++]);
  if (d.plan.inSiasn) buildSiasnRecord(*impl_, d, out.siasn);
}

std::uint64_t PopulationGenerator::siasnOrder(std::uint64_t k) const {
  return impl_->order.forward(k);
}

std::optional<std::uint64_t> PopulationGenerator::personByNip(std::string_view nip) const {
  const Context& ctx = *impl_;
  if (nip.size() != 18) return std::nullopt;
  for (char c : nip)
    if (c < '0' || c > '9') return std::nullopt;
  auto num = [&](std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i) v = v * 10 + (nip[i] - '0');
    return v;
  };
  Date birth{num(0, 4), num(4, 2), num(6, 2)};
  if (!isValidDate(birth)) return std::nullopt;
  long day = daysFromCivil(birth) - ctx.firstBirthDay;
  if (day < 0 || static_cast<std::uint64_t>(day) >= ctx.birthDays) return std::nullopt;
  int serial = num(15, 3);
  int last = serial % 10;
  bool copy = last >= 6;
  int base = copy ? last - 5 : last;
  if (base < 1 || base > 4) return std::nullopt;
  std::uint64_t r =
      static_cast<std::uint64_t>(serial / 10) * 4 + static_cast<std::uint64_t>(base - 1);
  if (r >= ctx.serialsPerDay) return std::nullopt;
  std::uint64_t index = ctx.slots.inverse(static_cast<std::uint64_t>(day) * ctx.serialsPerDay + r);
  if (copy) {
    if (index % 2 != 0 || pairKindOf(ctx, index) == PairKind::kNone) return std::nullopt;
    ++index;
  } else if (index % 2 == 1 && pairKindOf(ctx, index) != PairKind::kNone) {
    return std::nullopt;  // the slot of a pair's second person is unused
  }
  if (index >= ctx.options.people) return std::nullopt;
  thread_local Draft d;
  buildPerson(ctx, index, d);
  if (d.person.nipBaru != nip) return std::nullopt;
  return index;
}

Result<GenerateStats> PopulationGenerator::writeFiles(const std::filesystem::path& simpegCsv,
                                                      const std::filesystem::path& siasnJsonl,
                                                      const std::filesystem::path& truthCsv) const {
  if (Status v = validate(); !v) return v.error();
  const Context& ctx = *impl_;
  const std::uint64_t n = ctx.options.people;
  BufferedFile simpeg, siasn, truth;
  if (Status s = simpeg.open(simpegCsv); !s) return s.error();
  if (Status s = siasn.open(siasnJsonl); !s) return s.error();
  if (Status s = truth.open(truthCsv); !s) return s.error();
  simpeg.buffer().append(kSimpegHeader);
  truth.buffer().append(kTruthHeader);

  GenerateStats stats;
  stats.people = n;
  Draft d;
  SimpegRow row;
  SiasnRecord rec;
  auto flushBoth = [&](BufferedFile& data) -> Status {
    if (Status s = data.maybeFlush(); !s) return s;
    return truth.maybeFlush();
  };

  // SIMPEG in person order, then the duplicate rows (entered later) at the end.
  for (int pass = 0; pass < 2; ++pass) {
    bool duplicates = pass == 1;
    for (std::uint64_t i = 0; i < n; ++i) {
      Plan plan = makePlan(ctx, i);
      if (duplicates ? !plan.duplicate : !plan.inSimpeg) continue;
      buildPerson(ctx, i, d, &plan);
      buildSimpegRow(ctx, d, duplicates, row);
      appendSimpegRow(simpeg.buffer(), row);
      appendTruth(truth.buffer(), "left", row.idPegawai, i);
      ++stats.leftRows;
      if (plan.inSiasn) ++stats.truePairs;
      if (Status s = flushBoth(simpeg); !s) return s.error();
    }
  }
  // SIASN in a seeded permutation of the people.
  for (std::uint64_t k = 0; k < n; ++k) {
    std::uint64_t i = ctx.order.forward(k);
    Plan plan = makePlan(ctx, i);
    if (!plan.inSiasn) continue;
    buildPerson(ctx, i, d, &plan);
    buildSiasnRecord(ctx, d, rec);
    appendSiasnRecord(siasn.buffer(), rec);
    appendTruth(truth.buffer(), "right", rec.nipBaru, i);
    ++stats.rightRows;
    if (Status s = flushBoth(siasn); !s) return s.error();
  }
  for (BufferedFile* f : {&simpeg, &siasn, &truth}) {
    if (Status s = f->close(); !s) return s.error();
  }
  return stats;
}

}  // namespace sinkron::population
