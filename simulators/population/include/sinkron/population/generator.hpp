#pragma once
// PopulationGenerator: a seeded synthetic ASN population, deterministic per (seed, index), with
// realistic inconsistencies between a regional SIMPEG export and SIASN, written as streams
// (SIMPEG CSV, SIASN JSON Lines, truth.csv) in O(1) memory, or read one person at a time.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>

#include "sinkron/population/person.hpp"
#include "sinkron/result.hpp"

namespace sinkron::population {

struct GeneratorOptions {
  std::uint64_t seed = 42;
  std::uint64_t people = 10000;  // at most maxPeople() (about 5.2 million)
  double corruption = 1.0;       // multiplies every defect rate; rates are clamped below 1
  int asOfYear = 2026;           // "today" is 1 January of this year; births span -60..-25 years
};

struct GenerateStats {
  std::uint64_t people = 0;
  std::uint64_t leftRows = 0;   // SIMPEG rows (duplicates included)
  std::uint64_t rightRows = 0;  // SIASN records
  std::uint64_t truePairs = 0;  // (SIMPEG row, SIASN record) pairs describing the same person
};

class PopulationGenerator {
 public:
  explicit PopulationGenerator(GeneratorOptions options);

  const GeneratorOptions& options() const { return options_; }
  // Checks the options (people within capacity, corruption >= 0, asOfYear 1990..2100).
  Status validate() const;
  // How many people fit the NIP/NIK serial space for the birth-year span.
  static std::uint64_t maxPeople();

  // The true person of `index` (< people). Deterministic per (seed, index).
  Person person(std::uint64_t index) const;
  // The person and the rows each system holds. The second form reuses `out`'s storage.
  PersonRecords records(std::uint64_t index) const;
  void records(std::uint64_t index, PersonRecords& out) const;

  // Positions of the streams: which person is the k-th SIASN record candidate (the SIASN file
  // visits people in this seeded permutation), and its inverse.
  std::uint64_t siasnOrder(std::uint64_t k) const;
  // The person whose true NIP is `nipBaru`, if any (O(1), no table): for simulators' look-ups.
  std::optional<std::uint64_t> personByNip(std::string_view nipBaru) const;

  // Writes the three files (parent folders must exist). Errors name the path.
  Result<GenerateStats> writeFiles(const std::filesystem::path& simpegCsv,
                                   const std::filesystem::path& siasnJsonl,
                                   const std::filesystem::path& truthCsv) const;

 private:
  struct Impl;
  GeneratorOptions options_;
  std::shared_ptr<const Impl> impl_;  // immutable: copies share it, calls are thread-safe
};

}  // namespace sinkron::population
