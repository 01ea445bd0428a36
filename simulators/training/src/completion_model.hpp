#pragma once
// CompletionModel: the course completions of every person as a pure function of (population
// seed, person, k): how many rows a person has, each row's course, dates, hours, timestamps and
// attendee defects, and the row id (a keyed bijection of person * 8 + k, so an id decodes back
// to its row without any table).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sinkron/population/generator.hpp"

namespace sinkron::sim::training {

// How the attendee was written down; bits of Completion::defects.
enum AttendeeDefect : std::uint8_t {
  kNobody = 1u << 0,          // NIP and NIK of no one in the population
  kNipEmpty = 1u << 1,        // no NIP, NIK only
  kNipMistyped = 1u << 2,     // one digit of the NIP wrong
  kNipOfNeighbour = 1u << 3,  // the NIP of the person whose NIP is one digit off (decided later)
  kNikEmpty = 1u << 4,        // no NIK
  kNameWithTitles = 1u << 5,  // "Dr. H. Ahmad Yani, S.Pd., M.Si."
  kNameUpper = 1u << 6,       // upper case
};

struct Completion {
  std::uint64_t person = 0;
  int k = 0;  // the person's row number, 0..7
  std::uint32_t id = 0;
  bool diklat = false;
  int jp = 0;
  std::chrono::sys_days mulai, selesai;
  std::int64_t createdAt = 0, updatedAt = 0;  // seconds since the epoch, UTC
  std::uint16_t course = 0, organiser = 0, angkatan = 0;
  std::uint16_t certificateSerial = 0;  // 0: no certificate
  std::uint8_t defects = 0;             // AttendeeDefect bits (kNipOfNeighbour: candidate only)
  std::uint64_t attendeeHash = 0;       // randomness for rendering the attendee
};

// The attendee fields of a row as the training system shows them.
struct Attendee {
  std::string nip;                 // may be empty
  std::optional<std::string> nik;  // nullopt: not captured
  std::string nama;
};

class CompletionModel {
 public:
  CompletionModel(std::uint64_t seed, std::uint64_t people, int asOfYear);
  static constexpr int kMaxRowsPerPerson = 8;

  std::uint64_t people() const { return people_; }
  int rowCount(std::uint64_t person) const;
  Completion row(std::uint64_t person, int k) const;

  std::uint32_t idOf(std::uint64_t person, int k) const;
  // The row of an id, nullopt when it is no row of this model.
  std::optional<Completion> byId(std::uint32_t id) const;

  // Renders the attendee; resolves kNipOfNeighbour against the population (and clears the bit
  // in `row` when the person has no NIP neighbour).
  Attendee attendee(Completion& row, const population::PopulationGenerator& population) const;

  std::string_view courseName(const Completion& row) const;
  std::string courseTitle(const Completion& row) const;  // with "Angkatan <n>" for diklat
  std::string_view organiserName(const Completion& row) const;
  std::string certificateNumber(const Completion& row) const;  // empty when none

 private:
  std::uint64_t seed_, people_;
  std::chrono::sys_days today_;
  std::uint32_t idKey_;
};

}  // namespace sinkron::sim::training
